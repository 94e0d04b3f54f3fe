import { ConflictError } from "../../core/errors.js";
import type { WriteKeys } from "../../ingress-ports.js";
import type { Ids, Workspaces } from "../../ports.js";
import { type Route, route } from "../http/app.js";

/**
 * `GET /workspace` (admin): the plan, the time zone and the write key websites track with.
 * `POST /workspace/write-key` (admin): creates the write key, or rotates it: the old one stops
 * working at once (a leaked key is the usual reason to rotate).
 * @example
 * POST /workspace/write-key → 200 {"writeKey":"wk_01J…"}
 */
export function workspaceRoutes(deps: { workspaces: Workspaces; writeKeys: WriteKeys; ids: Ids }): Route[] {
  return [
    route({
      route: "GET /workspace",
      roles: ["admin"],
      fn: async ({ caller }) => {
        const w = await deps.workspaces.get(caller.tenantId);
        // A workspace never configured runs on the defaults the rest of the API assumes.
        return { plan: w?.plan ?? "trial", timezone: w?.timezone ?? "UTC", writeKey: w?.writeKey ?? null };
      },
    }),
    route({
      route: "POST /workspace/write-key",
      roles: ["admin"],
      fn: async ({ caller }) => {
        const previous = (await deps.workspaces.get(caller.tenantId))?.writeKey;
        const writeKey = deps.ids.next("wk");
        if (!(await deps.writeKeys.rotate(caller.tenantId, previous, writeKey)))
          throw new ConflictError("the write key was rotated meanwhile: read it again");
        return { writeKey };
      },
    }),
  ];
}
