import type { BusEvent } from "../core/record-events.js";
import type { EmailIndex } from "../ingress-ports.js";

const emailOf = (image: unknown): string | undefined => {
  const e = (image as Record<string, unknown> | undefined)?.email;
  return typeof e === "string" && e.includes("@") ? e.trim().toLowerCase() : undefined;
};

/**
 * Keeps the email index (identify by email, no scan) in step with contacts, from their record
 * events: the index follows the stream, so no API handler writes it beside the record.
 * Wire it as a target of contact `record.*` events.
 * @example
 * bus target: await indexEmails(event) // record.updated with a new email → old entry out, new in
 */
export function createEmailIndexer(deps: { emailIndex: EmailIndex }) {
  return async (event: BusEvent): Promise<void> => {
    const d = event.detail;
    if (d.recordType !== "contact" || typeof d.recordId !== "string") return;
    const type = event["detail-type"];
    if (!type.startsWith("record.")) return; // list.joined and the like carry the same record
    const now = type === "record.deleted" ? undefined : emailOf(d.record);
    const before =
      type === "record.created" ? undefined : emailOf(type === "record.deleted" ? d.record : d.previous);
    if (before === now) return;
    if (before) await deps.emailIndex.remove(d.tenantId, before, d.recordId);
    if (now) await deps.emailIndex.put(d.tenantId, now, d.recordId);
  };
}
