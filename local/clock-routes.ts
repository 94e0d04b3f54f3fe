import { z } from "zod";
import { type Route, route } from "../lambdas/handlers/http/app.js";
import { Duration } from "../statemachines/definitions/primitives.js";
import type { VirtualClock } from "./clock.js";

export const ClockMove = z.union(
  [z.strictObject({ advance: Duration }), z.strictObject({ to: z.iso.datetime() })],
  {
    error: 'give {"advance": "P3D"} or {"to": "2027-03-01T10:00:00Z"}',
  },
);

/** `GET /_local/clock`, `POST /_local/clock {"advance": "P3D"}`: moves time and fires what became due. */
export function clockRoutes(deps: { clock: VirtualClock; settle: () => Promise<void> }): Route[] {
  return [
    route({ route: "GET /_local/clock", fn: async () => ({ now: deps.clock.now().toISOString() }) }),
    route({
      route: "POST /_local/clock",
      body: ClockMove,
      fn: async ({ body }) => {
        const now =
          "advance" in body ? await deps.clock.advance(body.advance) : await deps.clock.to(new Date(body.to));
        await deps.settle();
        return { now: now.toISOString() };
      },
    }),
  ];
}
