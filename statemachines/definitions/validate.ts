import { checkJourney } from "./checks/journey.js";
import { isObj } from "./checks/raw.js";
import { checkSequence } from "./checks/sequence.js";
import { checkWorkflow } from "./checks/workflow.js";
import { Definition } from "./index.js";
import { dedupe, fromZodIssues, type Problem } from "./problems.js";

export type Validation =
  | { ok: true; definition: Definition; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/**
 * Checks a definition against its schema and every semantic rule, and reports all problems at
 * once, each with its path. Semantic checks read the raw input defensively, so that one mistake
 * does not hide another.
 * @example
 * const v = validateDefinition(JSON.parse(text));
 * if (!v.ok) for (const p of v.problems) console.log(formatProblem(p));
 */
export function validateDefinition(input: unknown): Validation {
  // Without reportInput, zod leaves `input` off its issues, and a wrong type reads as "required".
  const parsed = Definition.safeParse(input, { reportInput: true });
  let problems = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  const raw = isObj(input) ? input : {};
  const checks =
    raw.kind === "workflow"
      ? checkWorkflow(raw)
      : raw.kind === "sequence"
        ? checkSequence(raw)
        : raw.kind === "journey"
          ? checkJourney(raw)
          : undefined;
  if (raw.kind === "workflow" && raw.triggers !== undefined) {
    // The semantic check says it better than "unknown field" plus "trigger: required".
    problems = problems.filter((p) => p.path !== "triggers" && p.path !== "trigger");
  }
  problems = dedupe([...problems, ...(checks?.problems ?? [])]);
  const warnings = checks?.warnings ?? [];
  if (parsed.success && problems.length === 0) return { ok: true, definition: parsed.data, warnings };
  return { ok: false, problems, warnings };
}
