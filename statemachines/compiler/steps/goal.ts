import { STATE } from "../../contract.js";
import type { GoalStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Ends the enrollment (the handler returns exit, reason goal) when the condition holds. */
export function compileGoal(id: string, step: Pick<GoalStep, "next">, b: MachineBuilder): void {
  b.action(id, "condition", step.next ?? STATE.complete);
}
