import type { Leaf } from "./types.js";

/** A JSON object (not an array, not null): the only kind of value a nested pattern descends into. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isLeaf(v: unknown): v is Leaf {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** Reads a field; keys that name `Object.prototype` members (`constructor`, `__proto__`) are read safely. */
export type FieldGetter = (node: JsonObject | undefined) => unknown;

export function fieldGetter(key: string): FieldGetter {
  if (key in Object.prototype)
    return (node) => (node !== undefined && Object.hasOwn(node, key) ? node[key] : undefined);
  return (node) => (node === undefined ? undefined : node[key]);
}

/**
 * True if some leaf under `v` passes `test`. Arrays are searched at any depth, since EventBridge
 * matches a field holding an array when any element matches; objects hold no leaf of their own.
 */
export function someLeaf(v: unknown, test: (leaf: Leaf) => boolean): boolean {
  if (Array.isArray(v)) {
    for (const e of v) if (Array.isArray(e) ? someLeaf(e, test) : isLeaf(e) && test(e)) return true;
    return false;
  }
  return isLeaf(v) && test(v);
}

/** True if the field holds at least one leaf: what `{"exists": true}` asks. `[]` and `{}` hold none. */
export function hasLeaf(v: unknown): boolean {
  if (Array.isArray(v)) {
    for (const e of v) if (hasLeaf(e)) return true;
    return false;
  }
  return isLeaf(v);
}

/** Appends every leaf at the dotted `path` under `v`, looking through arrays at every level. */
export function collectLeaves(v: unknown, path: readonly FieldGetter[], from: number, out: Leaf[]): void {
  if (Array.isArray(v)) {
    for (const e of v) collectLeaves(e, path, from, out);
    return;
  }
  const get = path[from];
  if (get === undefined) {
    if (isLeaf(v)) out.push(v);
    return;
  }
  if (isJsonObject(v)) collectLeaves(get(v), path, from + 1, out);
}

/** The value under `key`, made and stored first if missing. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
