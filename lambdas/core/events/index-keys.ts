import type { EventPattern, Leaf } from "./types.js";
import { collectLeaves, type FieldGetter, isJsonObject, isLeaf, type JsonObject } from "./values.js";

/** The event has no leaf at the path. */
export const NONE = Symbol("no value");
/** The path crosses an array of objects: the leaves are there, but from different elements. */
export const THROUGH_ARRAYS = Symbol("through arrays");

export type EventKey = Leaf | readonly Leaf[] | typeof NONE;

/**
 * The event's leaves at a path: one leaf (without allocating) in the common case, a list when the
 * field holds an array, or THROUGH_ARRAYS when an array of objects lies on the way.
 */
export function eventKey(event: unknown, path: readonly FieldGetter[]): EventKey | typeof THROUGH_ARRAYS {
  let at: unknown = event;
  for (const get of path) {
    if (Array.isArray(at)) return THROUGH_ARRAYS;
    if (!isJsonObject(at)) return NONE;
    at = get(at);
  }
  if (isLeaf(at)) return at;
  return Array.isArray(at) ? leavesAt(at, []) : NONE;
}

/** Every leaf at the path, through arrays at any level. */
export function leavesAt(event: unknown, path: readonly FieldGetter[]): EventKey {
  const out: Leaf[] = [];
  collectLeaves(event, path, 0, out);
  return out.length === 0 ? NONE : out;
}

/**
 * The exact values a pattern requires at `segments`, or undefined if it accepts others there
 * (an operator, a missing field, or a field reached only through `$or`).
 */
export function requiredValues(
  pattern: EventPattern,
  segments: readonly string[],
): readonly Leaf[] | undefined {
  let at: unknown = pattern;
  for (const s of segments) {
    if (!isJsonObject(at) || !Object.hasOwn(at, s)) return undefined;
    at = at[s];
  }
  if (!Array.isArray(at) || !at.every(isLeaf)) return undefined;
  return [...new Set<Leaf>(at)];
}

/** A copy of `pattern` without the fields at `paths` (each a list of segments); the rest is shared. */
export function withoutFields(pattern: JsonObject, paths: readonly (readonly string[])[]): JsonObject {
  let out = pattern;
  for (const path of paths) out = without(out, path, 0);
  return out;
}

function without(obj: JsonObject, path: readonly string[], i: number): JsonObject {
  const key = path[i] as string;
  const copy = { ...obj };
  const value = obj[key];
  if (i === path.length - 1) delete copy[key];
  else if (isJsonObject(value)) copy[key] = without(value, path, i + 1);
  return copy;
}
