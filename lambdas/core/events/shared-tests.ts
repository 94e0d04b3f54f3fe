import { compileObject, type NodeTest } from "./compile.js";
import { getOrAdd, type JsonObject } from "./values.js";

/** A compiled (sub)pattern shared by every entry with the same one, and its result for one event. */
export interface SharedTest {
  readonly test: NodeTest;
  refs: number;
  /** The `match` call `result` belongs to. */
  gen: number;
  result: boolean;
}

/**
 * Compiles each distinct (sub)pattern once and runs it at most once per event: automations often
 * share a trigger ("a contact visits /pricing"), and then one test answers for all of them.
 */
export class SharedTests {
  private readonly byKey = new Map<string, SharedTest>();

  get size(): number {
    return this.byKey.size;
  }

  acquire(pattern: JsonObject): SharedTest {
    const key = canonical(pattern);
    const shared = getOrAdd(this.byKey, key, () => ({
      test: compileObject(pattern),
      refs: 0,
      gen: 0,
      result: false,
    }));
    shared.refs++;
    return shared;
  }

  release(pattern: JsonObject): void {
    const key = canonical(pattern);
    const shared = this.byKey.get(key);
    if (shared !== undefined && --shared.refs === 0) this.byKey.delete(key);
  }
}

/** Runs a shared test on `event`, once per `gen`. */
export function runShared(s: SharedTest, event: JsonObject, gen: number): boolean {
  if (s.gen !== gen) {
    s.gen = gen;
    s.result = s.test(event);
  }
  return s.result;
}

/** JSON with object keys sorted, so key order does not split equal patterns. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as JsonObject)[k])}`).join(",")}}`;
}
