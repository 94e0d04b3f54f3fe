import type { StepResult, TaskInput } from "../../../statemachines/contract.js";
import type { StepDeps } from "./context.js";

/**
 * Ends a segment with a durable timer. For a deferral (`last.outcome = deferred`) the timer
 * resumes the same step at `last.until`. A new token is expected first, so only that timer's
 * segment can claim the enrollment. (Waits and delays compute their time in the journeys issue.)
 */
export async function runScheduleResume(
  input: TaskInput,
  deps: StepDeps,
): Promise<{ outcome: string; at?: string }> {
  const last = input.last as StepResult | undefined;
  const { tenantId, enrollmentId } = input.ctx;
  if (!last?.until) {
    await deps.enrollments.trace(tenantId, enrollmentId, [
      {
        at: deps.clock.now().toISOString(),
        ...(input.step ? { step: input.step } : {}),
        what: "failed",
        detail: "waits are not built yet",
      },
    ]);
    return { outcome: "unsupported" };
  }
  const token = deps.ids.next("tok");
  await deps.enrollments.expect(tenantId, enrollmentId, token);
  await deps.timers.schedule(new Date(last.until), { ...input.ctx, resume: { stepId: last.step, token } });
  await deps.enrollments.trace(tenantId, enrollmentId, [
    {
      at: deps.clock.now().toISOString(),
      step: last.step,
      what: "deferred",
      detail: `until ${last.until}: ${last.reason ?? ""}`.trim(),
    },
  ]);
  return { outcome: "scheduled", at: last.until };
}
