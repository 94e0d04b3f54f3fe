import { STATE } from "../contract.js";
import type { Workflow, WorkflowAction } from "../definitions/index.js";
import type { StateMachineDefinition } from "./asl.js";
import { MachineBuilder } from "./builder.js";
import { compileJourneyStep } from "./journey.js";
import { compileBranch } from "./steps/branch.js";

/** Action ids in a workflow: `action-1` … `action-4`, in order. */
export function workflowActionId(index: number): string {
  return `action-${index + 1}`;
}

/** A workflow: the condition (if any), then its actions in a row; no waits. */
export function compileWorkflow(workflow: Workflow): StateMachineDefinition {
  const b = new MachineBuilder(`Autopilot workflow ${workflow.id}`);
  const ids = workflow.actions.map((_, i) => workflowActionId(i));
  const first = ids[0] ?? STATE.complete;
  // A false condition ends the run through _Exit, which records "condition not met".
  if (workflow.condition !== undefined) compileBranch("condition", { then: first, else: STATE.exit }, b);
  workflow.actions.forEach((action: WorkflowAction, i) => {
    compileJourneyStep(ids[i] as string, { ...action, next: ids[i + 1] ?? STATE.complete }, b);
  });
  return b.build(workflow.condition === undefined ? first : "condition");
}
