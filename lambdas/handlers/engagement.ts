import type { BusEvent } from "../core/record-events.js";
import { parseSesEvent } from "../core/ses-events.js";
import type { Bus, Clock, Records } from "../ports.js";

export interface EngagementResult {
  published: number;
  /** Records that produced no event, by their position in the input, with why. */
  skipped: { index: number; reason: string }[];
}

export interface EngagementOptions {
  /** Accept only mail of this workspace (the local route: a caller posts its own workspace's events). */
  tenantId?: string;
}

/**
 * SES engagement → the bus: each SES event record (SNS, EventBridge or Firehose form) becomes an
 * `email.*` event; a permanent bounce or a complaint also marks the contact `bounced` /
 * `complained`, which every message step reads (lambdas/core/suppression.ts). Safe to run twice
 * on the same records: event ids are deterministic and the marks are idempotent.
 * @example
 * const handle = createEngagementHandler({ bus, records, clock });
 * await handle([snsMessage]) // { published: 1, skipped: [] }
 */
export function createEngagementHandler(deps: { bus: Bus; records: Records; clock: Clock }) {
  return async (records: unknown[], options: EngagementOptions = {}): Promise<EngagementResult> => {
    const events: BusEvent[] = [];
    const marks: { tenantId: string; contactId: string; field: "bounced" | "complained" }[] = [];
    const skipped: EngagementResult["skipped"] = [];
    for (const [index, raw] of records.entries()) {
      const parsed = parseSesEvent(raw);
      if (!parsed.ok) {
        skipped.push({ index, reason: parsed.reason });
        continue;
      }
      const { tenantId, contactId } = parsed.event.detail;
      if (options.tenantId !== undefined && tenantId !== options.tenantId) {
        skipped.push({ index, reason: "mail of another workspace" });
        continue;
      }
      events.push(parsed.event);
      if (parsed.suppress && typeof contactId === "string")
        marks.push({ tenantId, contactId, field: parsed.suppress });
    }
    // Suppress before publishing: if publishing fails, the retry publishes the same ids, and no
    // step can send to the contact in between.
    for (const m of marks) {
      const contact = await deps.records.get(m.tenantId, "contact", m.contactId);
      if (contact && contact[m.field] !== true)
        await deps.records.update(
          m.tenantId,
          "contact",
          m.contactId,
          { [m.field]: true },
          deps.clock.now(),
          undefined,
          contact,
        );
    }
    if (events.length > 0) await deps.bus.publish(events);
    return { published: events.length, skipped };
  };
}
