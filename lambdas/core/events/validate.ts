import { OPERATORS, parseAlternative } from "./operators.js";
import type { PatternProblem } from "./types.js";
import { isJsonObject } from "./values.js";

const OPERATOR_NAMES: ReadonlySet<string> = new Set(OPERATORS);

/**
 * Every reason EventBridge would refuse `pattern`, each at a dotted path; `[]` means it is valid.
 * The rules follow EventBridge's: fields hold a non-empty list of alternatives or a nested
 * pattern; alternatives are exact JSON values or one-operator objects; `$or` holds 2+ patterns.
 *
 * @example
 * validatePattern({ detail: { amount: [{ numeric: [">"] }] } });
 * // [{ path: "detail.amount", message: "numeric needs pairs of operator and number" }]
 */
export function validatePattern(pattern: unknown): PatternProblem[] {
  const out: PatternProblem[] = [];
  if (!isJsonObject(pattern)) out.push({ path: "", message: "a pattern must be a JSON object" });
  else checkObject(pattern, [], false, out);
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkObject(
  obj: Readonly<Record<string, unknown>>,
  path: readonly string[],
  insideOr: boolean,
  out: PatternProblem[],
): void {
  const keys = Object.keys(obj);
  if (keys.length === 0) out.push(problem(path, "empty objects are not allowed"));
  for (const key of keys) {
    const value = obj[key];
    const at = [...path, key];
    if (key === "$or") {
      checkOr(value, at, out);
      continue;
    }
    if (insideOr && OPERATOR_NAMES.has(key))
      out.push(problem(at, `"${key}" is an operator name and cannot be a field name inside $or`));
    if (Array.isArray(value)) checkAlternatives(value, at, out);
    else if (isJsonObject(value)) checkObject(value, at, insideOr, out);
    else out.push(problem(at, "must be a list of alternatives or a nested pattern"));
  }
}

function checkOr(value: unknown, at: readonly string[], out: PatternProblem[]): void {
  if (!Array.isArray(value) || value.length < 2)
    out.push(problem(at, "$or needs a list of at least 2 patterns"));
  if (!Array.isArray(value)) return;
  value.forEach((p, i) => {
    if (isJsonObject(p)) checkObject(p, [...at, String(i)], true, out);
    else out.push(problem([...at, String(i)], "each $or alternative must be a pattern object"));
  });
}

function checkAlternatives(list: readonly unknown[], at: readonly string[], out: PatternProblem[]): void {
  if (list.length === 0) out.push(problem(at, "empty lists are not allowed: give at least one alternative"));
  for (const raw of list) {
    const alt = parseAlternative(raw);
    if (alt.kind === "error") out.push(problem(at, alt.message));
  }
}

function problem(path: readonly string[], message: string): PatternProblem {
  return { path: path.join("."), message };
}
