import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import type { Condition } from "../../../statemachines/definitions/conditions.js";
import { evaluate } from "../../core/conditions.js";
import type { StepContext } from "./context.js";
import { stepOf } from "./context.js";

/** A workflow's condition, a journey branch or goal: one evaluation, then/else (or exit for a goal). */
export async function runCondition(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx);
  const condition = step.if as Condition | undefined;
  const holds = condition === undefined || evaluate(condition, ctx.facts);
  if (step.type === "goal") {
    if (!holds) return ctx.result(OUTCOME.done);
    ctx.note({ what: "exited", detail: "goal reached" });
    return ctx.result(OUTCOME.exit, { reason: "goal" });
  }
  // A branch writes nothing: its entry goes with the segment's next write.
  ctx.note({ what: "ran", detail: holds ? "condition met" : "condition not met" });
  return holds ? ctx.result(OUTCOME.then) : ctx.result(OUTCOME.else, { reason: "condition not met" });
}
