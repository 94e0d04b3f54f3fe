import { STATE, type StepResult, type TaskInput } from "../../../statemachines/contract.js";
import type { AutomationHead, Automations, TraceEntry } from "../../ports.js";
import { resumeTarget } from "../migrate-enrollments.js";
import { ContainerCache } from "./container-cache.js";
import type { StepDeps } from "./context.js";
import { definitionOf, readSnapshot } from "./context.js";

/**
 * How long a container trusts an automation's status when a segment resumes: a pause reaches
 * waiting enrollments within this (the router's index has the same bound for new entries).
 */
export const STATUS_TTL_MS = 5_000;
const heads = new ContainerCache<AutomationHead | undefined>(STATUS_TTL_MS);

/** Forgets the statuses this container read (it has just changed one). */
export const forgetStatuses = (automations: Automations) => heads.clear(automations);

/**
 * The first Task of every segment: claims the enrollment's cursor with the segment's token. A
 * duplicate start (Express and Scheduler deliver at least once) finds it taken. The claim's write
 * returns the enrollment, and with the contact it makes the segment's snapshot, handed from Task
 * to Task so that steps do not read them again. A segment resumed while its automation is paused
 * is parked, token untouched, and started again on resume.
 */
export async function claimSegment(input: TaskInput, deps: StepDeps): Promise<StepResult> {
  const { tenantId, automationId, enrollmentId, resume } = input.ctx;
  const unclaimed: StepResult = { outcome: "duplicate", step: resume.stepId, claimed: false };
  // A first segment was started by the router, which has just seen the automation active.
  if (resume.stepId !== STATE.start) {
    const head = await heads.get(deps.automations, `${tenantId}/${automationId}`, () =>
      deps.automations.get(tenantId, automationId),
    );
    if (head?.status === "paused") {
      await deps.enrollments.park(tenantId, automationId, enrollmentId, input.ctx);
      await deps.enrollments.trace(tenantId, enrollmentId, [
        {
          at: deps.clock.now().toISOString(),
          step: resume.stepId,
          what: "waited",
          detail: "the automation is paused",
        },
      ]);
      return unclaimed;
    }
  }
  const enrollment = await deps.enrollments.claim(
    tenantId,
    enrollmentId,
    resume.token,
    input.ctx.trace as TraceEntry[] | undefined,
  );
  if (!enrollment) return unclaimed;
  if (enrollment.version !== input.ctx.version) {
    // Migrated to another version while it waited: give the token back and run that version's
    // machine, from where the same edge leads there.
    const at = enrollment.at ?? resume.stepId;
    await deps.enrollments.expect(tenantId, enrollmentId, { token: resume.token, step: at });
    const [from, to] = await Promise.all([
      definitionOf(deps, tenantId, automationId, input.ctx.version),
      definitionOf(deps, tenantId, automationId, enrollment.version),
    ]);
    // What woke it is in the trace already (this claim wrote it).
    const { trace: _written, ...ctx } = input.ctx;
    await deps.engine.start({
      ...ctx,
      version: enrollment.version,
      resume: { ...resume, stepId: resumeTarget(from, to, at, resume.stepId) },
    });
    return unclaimed;
  }
  return {
    outcome: "claimed",
    step: resume.stepId,
    claimed: true,
    seg: await readSnapshot(deps, enrollment),
  };
}
