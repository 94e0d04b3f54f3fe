import { z } from "zod";
import { isIanaTimeZone } from "../../../statemachines/definitions/primitives.js";
import type { Users } from "../../ports.js";
import { type Route, route } from "../http/app.js";
import { Role } from "../http/caller.js";

export const UserBody = z.strictObject({
  id: z.string().regex(/^[\w-]{1,64}$/, "letters, digits, _ and -"),
  email: z.email(),
  name: z.string().max(200).optional(),
  role: Role,
  timezone: z.string().refine(isIanaTimeZone, "not an IANA time zone").default("UTC"),
  sendAs: z.email().optional(),
});

/** `POST /users` (admin: create or replace), `GET /users`. */
export function userRoutes(deps: { users: Users }): Route[] {
  return [
    route({
      route: "POST /users",
      body: UserBody,
      roles: ["admin"],
      status: 201,
      fn: async ({ caller, body }) => {
        const user = Object.fromEntries(
          Object.entries(body).filter(([, v]) => v !== undefined),
        ) as typeof body;
        await deps.users.put(caller.tenantId, user as never);
        return user;
      },
    }),
    route({
      route: "GET /users",
      fn: async ({ caller }) => ({ items: await deps.users.list(caller.tenantId) }),
    }),
  ];
}
