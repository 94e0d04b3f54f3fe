import { z } from "zod";
import { createEngagementHandler } from "../lambdas/handlers/engagement.js";
import { type Route, route } from "../lambdas/handlers/http/app.js";
import type { Bus, Clock, Records } from "../lambdas/ports.js";

/** One SES event record, or a list of them: validated record by record by the parser. */
export const SesEventsBody = z.union([z.array(z.unknown()).max(500), z.record(z.string(), z.unknown())]);

/**
 * `POST /_local/ses-events`: feeds SES event records (as SES publishes them to SNS or
 * EventBridge) to the engagement handler, since aws-ses-v2-local publishes none. Only the
 * caller's workspace's mail counts.
 * @example
 * POST /_local/ses-events [{"eventType":"Open","mail":{…},"open":{…}}] → {"published":1,"skipped":[]}
 */
export function localSesEventRoutes(deps: { bus: Bus; records: Records; clock: Clock }): Route[] {
  const engagement = createEngagementHandler(deps);
  return [
    route({
      route: "POST /_local/ses-events",
      body: SesEventsBody,
      fn: async ({ caller, body }) =>
        engagement(Array.isArray(body) ? body : [body], { tenantId: caller.tenantId }),
    }),
  ];
}
