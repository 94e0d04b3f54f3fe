import { z } from "zod";
import type { BusEvent } from "../../core/record-events.js";
import type { Bus, Clock, Ids } from "../../ports.js";
import { type Route, route } from "../http/app.js";

/** Where custom events come from: the router's rule listens to it (lambdas/core/events/rules.ts). */
export const CUSTOM_SOURCE = "autopilot.custom";

export const CustomEventBody = z.strictObject({
  /** What a `custom` trigger or waitFor names. */
  name: z.string().regex(/^[\w.:-]{1,100}$/, "1 to 100 letters, digits or . : _ -"),
  contactId: z.string().min(1).max(128),
  properties: z.record(z.string(), z.unknown()).optional(),
  /** An idempotency id: the same id twice is one event (the router deduplicates by id). */
  id: z
    .string()
    .regex(/^[\w.:-]{1,128}$/, "1 to 128 letters, digits or . : _ -")
    .optional(),
});
export type CustomEventBody = z.infer<typeof CustomEventBody>;

/**
 * `POST /events`: another system tells that something happened to a contact; automations with a
 * `custom` trigger or waiting for it react. Answers 202 with the event id.
 * @example
 * POST /events {"name":"trial.started","contactId":"ctc_1","id":"order-42"} → 202 {"id":"order-42"}
 */
export function eventRoutes(deps: { bus: Bus; clock: Clock; ids: Ids }): Route[] {
  return [
    route({
      route: "POST /events",
      body: CustomEventBody,
      status: 202,
      fn: async ({ caller, body }) => {
        const event: BusEvent = {
          id: body.id ?? deps.ids.next("evt"),
          source: CUSTOM_SOURCE,
          "detail-type": "custom",
          time: deps.clock.now().toISOString(),
          detail: {
            tenantId: caller.tenantId,
            name: body.name,
            contactId: body.contactId,
            properties: body.properties ?? {},
          },
        };
        await deps.bus.publish([event]);
        return { id: event.id };
      },
    }),
  ];
}
