import { type Condition, isPredicate } from "../definitions/conditions.js";
import { clip } from "./escape.js";

/**
 * A value as a person would write it: strings bare, lists as `[US, CA]`, objects as JSON.
 * @example formatValue(["US", "CA"]) // "[US, CA]"
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return JSON.stringify(value) ?? String(value);
}

function render(c: Condition, nested: boolean): string {
  if (isPredicate(c))
    return [c.field, c.op, ...(c.value === undefined ? [] : [formatValue(c.value)])].join(" ");
  if ("not" in c) return `not (${render(c.not, false)})`;
  const [word, parts] = "all" in c ? ["and", c.all] : ["or", c.any];
  const text = parts.map((p) => render(p, true)).join(` ${word} `);
  return nested && parts.length > 1 ? `(${text})` : text;
}

/**
 * A condition in words, cut to a label's length.
 * @example describeCondition({all: [{field: "a", op: "exists"}, {field: "b", op: "eq", value: 1}]})
 * // "a exists and b eq 1"
 */
export function describeCondition(condition: Condition): string {
  return clip(render(condition, false));
}
