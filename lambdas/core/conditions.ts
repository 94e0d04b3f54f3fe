import { type Condition, isPredicate, type Predicate } from "../../statemachines/definitions/conditions.js";
import { type Facts, getPath } from "./facts.js";

/**
 * Evaluates a condition on the facts. The one implementation: triggers, workflow conditions,
 * branches, goals, sequence criteria and territory rules all call this.
 * @example evaluate({field: "contact.country", op: "in", value: ["US", "CA"]}, {contact: {country: "US"}}) // true
 */
export function evaluate(condition: Condition, facts: Facts): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluate(c, facts));
  if ("any" in condition) return condition.any.some((c) => evaluate(c, facts));
  if ("not" in condition) return !evaluate(condition.not, facts);
  if (isPredicate(condition)) return test(condition, facts);
  return false;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "string") return b.trim() !== "" && Number(b) === a;
  if (typeof a === "string" && typeof b === "number") return same(b, a);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object")
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Numbers compare as numbers, ISO dates as instants, other strings case-insensitively. */
function compare(a: unknown, b: unknown): number | undefined {
  if (isEmpty(a) || isEmpty(b)) return undefined;
  const na = typeof a === "number" ? a : typeof a === "string" && a.trim() !== "" ? Number(a) : Number.NaN;
  const nb = typeof b === "number" ? b : typeof b === "string" && b.trim() !== "" ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (typeof a === "string" && typeof b === "string") {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (
      /^\d{4}-\d{2}-\d{2}/.test(a) &&
      /^\d{4}-\d{2}-\d{2}/.test(b) &&
      !Number.isNaN(da) &&
      !Number.isNaN(db)
    )
      return da - db;
    return a.localeCompare(b, "en", { sensitivity: "base" });
  }
  return undefined;
}

const lower = (v: unknown) => String(v).toLowerCase();

function contains(actual: unknown, value: unknown): boolean {
  if (Array.isArray(actual))
    return actual.some((x) => same(x, value) || (typeof x === "string" && lower(x) === lower(value)));
  if (typeof actual === "string") return lower(actual).includes(lower(value));
  return false;
}

/** For change operators, `record.stage` is read from the record before the change. */
function previousValue(field: string, facts: Facts): unknown {
  const [root, ...rest] = field.split(".");
  return root === "record" ? getPath(facts.previous, rest.join(".")) : undefined;
}

function isIn(actual: unknown, value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  const one = (a: unknown) => value.some((v) => same(a, v));
  return Array.isArray(actual) ? actual.some(one) : one(actual);
}

/** `eq` on a list field (tags, lists) means "has this element". */
function equals(actual: unknown, value: unknown): boolean {
  return Array.isArray(actual) && !Array.isArray(value) ? contains(actual, value) : same(actual, value);
}

function test({ field, op, value }: Predicate, facts: Facts): boolean {
  const actual = getPath(facts, field);
  const c = () => compare(actual, value);
  const before = () => previousValue(field, facts);
  const changed = () => facts.previous !== undefined && !same(before(), actual);
  switch (op) {
    case "eq":
      return equals(actual, value);
    case "neq":
      return !equals(actual, value);
    case "gt":
      return (c() ?? 0) > 0;
    case "gte":
      return (c() ?? -1) >= 0;
    case "lt":
      return (c() ?? 0) < 0;
    case "lte":
      return (c() ?? 1) <= 0;
    case "contains":
      return contains(actual, value);
    case "notContains":
      return !contains(actual, value);
    case "startsWith":
      return typeof actual === "string" && lower(actual).startsWith(lower(value));
    case "endsWith":
      return typeof actual === "string" && lower(actual).endsWith(lower(value));
    case "in":
      return isIn(actual, value);
    case "notIn":
      return !isIn(actual, value);
    case "exists":
      return !isEmpty(actual);
    case "notExists":
      return isEmpty(actual);
    case "changed":
      return changed();
    case "changedTo":
      return same(actual, value) && changed();
    case "changedFrom":
      return same(before(), value) && changed();
  }
}
