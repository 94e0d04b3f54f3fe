import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../../../statemachines/definitions/problems.js";
import { validateDefinition } from "../../../statemachines/definitions/validate.js";

const EXAMPLES = join(import.meta.dirname, "../../../examples");

export type ExampleName =
  | "journey-pricing-page-visitors"
  | "journey-spring-blast"
  | "journey-webinar-nurture"
  | "sequence-classic-discount"
  | "sequence-quote-follow-up"
  | "sequence-smart-onboarding"
  | "workflow-assign-by-location"
  | "workflow-big-deal-proposal";

type Node = Record<string, unknown> | unknown[];

function isNode(x: unknown): x is Node {
  return typeof x === "object" && x !== null;
}

/** A fresh copy of one of the spec's examples, as parsed JSON. */
export function example(name: ExampleName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), "utf8")) as Record<string, unknown>;
}

/** The value at a dotted path (`steps.welcome.subject`, `actions.0`); array indexes are digits. */
export function get(root: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((at, key) => (isNode(at) ? (at as Record<string, unknown>)[key] : undefined), root);
}

/** Sets the value at a dotted path; `undefined` deletes the field. The parent must exist. */
export function set(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = keys.length === 0 ? root : get(root, keys.join("."));
  if (!isNode(parent)) throw new Error(`no object at ${keys.join(".")}`);
  const target = parent as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/**
 * An example with some fields changed: `{ "steps.wait-2d.next": "opend" }` sets a field,
 * `{ "steps.welcome.subject": undefined }` deletes one.
 * @example mutate("journey-webinar-nurture", { start: "welcom" })
 */
export function mutate(name: ExampleName, changes: Record<string, unknown>): Record<string, unknown> {
  const d = example(name);
  for (const [path, value] of Object.entries(changes)) set(d, path, value);
  return d;
}

/** Every problem as `path: message`; a valid definition gives `[]`. */
export function problemsOf(definition: unknown): string[] {
  const v = validateDefinition(definition);
  return v.ok ? [] : v.problems.map(formatProblem);
}

export function warningsOf(definition: unknown): string[] {
  return validateDefinition(definition).warnings.map(formatProblem);
}
