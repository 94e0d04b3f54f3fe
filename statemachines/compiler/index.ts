import { MAX_DEFINITION_BYTES } from "../contract.js";
import type { Definition } from "../definitions/index.js";
import type { Problem } from "../definitions/problems.js";
import { validateDefinition } from "../definitions/validate.js";
import type { StateMachineDefinition } from "./asl.js";
import { CompileError } from "./errors.js";
import { compileJourney } from "./journey.js";
import { compileSequence } from "./sequence.js";
import { assertUnreachable } from "./unreachable.js";
import { compileWorkflow } from "./workflow.js";

export type { StateMachineDefinition } from "./asl.js";
export { CompileError } from "./errors.js";
export { workflowActionId } from "./workflow.js";

function compileKind(definition: Definition): StateMachineDefinition {
  switch (definition.kind) {
    case "workflow":
      return compileWorkflow(definition);
    case "sequence":
      return compileSequence(definition);
    case "journey":
      return compileJourney(definition);
    default:
      return assertUnreachable(definition);
  }
}

/**
 * Compiles a valid definition into one Express state machine (ASL, JSONPath). Task resources are
 * placeholders (`${EmailStepArn}`) for CDK's definition substitutions or the local runtime.
 * Throws `CompileError` when the result is over Step Functions' 1 MB limit.
 * @example
 * const asl = compile(definition);
 * new StateMachine(asl) // aws-local-stepfunctions, or CfnStateMachine with substitutions
 */
export function compile(definition: Definition): StateMachineDefinition {
  const asl = compileKind(definition);
  const bytes = new TextEncoder().encode(JSON.stringify(asl)).length;
  if (bytes > MAX_DEFINITION_BYTES) {
    throw new CompileError([
      {
        path: "steps",
        message: `the compiled state machine is ${bytes.toLocaleString("en-US")} bytes; Step Functions accepts at most ${MAX_DEFINITION_BYTES.toLocaleString("en-US")} (split it into smaller automations)`,
      },
    ]);
  }
  return asl;
}

export type CompileResult =
  | { ok: true; asl: StateMachineDefinition; definition: Definition; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Validates, then compiles: every problem with its path, or the machine. */
export function compileSource(input: unknown): CompileResult {
  const v = validateDefinition(input);
  if (!v.ok) return v;
  try {
    return { ok: true, asl: compile(v.definition), definition: v.definition, warnings: v.warnings };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, problems: e.problems, warnings: v.warnings };
    throw e;
  }
}
