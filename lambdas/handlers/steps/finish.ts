import { OUTCOME, type StepResult, type TaskInput } from "../../../statemachines/contract.js";
import type { TraceEntry } from "../../ports.js";
import type { StepDeps } from "./context.js";

/**
 * Ends the enrollment: `completed` at the end of the steps, `exited` at an exit step, a goal,
 * an unenroll or a false workflow condition, with the reason in the trace.
 */
export async function runFinish(input: TaskInput, deps: StepDeps): Promise<{ outcome: string }> {
  const { tenantId, enrollmentId } = input.ctx;
  const last = input.last as StepResult | undefined;
  const completed = input.reason === "completed";
  const reason = completed
    ? "completed"
    : input.step
      ? `exit step ${input.step}`
      : (last?.reason ?? (last?.outcome === OUTCOME.else ? "condition not met" : "exit"));
  await deps.enrollments.finish(
    tenantId,
    enrollmentId,
    completed ? "completed" : "exited",
    {
      at: deps.clock.now().toISOString(),
      what: completed ? "completed" : "exited",
      detail: reason,
      ...(input.step ? { step: input.step } : last?.step ? { step: last.step } : {}),
    },
    (last?.seg?.notes as TraceEntry[] | undefined) ?? [],
  );
  return { outcome: completed ? "completed" : "exited" };
}
