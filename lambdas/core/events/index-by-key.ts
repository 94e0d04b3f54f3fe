import { Bucket, fieldKey, type RequiredField, requiredFields } from "./bucket.js";
import {
  type EventKey,
  eventKey,
  leavesAt,
  NONE,
  requiredValues,
  THROUGH_ARRAYS,
  withoutFields,
} from "./index-keys.js";
import { compilePattern, type EventMatcher } from "./pattern.js";
import { runShared, type SharedTest, SharedTests } from "./shared-tests.js";
import type { EventPattern, Leaf } from "./types.js";
import { type FieldGetter, fieldGetter, getOrAdd, isJsonObject, type JsonObject } from "./values.js";

export interface PatternIndexOptions {
  /**
   * Dotted paths of the fields that narrow the candidates. A pattern that lists only exact values
   * for such a field is filed under those values; otherwise under "any value".
   * @default ["source", "detail-type", "detail.tenantId", "detail.recordType"]
   */
  readonly fields?: readonly string[];
  /**
   * Most buckets one pattern is filed under; past it, the field with the most values is not used
   * for that pattern (a pattern listing 10 values on each of 4 fields would need 10,000).
   * @default 64
   */
  readonly maxBucketsPerPattern?: number;
}

interface Entry<T> {
  readonly value: T;
  readonly test: EventMatcher;
  /**
   * The pattern without the exact fields it is filed under: reaching its bucket already proved
   * them. Only valid when no array of objects lies on an indexed path (array consistency).
   */
  readonly rest: SharedTest;
  readonly restPattern: JsonObject;
  /** Per indexed field: the exact values the pattern requires, or undefined for "any value". */
  readonly keys: readonly (readonly Leaf[] | undefined)[];
  /** The other fields it pins to exact values, on which a large bucket may split. */
  readonly required: ReadonlyMap<string, RequiredField>;
  /** The last `match` call that ran this entry, so an entry filed in two buckets runs once. */
  seen: number;
}

interface Node<T> {
  any: Node<T> | undefined;
  readonly byValue: Map<Leaf, Node<T>>;
  readonly bucket: Bucket<Entry<T>>;
}

/**
 * Matches an event against many patterns without trying each: patterns are filed in a trie keyed
 * by the exact values they require for a few discriminating fields (one level per field, plus an
 * "any value" branch), and only the patterns in the buckets the event's values reach are run.
 * A large bucket splits itself on another exact-valued field its patterns share (see `Bucket`),
 * and patterns equal but for their indexed fields share one test, run once per event.
 * Results equal a linear scan of `matchesPattern` over all patterns; their order is unspecified.
 *
 * @example
 * const index = new PatternIndex<string>();
 * index.add("t1", { source: ["autopilot.records"], "detail-type": ["record.created"] }, "trigger-1");
 * index.match({ source: "autopilot.records", "detail-type": "record.created", detail: {} }); // ["trigger-1"]
 */
export class PatternIndex<T> {
  private readonly paths: readonly (readonly FieldGetter[])[];
  private readonly fields: readonly (readonly string[])[];
  private readonly maxBuckets: number;
  private readonly root: Node<T> = node();
  private readonly byId = new Map<string, Entry<T>>();
  private readonly shared = new SharedTests();
  private generation = 0;
  /** Scratch space for `match`, which never runs re-entrantly (matchers call nothing back). */
  private readonly lists: (readonly Entry<T>[])[] = [];

  constructor(options: PatternIndexOptions = {}) {
    const fields = options.fields ?? ["source", "detail-type", "detail.tenantId", "detail.recordType"];
    this.fields = fields.map((f) => f.split("."));
    this.paths = this.fields.map((segments) => segments.map(fieldGetter));
    this.maxBuckets = options.maxBucketsPerPattern ?? 64;
  }

  get size(): number {
    return this.byId.size;
  }

  /** How many distinct compiled tests the patterns share (patterns equal but for indexed fields share one). */
  get distinctTests(): number {
    return this.shared.size;
  }

  /** Adds (or replaces) the pattern `id`; throws `InvalidEventPatternError` for an invalid pattern. */
  add(id: string, pattern: EventPattern, value: T): void {
    const test = compilePattern(pattern);
    this.remove(id);
    const keys = this.keysOf(pattern);
    const filed = this.fields.filter((_, i) => keys[i] !== undefined);
    const restPattern = withoutFields(pattern as JsonObject, filed);
    const rest = this.shared.acquire(restPattern);
    const required = requiredFields(pattern, new Set(filed.map(fieldKey)));
    const entry: Entry<T> = { value, test, rest, restPattern, keys, required, seen: 0 };
    this.byId.set(id, entry);
    this.insert(this.root, 0, entry);
  }

  /** Removes the pattern `id`; false if there was none. */
  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    this.byId.delete(id);
    this.delete(this.root, 0, entry);
    this.shared.release(entry.restPattern);
    return true;
  }

  /** The values of every pattern that matches `event`. */
  match(event: unknown): T[] {
    const out: T[] = [];
    // Without an array of objects on an indexed path, reaching a bucket proves its exact fields.
    let consistent = isJsonObject(event);
    const keys = this.paths.map((path) => {
      const key = isJsonObject(event) ? eventKey(event, path) : NONE;
      if (key !== THROUGH_ARRAYS) return key;
      consistent = false;
      return leavesAt(event, path);
    });
    this.visit(this.root, 0, event, keys, ++this.generation, consistent, out);
    return out;
  }

  private visit(
    n: Node<T>,
    level: number,
    event: unknown,
    keys: readonly EventKey[],
    gen: number,
    consistent: boolean,
    out: T[],
  ): void {
    if (level === keys.length) {
      const lists = this.lists;
      const from = lists.length;
      n.bucket.candidates(event, lists);
      for (let i = from; i < lists.length; i++)
        for (const e of lists[i] as readonly Entry<T>[]) {
          if (e.seen === gen) continue;
          e.seen = gen;
          if (consistent ? runShared(e.rest, event as JsonObject, gen) : e.test(event)) out.push(e.value);
        }
      lists.length = from;
      return;
    }
    if (n.any !== undefined) this.visit(n.any, level + 1, event, keys, gen, consistent, out);
    const key = keys[level] as EventKey;
    if (n.byValue.size === 0 || key === NONE) return;
    for (const v of Array.isArray(key) ? (key as readonly Leaf[]) : [key as Leaf]) {
      const child = n.byValue.get(v);
      if (child !== undefined) this.visit(child, level + 1, event, keys, gen, consistent, out);
    }
  }

  private insert(n: Node<T>, level: number, e: Entry<T>): void {
    if (level === e.keys.length) {
      n.bucket.add(e);
      return;
    }
    const values = e.keys[level];
    if (values === undefined) {
      n.any ??= node();
      this.insert(n.any, level + 1, e);
      return;
    }
    for (const v of values) this.insert(getOrAdd(n.byValue, v, node<T>), level + 1, e);
  }

  /** Removes `e` below `n`, pruning emptied nodes; true if `n` is left empty. */
  private delete(n: Node<T>, level: number, e: Entry<T>): boolean {
    const values = e.keys[level];
    if (level === e.keys.length) {
      n.bucket.remove(e);
    } else if (values === undefined) {
      if (n.any !== undefined && this.delete(n.any, level + 1, e)) n.any = undefined;
    } else {
      for (const v of values) {
        const child = n.byValue.get(v);
        if (child !== undefined && this.delete(child, level + 1, e)) n.byValue.delete(v);
      }
    }
    return n.bucket.size === 0 && n.any === undefined && n.byValue.size === 0;
  }

  private keysOf(pattern: EventPattern): (readonly Leaf[] | undefined)[] {
    const keys = this.fields.map((segments) => requiredValues(pattern, segments));
    const buckets = () => keys.reduce((n, k) => n * (k?.length ?? 1), 1);
    while (buckets() > this.maxBuckets) {
      let widest = 0;
      keys.forEach((k, i) => {
        if ((k?.length ?? 0) > (keys[widest]?.length ?? 0)) widest = i;
      });
      keys[widest] = undefined;
    }
    return keys;
  }
}

function node<T>(): Node<T> {
  return { any: undefined, byValue: new Map(), bucket: new Bucket() };
}
