import { OUTCOME, type StepResult, type TaskInput } from "../../../statemachines/contract.js";
import type { WaitForStep } from "../../../statemachines/definitions/journey.js";
import { addDuration } from "../../core/time.js";
import { zoneFor } from "../../core/waits.js";
import { loadContext, type StepDeps, stepOf } from "./context.js";
import { exitIfGoalReached } from "./goal.js";
import { nextToken, resumeLater } from "./resume-later.js";
import { workspaceOf } from "./workspace.js";

/** Engagement already recorded for what a waitFor waits for (a click that beat the waiter). */
function alreadyEngaged(step: WaitForStep, eng: Record<string, boolean> | undefined): boolean {
  const [channel, kind] = step.event.split(".");
  if (channel !== "email" && channel !== "sms") return false;
  return Object.keys(eng ?? {}).some((k) =>
    step.step ? k === `${step.step}|${kind}` : k.endsWith(`|${kind}`),
  );
}

/**
 * A waitFor ends the segment with a waiter and a timeout timer, both on the same token. The
 * event (through the router) resumes at `next`, the timer at `onTimeout`; each must first take
 * the waiter with a conditional delete, so exactly one does.
 */
export async function runAwaitEvent(input: TaskInput, deps: StepDeps): Promise<StepResult> {
  const ctx = await loadContext(input, deps);
  const step = stepOf(ctx) as unknown as WaitForStep & { next?: string };
  if (await exitIfGoalReached(ctx)) return { outcome: OUTCOME.exit, step: ctx.stepId };
  const now = deps.clock.now();
  const seg = input.ctx;
  if (ctx.definition.kind === "journey" && alreadyEngaged(step, ctx.enrollment.eng)) {
    await resumeLater(deps, seg, {
      waitAt: ctx.stepId,
      resumeAt: String(input.next),
      at: now,
      entries: ctx.withNotes({
        at: now.toISOString(),
        step: ctx.stepId,
        what: "ran",
        detail: `${step.event} had already happened`,
      }),
    });
    return ctx.result(OUTCOME.done);
  }
  const zone = zoneFor("contact", ctx.contact, (await workspaceOf(ctx)).timezone ?? "UTC");
  const timeoutAt = addDuration(now, step.timeout, zone);
  // The waiter first: an event that comes as soon as the enrollment waits must find it.
  await deps.waiters.put({
    tenantId: seg.tenantId,
    contactId: seg.contactId,
    enrollmentId: seg.enrollmentId,
    automationId: seg.automationId,
    version: seg.version,
    stepId: ctx.stepId,
    event: step.event,
    ...(step.step ? { forStep: step.step } : {}),
    ...(step.where ? { where: step.where } : {}),
    next: String(input.next),
    onTimeout: String(input.onTimeout),
    token: nextToken(seg.resume.token, ctx.stepId),
    timeoutAt: timeoutAt.toISOString(),
  });
  await resumeLater(deps, seg, {
    waitAt: ctx.stepId,
    resumeAt: String(input.onTimeout),
    at: timeoutAt,
    waiter: true,
    entries: ctx.withNotes({
      at: now.toISOString(),
      step: ctx.stepId,
      what: "waited",
      detail: `for ${step.event}${step.step ? ` on ${step.step}` : ""} until ${timeoutAt.toISOString()}`,
    }),
  });
  return ctx.result(OUTCOME.done);
}
