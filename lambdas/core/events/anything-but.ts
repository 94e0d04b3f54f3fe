import type { Alternative, LeafTest } from "./operators.js";
import { isJsonObject } from "./values.js";
import { parseWildcard } from "./wildcard.js";

const EXCLUSIONS: ReadonlySet<string> = new Set(["prefix", "suffix", "equals-ignore-case", "wildcard"]);

const VALUE =
  'anything-but needs a string, a number, a list of only strings or only numbers, or {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": ...}';

/**
 * `{"anything-but": ...}` matches any value that is present and not excluded: another type counts
 * as not excluded, so `{"anything-but": "a"}` matches `null` and `5`, while a missing field never
 * matches. Exclusions: a string or number, a list of only strings or only numbers, or
 * `{prefix | suffix | equals-ignore-case | wildcard: string | string[]}`.
 */
export function parseAnythingBut(arg: unknown): Alternative {
  if (typeof arg === "string" || (typeof arg === "number" && Number.isFinite(arg)))
    return { kind: "test", test: (v) => v !== arg };
  if (Array.isArray(arg)) return parseList(arg);
  if (!isJsonObject(arg)) return fail(VALUE);
  const keys = Object.keys(arg);
  const [op] = keys;
  if (op === undefined || keys.length > 1) return fail("anything-but takes one operator object with one key");
  if (!EXCLUSIONS.has(op)) return fail(`anything-but does not take ${JSON.stringify(op)}`);
  const values = arg[op];
  const list = Array.isArray(values) ? values : [values];
  if (list.length === 0 || !list.every((s): s is string => typeof s === "string"))
    return fail(`anything-but ${op} needs a string or a list of strings`);
  switch (op) {
    case "prefix":
    case "suffix": {
      if (list.some((s) => s === "")) return fail(`anything-but ${op} cannot be empty`);
      return op === "prefix"
        ? not((v) => typeof v === "string" && list.some((p) => v.startsWith(p)))
        : not((v) => typeof v === "string" && list.some((p) => v.endsWith(p)));
    }
    case "equals-ignore-case": {
      const lower = new Set(list.map((s) => s.toLowerCase()));
      return not((v) => typeof v === "string" && lower.has(v.toLowerCase()));
    }
    case "wildcard": {
      const tests: ((s: string) => boolean)[] = [];
      for (const w of list) {
        const r = parseWildcard(w);
        if (!r.ok) return fail(`anything-but ${r.message}`);
        tests.push(r.test);
      }
      return not((v) => typeof v === "string" && tests.some((t) => t(v)));
    }
    default:
      return fail(`anything-but does not take ${JSON.stringify(op)}`);
  }
}

function parseList(list: readonly unknown[]): Alternative {
  const strings = list.every((v) => typeof v === "string");
  const numbers = list.every((v) => typeof v === "number" && Number.isFinite(v));
  if (list.length === 0 || (!strings && !numbers))
    return fail("anything-but list must hold only strings or only numbers");
  const excluded = new Set<unknown>(list);
  return { kind: "test", test: (v) => !excluded.has(v) };
}

function not(excluded: LeafTest): Alternative {
  return { kind: "test", test: (v) => !excluded(v) };
}

function fail(message: string): Alternative {
  return { kind: "error", message };
}
