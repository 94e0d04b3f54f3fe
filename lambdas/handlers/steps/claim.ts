import type { TaskInput } from "../../../statemachines/contract.js";
import type { StepDeps } from "./context.js";

/**
 * The first Task of every segment: claims the enrollment's cursor with the segment's token.
 * A duplicate start (Express and Scheduler deliver at least once) finds it taken.
 */
export async function claimSegment(input: TaskInput, deps: StepDeps): Promise<{ claimed: boolean }> {
  const { tenantId, enrollmentId, resume } = input.ctx;
  return { claimed: await deps.enrollments.claim(tenantId, enrollmentId, resume.token) };
}
