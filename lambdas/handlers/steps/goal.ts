import { evaluate } from "../../core/conditions.js";
import type { StepContext } from "./context.js";

/** A journey's goal (`exitWhen`), checked before every step: when it holds, the enrollment exits. */
export function goalReached(ctx: StepContext): boolean {
  const d = ctx.definition;
  return d.kind === "journey" && d.exitWhen !== undefined && evaluate(d.exitWhen, ctx.facts);
}

/** For the steps that end a segment (wait, waitFor): exits at once when the goal holds. */
export async function exitIfGoalReached(ctx: StepContext): Promise<boolean> {
  if (!goalReached(ctx)) return false;
  await ctx.deps.enrollments.finish(
    ctx.tenantId,
    ctx.enrollment.id,
    "exited",
    { at: ctx.deps.clock.now().toISOString(), step: ctx.stepId, what: "exited", detail: "goal reached" },
    ctx.withNotes(),
  );
  return true;
}
