import type { Secrets } from "../../ports.js";
import { type Route, route } from "../http/app.js";

/**
 * `GET /webhook-secrets/{name}` (admin): the signing secret a webhook step names, created on first
 * use, so that the receiving system can verify the Standard Webhooks signature.
 */
export function secretRoutes(deps: { secrets: Secrets }): Route[] {
  return [
    route({
      route: "GET /webhook-secrets/{name}",
      roles: ["admin"],
      fn: async ({ caller, params }) => ({
        name: params.name,
        secret: await deps.secrets.get(caller.tenantId, String(params.name)),
      }),
    }),
  ];
}
