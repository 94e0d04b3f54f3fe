import { parseAnythingBut } from "./anything-but.js";
import { parseCidr } from "./cidr.js";
import { parseNumeric } from "./numeric.js";
import type { Leaf } from "./types.js";
import { isJsonObject, isLeaf } from "./values.js";
import { parseWildcard } from "./wildcard.js";

export type LeafTest = (leaf: Leaf) => boolean;

/** One parsed alternative of a field: validation reads `error`, the compiler the rest. */
export type Alternative =
  | { kind: "exact"; value: Leaf }
  | { kind: "exists"; exists: boolean }
  | { kind: "test"; test: LeafTest }
  | { kind: "error"; message: string };

/** The operator names; EventBridge refuses them as field names inside `$or`. */
export const OPERATORS = [
  "prefix",
  "suffix",
  "equals-ignore-case",
  "wildcard",
  "numeric",
  "exists",
  "cidr",
  "anything-but",
] as const;

export function error(message: string): Alternative {
  return { kind: "error", message };
}

/** Parses one entry of a field's list: an exact value or a one-operator object. */
export function parseAlternative(raw: unknown): Alternative {
  if (typeof raw === "number" && !Number.isFinite(raw)) return error("numbers must be finite");
  if (isLeaf(raw)) return { kind: "exact", value: raw };
  if (!isJsonObject(raw))
    return error("an alternative must be a string, number, boolean, null or operator object");
  const keys = Object.keys(raw);
  const [op] = keys;
  if (op === undefined) return error("an operator object needs one operator");
  if (keys.length > 1) return error(`an operator object takes one operator, got ${keys.join(", ")}`);
  return parseOperator(op, raw[op]);
}

function parseOperator(op: string, arg: unknown): Alternative {
  switch (op) {
    case "prefix":
    case "suffix":
      return parseAffix(op, arg);
    case "equals-ignore-case": {
      if (typeof arg !== "string") return error("equals-ignore-case needs a string");
      const lower = arg.toLowerCase();
      return test((v) => typeof v === "string" && v.toLowerCase() === lower);
    }
    case "wildcard": {
      if (typeof arg !== "string") return error("wildcard needs a string");
      const r = parseWildcard(arg);
      return r.ok ? test((v) => typeof v === "string" && r.test(v)) : error(r.message);
    }
    case "numeric": {
      const r = parseNumeric(arg);
      return r.ok ? test((v) => typeof v === "number" && r.test(v)) : error(r.message);
    }
    case "exists":
      return typeof arg === "boolean" ? { kind: "exists", exists: arg } : error("exists needs true or false");
    case "cidr": {
      if (typeof arg !== "string") return error('cidr needs a string such as "10.0.0.0/24"');
      const r = parseCidr(arg);
      return r.ok ? test((v) => typeof v === "string" && r.test(v)) : error(r.message);
    }
    case "anything-but":
      return parseAnythingBut(arg);
    default:
      return error(`unknown operator ${JSON.stringify(op)}`);
  }
}

/** `{"prefix": "us-"}` or `{"prefix": {"equals-ignore-case": "us-"}}`, and the same for suffix. */
function parseAffix(op: "prefix" | "suffix", arg: unknown): Alternative {
  const ignoreCase = isJsonObject(arg) && Object.keys(arg).length === 1 && "equals-ignore-case" in arg;
  const text = ignoreCase ? arg["equals-ignore-case"] : arg;
  if (typeof text !== "string") return error(`${op} needs a string or {"equals-ignore-case": string}`);
  if (!ignoreCase)
    return test(
      op === "prefix"
        ? (v) => typeof v === "string" && v.startsWith(text)
        : (v) => typeof v === "string" && v.endsWith(text),
    );
  const lower = text.toLowerCase();
  return test(
    op === "prefix"
      ? (v) => typeof v === "string" && v.toLowerCase().startsWith(lower)
      : (v) => typeof v === "string" && v.toLowerCase().endsWith(lower),
  );
}

function test(t: LeafTest): Alternative {
  return { kind: "test", test: t };
}
