const PAIRS = "numeric needs pairs of operator and number";

/**
 * `{"numeric": [">", 0, "<=", 5]}`: one comparison (`=`, `<`, `<=`, `>`, `>=`), or a lower bound
 * (`>`/`>=`) followed by an upper bound (`<`/`<=`), as EventBridge accepts. Only JSON numbers
 * match. Returns the test or the reason the expression is refused.
 *
 * @example
 * const r = parseNumeric([">", 0, "<=", 5]);
 * r.ok && r.test(5); // true
 */
export function parseNumeric(
  spec: unknown,
): { ok: true; test: (n: number) => boolean } | { ok: false; message: string } {
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) return { ok: false, message: PAIRS };
  const [op, value, op2, value2] = spec as unknown[];
  if (typeof op !== "string" || !isOperator(op))
    return { ok: false, message: `numeric: unknown operator ${show(op)}` };
  if (!isNumber(value)) return { ok: false, message: `numeric: value of "${op}" must be a number` };
  if (spec.length === 2) return { ok: true, test: compare(op, value) };
  if (op !== ">" && op !== ">=")
    return { ok: false, message: `numeric: only a lower bound (">" or ">=") can start a range, not "${op}"` };
  if (op2 !== "<" && op2 !== "<=")
    return {
      ok: false,
      message: `numeric: a range ends with an upper bound ("<" or "<="), not ${show(op2)}`,
    };
  if (!isNumber(value2)) return { ok: false, message: `numeric: value of "${op2}" must be a number` };
  if (value > value2 || (value === value2 && (op === ">" || op2 === "<")))
    return { ok: false, message: `numeric: the range ${op} ${value}, ${op2} ${value2} is empty` };
  const lo = value;
  const hi = value2;
  if (op === ">") return { ok: true, test: op2 === "<" ? (n) => n > lo && n < hi : (n) => n > lo && n <= hi };
  return { ok: true, test: op2 === "<" ? (n) => n >= lo && n < hi : (n) => n >= lo && n <= hi };
}

type Operator = "=" | "<" | "<=" | ">" | ">=";

function isOperator(op: string): op is Operator {
  return op === "=" || op === "<" || op === "<=" || op === ">" || op === ">=";
}

function compare(op: Operator, v: number): (n: number) => boolean {
  switch (op) {
    case "=":
      return (n) => n === v;
    case "<":
      return (n) => n < v;
    case "<=":
      return (n) => n <= v;
    case ">":
      return (n) => n > v;
    case ">=":
      return (n) => n >= v;
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function show(v: unknown): string {
  return v === undefined ? "nothing" : JSON.stringify(v);
}
