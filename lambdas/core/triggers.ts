import type { Trigger } from "../../statemachines/definitions/triggers.js";
import { evaluate } from "./conditions.js";
import type { Facts } from "./facts.js";
import type { BusEvent } from "./record-events.js";

/** An active automation's trigger, as the router indexes it. */
export interface IndexedTrigger {
  automationId: string;
  version: number;
  /** Position in the definition's triggers (a journey has several). */
  index: number;
  trigger: Trigger;
}

/** The facts a trigger's `where` reads from an event: the record, its previous image, the event. */
export function factsOfEvent(event: BusEvent): Facts {
  const d = event.detail;
  const record = (d.record ?? undefined) as Record<string, unknown> | undefined;
  return {
    ...(record ? { record } : {}),
    ...(d.recordType === "contact" && record ? { contact: record } : {}),
    ...(d.previous ? { previous: d.previous as Record<string, unknown> } : {}),
    event: { type: event["detail-type"], ...d },
  };
}

/** The exact part of a trigger that an event must share: its type and its one discriminating value. */
function keyOfTrigger(t: Trigger): string | undefined {
  switch (t.event) {
    case "record.created":
    case "record.updated":
    case "record.deleted":
      return `${t.event}|${t.recordType}`;
    case "list.joined":
    case "list.left":
      return `${t.event}|${t.list}`;
    case "custom":
      return `custom|${t.name}`;
    case "date":
    case "manual":
      return undefined; // started by the scheduler or by a user, never by a bus event
    default:
      return `${t.event}|*`;
  }
}

function keyOfEvent(event: BusEvent): string {
  const type = event["detail-type"];
  const d = event.detail;
  if (type.startsWith("record.")) return `${type}|${String(d.recordType)}`;
  if (type === "list.joined" || type === "list.left") return `${type}|${String(d.list)}`;
  if (type === "custom") return `custom|${String(d.name)}`;
  return `${type}|*`;
}

function passes(t: IndexedTrigger, event: BusEvent, facts: Facts): boolean {
  const trigger = t.trigger;
  if (
    "automation" in trigger &&
    trigger.automation !== undefined &&
    trigger.automation !== event.detail.automationId
  )
    return false;
  return !("where" in trigger) || trigger.where === undefined || evaluate(trigger.where, facts);
}

/**
 * The router's index of one workspace's active triggers: an event looks up the few triggers that
 * share its type and key (record type, list, custom name), then evaluates their `where`.
 * @example
 * const index = new TriggerIndex([{automationId: "big-deal", version: 1, index: 0, trigger}]);
 * index.match(event) // the triggers whose automations should start
 */
export class TriggerIndex {
  private readonly byKey = new Map<string, IndexedTrigger[]>();

  constructor(triggers: Iterable<IndexedTrigger> = []) {
    for (const t of triggers) this.add(t);
  }

  add(t: IndexedTrigger): void {
    const key = keyOfTrigger(t.trigger);
    if (key === undefined) return;
    const list = this.byKey.get(key) ?? [];
    list.push(t);
    this.byKey.set(key, list);
  }

  match(event: BusEvent): IndexedTrigger[] {
    const candidates = this.byKey.get(keyOfEvent(event));
    if (!candidates) return [];
    const facts = factsOfEvent(event);
    return candidates.filter((t) => passes(t, event, facts));
  }
}

/** The same answer as the index, by scanning every trigger: the reference for tests and the bench. */
export function matchLinear(triggers: readonly IndexedTrigger[], event: BusEvent): IndexedTrigger[] {
  const facts = factsOfEvent(event);
  const key = keyOfEvent(event);
  return triggers.filter((t) => keyOfTrigger(t.trigger) === key && passes(t, event, facts));
}
