import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StateMachineDefinition } from "../../statemachines/compiler/index.js";
import { compileSource } from "../../statemachines/compiler/index.js";
import type { Definition } from "../../statemachines/definitions/index.js";

export const EXAMPLES_DIR = join(import.meta.dirname, "../../examples");

/** Reads, validates and compiles one example of examples/. */
export function loadExample(file: string): { definition: Definition; asl: StateMachineDefinition } {
  const r = compileSource(readExample(file));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems)}`);
  return { definition: r.definition, asl: r.asl };
}

/** An example as JSON, unvalidated: what a user would POST. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit examples freely
export function readExample(file: string): any {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file.endsWith(".json") ? file : `${file}.json`), "utf8"));
}
