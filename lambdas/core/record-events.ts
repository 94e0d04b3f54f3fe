import type { RecordType } from "../../statemachines/definitions/primitives.js";

/** An event on the bus, in EventBridge's shape; `detail-type` is the trigger event name. */
export interface BusEvent {
  id: string;
  source: string;
  "detail-type": string;
  time: string;
  detail: { tenantId: string; [key: string]: unknown };
}

export type RecordImage = Record<string, unknown>;

/** One change of one record, as the DynamoDB stream gives it (old and new images). */
export interface RecordChange {
  tenantId: string;
  recordType: RecordType;
  recordId: string;
  /** Absent when the record was created. */
  oldImage?: RecordImage | undefined;
  /** Absent when the record was deleted. */
  newImage?: RecordImage | undefined;
  /** The stream's sequence number: event ids derive from it, so a replay has the same ids. */
  sequence: string;
  at: Date;
}

export const RECORD_SOURCE = "autopilot.records";
const IGNORED = new Set(["updatedAt", "version", "_origin"]);

/** Fields whose value differs between the two images (by JSON value). */
export function changedFields(oldImage: RecordImage = {}, newImage: RecordImage = {}): string[] {
  const keys = new Set([...Object.keys(oldImage), ...Object.keys(newImage)]);
  return [...keys]
    .filter((k) => !IGNORED.has(k) && JSON.stringify(oldImage[k]) !== JSON.stringify(newImage[k]))
    .sort();
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/**
 * The events one record change produces: `record.created|updated|deleted`, and the ones derived
 * from it — `deal.won|lost` (stage changed to won/lost), `list.joined|left` (a contact's lists),
 * `task.completed` (an activity's status changed to completed). The same function reads the
 * DynamoDB stream on AWS and the local store's change feed, so there are no dual writes.
 */
export function recordChangeEvents(change: RecordChange): BusEvent[] {
  const { tenantId, recordType, recordId, oldImage, newImage } = change;
  const kind = oldImage === undefined ? "created" : newImage === undefined ? "deleted" : "updated";
  const changed = kind === "updated" ? changedFields(oldImage, newImage) : [];
  if (kind === "updated" && changed.length === 0) return [];
  const base = { tenantId, recordType, recordId };
  const events: BusEvent[] = [];
  const emit = (type: string, detail: Record<string, unknown>) =>
    events.push({
      id: `${change.sequence}:${events.length}`,
      source: RECORD_SOURCE,
      "detail-type": type,
      time: change.at.toISOString(),
      detail: { ...base, ...detail },
    });
  emit(`record.${kind}`, {
    record: newImage ?? oldImage,
    ...(kind === "updated" ? { previous: oldImage, changed } : {}),
  });
  if (kind !== "updated" || !newImage) return events;
  if (
    recordType === "deal" &&
    changed.includes("stage") &&
    (newImage.stage === "won" || newImage.stage === "lost")
  ) {
    emit(`deal.${newImage.stage}`, { record: newImage, previous: oldImage });
  }
  if (recordType === "activity" && changed.includes("status") && newImage.status === "completed") {
    emit("task.completed", { record: newImage });
  }
  if (recordType === "contact" && changed.includes("lists")) {
    const before = new Set(asList(oldImage?.lists));
    const after = new Set(asList(newImage.lists));
    for (const list of after) if (!before.has(list)) emit("list.joined", { record: newImage, list });
    for (const list of before) if (!after.has(list)) emit("list.left", { record: newImage, list });
  }
  return events;
}
