import { eventKey, leavesAt, NONE, THROUGH_ARRAYS } from "./index-keys.js";
import type { EventPattern, Leaf } from "./types.js";
import { type FieldGetter, fieldGetter, getOrAdd, isJsonObject, isLeaf, type JsonObject } from "./values.js";

/** An exact-valued field a pattern requires: no event without one of `values` there can match. */
export interface RequiredField {
  readonly path: readonly FieldGetter[];
  readonly values: readonly Leaf[];
}

/** What a bucket needs of its entries: their required fields, keyed by `fieldKey`. */
export interface Splittable {
  readonly required: ReadonlyMap<string, RequiredField>;
}

/** Buckets up to this size are scanned; larger ones split on their most discriminating field. */
const SPLIT_ABOVE = 8;
const MAX_DEPTH = 3;

export function fieldKey(segments: readonly string[]): string {
  return JSON.stringify(segments);
}

/** Every field the pattern pins to exact values, outside `$or` and except those in `skip`. */
export function requiredFields(pattern: EventPattern, skip: ReadonlySet<string>): Map<string, RequiredField> {
  const out = new Map<string, RequiredField>();
  const walk = (obj: JsonObject, path: readonly string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === "$or") continue;
      const at = [...path, k];
      if (isJsonObject(v)) walk(v, at);
      else if (Array.isArray(v) && v.every(isLeaf) && !skip.has(fieldKey(at)))
        out.set(fieldKey(at), { path: at.map(fieldGetter), values: [...new Set<Leaf>(v)] });
    }
  };
  walk(pattern as JsonObject, []);
  return out;
}

/**
 * The patterns of one trie leaf. A large bucket splits itself (lazily, after changes) on the field
 * that leaves the fewest candidates per event, say `detail.automationId` or `detail.changed`, so
 * the index narrows on fields it was not told about; split buckets may split again, on another field.
 */
export class Bucket<E extends Splittable> {
  private readonly entries: E[] = [];
  private split: { path: readonly FieldGetter[]; byValue: Map<Leaf, Bucket<E>>; rest: Bucket<E> } | undefined;
  private dirty = false;

  constructor(
    private readonly depth = 0,
    private readonly used: ReadonlySet<string> = new Set(),
  ) {}

  get size(): number {
    return this.entries.length;
  }

  add(e: E): void {
    this.entries.push(e);
    this.dirty = true;
  }

  remove(e: E): void {
    const i = this.entries.indexOf(e);
    if (i >= 0) this.entries.splice(i, 1);
    this.dirty = true;
  }

  /** Appends the lists of entries that might match `event` (an entry may be in two lists). */
  candidates(event: unknown, out: (readonly E[])[]): void {
    if (this.dirty) this.rebuild();
    const s = this.split;
    if (s === undefined) {
      if (this.entries.length > 0) out.push(this.entries);
      return;
    }
    s.rest.candidates(event, out);
    let key = eventKey(event, s.path);
    if (key === THROUGH_ARRAYS) key = leavesAt(event, s.path);
    if (key === NONE) return;
    if (!Array.isArray(key)) s.byValue.get(key as Leaf)?.candidates(event, out);
    else for (const v of key as readonly Leaf[]) s.byValue.get(v)?.candidates(event, out);
  }

  private rebuild(): void {
    this.dirty = false;
    this.split = undefined;
    const best = this.depth < MAX_DEPTH && this.entries.length > SPLIT_ABOVE ? this.bestField() : undefined;
    if (best === undefined) return;
    const used = new Set([...this.used, best.key]);
    const byValue = new Map<Leaf, Bucket<E>>();
    const rest = new Bucket<E>(this.depth + 1, used);
    for (const e of this.entries) {
      const req = e.required.get(best.key);
      if (req === undefined) {
        rest.add(e);
        continue;
      }
      for (const v of req.values) getOrAdd(byValue, v, () => new Bucket<E>(this.depth + 1, used)).add(e);
    }
    this.split = { path: best.path, byValue, rest };
  }

  /**
   * The field with the fewest expected candidates per event: the entries that do not pin it, plus
   * the average size of a value's sub-bucket (weighted as if events used values as patterns do).
   * None if no field would cut the candidates by a quarter.
   */
  private bestField(): { key: string; path: readonly FieldGetter[] } | undefined {
    const stats = new Map<
      string,
      { path: readonly FieldGetter[]; pinned: number; perValue: Map<Leaf, number> }
    >();
    for (const e of this.entries)
      for (const [key, req] of e.required) {
        if (this.used.has(key)) continue;
        const s = getOrAdd(stats, key, () => ({
          path: req.path,
          pinned: 0,
          perValue: new Map<Leaf, number>(),
        }));
        s.pinned++;
        for (const v of req.values) s.perValue.set(v, (s.perValue.get(v) ?? 0) + 1);
      }
    const n = this.entries.length;
    let best: { key: string; path: readonly FieldGetter[] } | undefined;
    let bestCost = n * 0.75;
    for (const [key, s] of stats) {
      let squares = 0;
      for (const count of s.perValue.values()) squares += count * count;
      const cost = n - s.pinned + squares / s.pinned;
      if (cost < bestCost) {
        bestCost = cost;
        best = { key, path: s.path };
      }
    }
    return best;
  }
}
