import { type LeafTest, parseAlternative } from "./operators.js";
import type { Leaf } from "./types.js";
import { fieldGetter, hasLeaf, isJsonObject, isLeaf, type JsonObject, someLeaf } from "./values.js";

/** Tests the object a (nested) pattern is applied to; `undefined` when the event has none there. */
export type NodeTest = (node: JsonObject | undefined) => boolean;

/** Tests the raw value of one field against the field's list of alternatives. */
type FieldTest = (value: unknown) => boolean;

/**
 * Compiles a validated pattern object. Leaf checks run before nested patterns and `$or`, since
 * they are cheaper and usually decide. A nested pattern applied to an array of objects must match
 * within one element (EventBridge's array consistency); where the event has no object at all, the
 * nested pattern sees nothing, so only `{"exists": false}` leaves can match there.
 */
export function compileObject(pattern: JsonObject): NodeTest {
  const leaves: NodeTest[] = [];
  const rest: NodeTest[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === "$or" && Array.isArray(value)) {
      const branches = value.map((p) => compileObject(p as JsonObject));
      rest.push((node) => {
        for (const b of branches) if (b(node)) return true;
        return false;
      });
    } else if (Array.isArray(value)) {
      const test = compileAlternatives(value);
      if (key in Object.prototype) {
        const get = fieldGetter(key);
        leaves.push((node) => test(get(node)));
      } else leaves.push((node) => test(node === undefined ? undefined : node[key]));
    } else {
      rest.push(compileNested(key, compileObject(value as JsonObject)));
    }
  }
  return all([...leaves, ...rest]);
}

function all(tests: readonly NodeTest[]): NodeTest {
  const [a, b, c] = tests;
  if (tests.length === 1 && a) return a;
  if (tests.length === 2 && a && b) return (n) => a(n) && b(n);
  if (tests.length === 3 && a && b && c) return (n) => a(n) && b(n) && c(n);
  return (n) => {
    for (const t of tests) if (!t(n)) return false;
    return true;
  };
}

function compileNested(key: string, sub: NodeTest): NodeTest {
  const get = key in Object.prototype ? fieldGetter(key) : undefined;
  const matchesNothing = sub(undefined);
  return (node) => {
    const v = get !== undefined ? get(node) : node === undefined ? undefined : node[key];
    if (isJsonObject(v)) return sub(v);
    if (Array.isArray(v)) return someObject(v, sub) || (matchesNothing && !hasObject(v));
    return matchesNothing;
  };
}

function someObject(list: readonly unknown[], sub: NodeTest): boolean {
  for (const e of list) if (Array.isArray(e) ? someObject(e, sub) : isJsonObject(e) && sub(e)) return true;
  return false;
}

function hasObject(list: readonly unknown[]): boolean {
  return list.some((e) => (Array.isArray(e) ? hasObject(e) : isJsonObject(e)));
}

/** Compiles a validated list of alternatives: sets for exact values, then the operators' tests. */
export function compileAlternatives(list: readonly unknown[]): FieldTest {
  const exact: Leaf[] = [];
  const tests: LeafTest[] = [];
  let existsTrue = false;
  let existsFalse = false;
  for (const raw of list) {
    const alt = parseAlternative(raw);
    if (alt.kind === "exact") exact.push(alt.value);
    else if (alt.kind === "test") tests.push(alt.test);
    else if (alt.kind === "exists") {
      if (alt.exists) existsTrue = true;
      else existsFalse = true;
    } else throw new Error(`compileAlternatives: invalid alternative (${alt.message})`);
  }
  const value = valueTest(exact, tests);
  if (value === undefined) {
    if (existsTrue && existsFalse) return () => true;
    return existsTrue ? hasLeaf : (v) => !hasLeaf(v);
  }
  if (!existsTrue && !existsFalse) {
    const [only] = exact;
    if (exact.length === 1 && tests.length === 0)
      return (v) => v === only || (Array.isArray(v) && (v.includes(only) || someLeaf(v, value)));
    return (v) => (isLeaf(v) ? value(v) : Array.isArray(v) && someLeaf(v, value));
  }
  return (v) => {
    if (isLeaf(v)) return existsTrue || value(v);
    if (Array.isArray(v) && someLeaf(v, value)) return true;
    const present = hasLeaf(v);
    return (existsTrue && present) || (existsFalse && !present);
  };
}

/** Exact values go in one set (numbers compare by value: 300 and 3.0e2 are one number once parsed). */
function valueTest(exact: readonly Leaf[], tests: readonly LeafTest[]): LeafTest | undefined {
  if (exact.length === 0 && tests.length === 0) return undefined;
  const set = new Set<Leaf>(exact);
  if (tests.length === 0) {
    const [only] = exact;
    return exact.length === 1 ? (v) => v === only : (v) => set.has(v);
  }
  if (exact.length === 0 && tests.length === 1) return tests[0];
  return (v) => {
    if (set.has(v)) return true;
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}
