import { OUTCOME, type TaskInput } from "../../../statemachines/contract.js";
import type { WaitStep } from "../../../statemachines/definitions/journey.js";
import { wakeTime, zoneFor } from "../../core/waits.js";
import type { TraceEntry } from "../../ports.js";
import { loadContext, type StepDeps, stepOf } from "./context.js";
import { exitIfGoalReached } from "./goal.js";
import { resumeLater } from "./resume-later.js";
import { workspaceOf } from "./workspace.js";

/**
 * Ends a segment with a durable timer. A deferral (`last.outcome = deferred`) resumes the same
 * step at `last.until`; a journey `wait` computes its wake time (duration, weekday and time, date,
 * date field, in the contact's zone, in the execution window); a classic sequence's day gate and
 * a smart sequence's interval count days.
 */
export async function runScheduleResume(
  input: TaskInput,
  deps: StepDeps,
): Promise<{ outcome: string; step?: string; at?: string }> {
  const last = input.last;
  const now = deps.clock.now();
  if (input.step === undefined) {
    // `_Defer`: the step said "not now" and when.
    if (!last?.until) throw new Error("a deferral without `until`");
    const at = new Date(last.until);
    await resumeLater(deps, input.ctx, {
      waitAt: last.step,
      resumeAt: last.step,
      at,
      entries: [
        ...((last.seg?.notes as TraceEntry[] | undefined) ?? []),
        {
          at: now.toISOString(),
          step: last.step,
          what: "deferred",
          detail: `until ${last.until}: ${last.reason ?? ""}`.trim(),
        },
      ],
    });
    return { outcome: "scheduled", at: last.until };
  }
  const ctx = await loadContext(input, deps);
  const step = stepOf(ctx);
  if (await exitIfGoalReached(ctx)) return { outcome: OUTCOME.exit, step: ctx.stepId };
  const resumeAt = String(input.resumeAt);
  let at: Date;
  let detail: string;
  if (step.type === "wait") {
    const journey = ctx.definition.kind === "journey" ? ctx.definition : undefined;
    const workspaceZone = (await workspaceOf(ctx)).timezone ?? "UTC";
    const wait = step as unknown as WaitStep;
    const zone = zoneFor(wait.until?.timezone ?? journey?.settings?.timezone, ctx.contact, workspaceZone);
    const window = journey?.settings?.window;
    const wz = window ? zoneFor(window.timezone ?? "contact", ctx.contact, workspaceZone) : zone;
    // The window is read in its own zone: wake in `zone`, then open in `wz`.
    const wake = wakeTime(wait, now, zone, ctx.facts);
    const opened = window
      ? wakeTime(
          { ...wait, duration: "PT0S", until: undefined, businessDaysOnly: false },
          wake.at,
          wz,
          ctx.facts,
          window,
        )
      : wake;
    at = opened.at;
    detail =
      "missing" in wake
        ? `no wait: ${wake.why}`
        : `until ${at.toISOString()} (${wake.why}${opened !== wake && opened.at.getTime() !== wake.at.getTime() ? ", then the execution window" : ""})`;
  } else if (typeof input.day === "number") {
    at = new Date(Date.parse(ctx.enrollment.createdAt) + (input.day - 1) * 86_400_000);
    detail = `until day ${input.day} (${at.toISOString()})`;
  } else {
    at = new Date(now.getTime() + Number(input.days ?? 1) * 86_400_000);
    detail = `until the next interval (${at.toISOString()})`;
  }
  if (at.getTime() < now.getTime()) at = now;
  await resumeLater(deps, input.ctx, {
    waitAt: ctx.stepId,
    resumeAt,
    at,
    entries: ctx.withNotes({ at: now.toISOString(), step: ctx.stepId, what: "waited", detail }),
  });
  return { outcome: OUTCOME.done, at: at.toISOString() };
}
