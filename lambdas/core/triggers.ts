import type { Condition } from "../../statemachines/definitions/conditions.js";
import type { Trigger } from "../../statemachines/definitions/triggers.js";
import { evaluate } from "./conditions.js";
import { type Facts, getPath } from "./facts.js";
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
 * A value as the index keys it, equal exactly when `eq` says equal: numbers and numeric strings
 * by number, other strings as they are, booleans as booleans.
 */
function valueKey(v: unknown): string | undefined {
  if (typeof v === "number") return `n:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  if (typeof v !== "string") return undefined;
  return v.trim() !== "" && !Number.isNaN(Number(v)) ? `n:${Number(v)}` : `s:${v}`;
}

/** A predicate every match must satisfy with one of a few exact values: what the index keys on. */
function anchorOf(where: Condition | undefined): { field: string; keys: string[] } | undefined {
  if (where === undefined) return undefined;
  if ("all" in where) {
    for (const c of where.all) {
      const a = anchorOf(c);
      if (a) return a;
    }
    return undefined;
  }
  if (!("field" in where)) return undefined;
  const values =
    where.op === "eq" || where.op === "changedTo"
      ? [where.value]
      : where.op === "in"
        ? where.value
        : undefined;
  if (!Array.isArray(values)) return undefined;
  const keys = values.map(valueKey);
  return keys.every((k): k is string => k !== undefined) ? { field: where.field, keys } : undefined;
}

interface Bucket {
  loose: IndexedTrigger[];
  /** field → value key → triggers whose anchor is that field and value. */
  anchored: Map<string, Map<string, IndexedTrigger[]>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The router's index of one workspace's active triggers. An event looks up the triggers that
 * share its type and key (record type, list, custom name); among those, triggers whose `where`
 * pins a field to exact values (`eq`, `in`, `changedTo`) are found by that field's value in the
 * event, the rest are evaluated one by one.
 * @example
 * const index = new TriggerIndex([{automationId: "big-deal", version: 1, index: 0, trigger}]);
 * index.match(event) // the triggers whose automations should start
 */
export class TriggerIndex {
  private readonly buckets = new Map<string, Bucket>();

  constructor(triggers: Iterable<IndexedTrigger> = []) {
    for (const t of triggers) this.add(t);
  }

  add(t: IndexedTrigger): void {
    const key = keyOfTrigger(t.trigger);
    if (key === undefined) return;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { loose: [], anchored: new Map() };
      this.buckets.set(key, bucket);
    }
    const anchor = anchorOf("where" in t.trigger ? t.trigger.where : undefined);
    if (!anchor) {
      bucket.loose.push(t);
      return;
    }
    let byValue = bucket.anchored.get(anchor.field);
    if (!byValue) {
      byValue = new Map();
      bucket.anchored.set(anchor.field, byValue);
    }
    for (const k of new Set(anchor.keys)) push(byValue, k, t);
  }

  match(event: BusEvent): IndexedTrigger[] {
    const bucket = this.buckets.get(keyOfEvent(event));
    if (!bucket) return [];
    const facts = factsOfEvent(event);
    const candidates = new Set(bucket.loose);
    for (const [field, byValue] of bucket.anchored) {
      const actual = getPath(facts, field);
      // `eq` on a list field means "has this element": look each element up.
      for (const v of Array.isArray(actual) ? actual : [actual]) {
        const k = valueKey(v);
        for (const t of (k && byValue.get(k)) || []) candidates.add(t);
      }
    }
    return [...candidates].filter((t) => passes(t, event, facts));
  }
}

/** The same answer as the index, by scanning every trigger: the reference for tests and the bench. */
export function matchLinear(triggers: readonly IndexedTrigger[], event: BusEvent): IndexedTrigger[] {
  const facts = factsOfEvent(event);
  const key = keyOfEvent(event);
  return triggers.filter((t) => keyOfTrigger(t.trigger) === key && passes(t, event, facts));
}
