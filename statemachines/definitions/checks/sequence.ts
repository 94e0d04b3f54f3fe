import { checkStepContent } from "./content.js";
import { CheckContext } from "./context.js";
import { arr, isObj, num, type Obj, str } from "./raw.js";

export const CLASSIC_MAX_DAYS = 90;
export const SEQUENCE_STEPS_ADVISED = 15;

/** Sequence rules by mode: manual needs delays, classic days within 90 in order, smart an interval. */
export function checkSequence(raw: Obj): CheckContext {
  const steps = arr(raw.steps);
  const messageSteps = new Set(
    steps
      .filter(isObj)
      .flatMap((s) =>
        ["email", "sms", "manualEmail"].includes(String(s.type)) && str(s.id) ? [String(s.id)] : [],
      ),
  );
  const ctx = new CheckContext(messageSteps);
  const mode = str(raw.mode);
  const duration = num(raw.durationDays);

  if (mode === "classic") {
    if (raw.durationDays === undefined) ctx.error(["durationDays"], "required in a classic sequence");
    else if (duration !== undefined && duration > CLASSIC_MAX_DAYS)
      ctx.error(
        ["durationDays"],
        `a classic sequence runs at most ${CLASSIC_MAX_DAYS} days (got ${duration})`,
      );
    else if (duration !== undefined && duration < 1)
      ctx.error(["durationDays"], `must be at least 1 (got ${duration})`);
  } else if (raw.durationDays !== undefined) ctx.error(["durationDays"], "applies only to classic sequences");
  if (mode === "smart") {
    const interval = num(raw.intervalDays);
    if (raw.intervalDays === undefined) ctx.error(["intervalDays"], "required in a smart sequence");
    else if (interval !== undefined && interval < 1)
      ctx.error(["intervalDays"], `must be at least 1 (got ${interval})`);
  } else if (raw.intervalDays !== undefined) ctx.error(["intervalDays"], "applies only to smart sequences");

  if (steps.length > SEQUENCE_STEPS_ADVISED)
    ctx.warn(["steps"], `${steps.length} steps; sequences work best with at most ${SEQUENCE_STEPS_ADVISED}`);

  const ids = new Set<string>();
  let previousDay: number | undefined;
  // A reply needs an earlier email in the sequence; a first step that is an sms or task has none.
  let emailBefore = false;
  steps.forEach((step, i) => {
    if (!isObj(step)) return;
    const path = ["steps", i];
    const id = str(step.id);
    if (id !== undefined && ids.has(id)) ctx.error([...path, "id"], `duplicate step id "${id}"`);
    if (id !== undefined) ids.add(id);
    checkStepContent(ctx, path, step);
    if (mode === "manual") {
      if (step.delay === undefined) ctx.error([...path, "delay"], "required in a manual sequence");
      if (step.day !== undefined) ctx.error([...path, "day"], "applies only to classic sequences; use delay");
    }
    if (mode === "classic") {
      const day = num(step.day);
      if (step.day === undefined) ctx.error([...path, "day"], "required in a classic sequence");
      else if (day !== undefined && day < 1) ctx.error([...path, "day"], `must be at least 1 (got ${day})`);
      else if (day !== undefined && duration !== undefined && day > duration)
        ctx.error([...path, "day"], `day ${day} is after the sequence's last day (${duration})`);
      else if (day !== undefined && previousDay !== undefined && day < previousDay)
        ctx.error([...path, "day"], `day ${day} comes before the previous step's day ${previousDay}`);
      if (day !== undefined) previousDay = day;
      if (step.delay !== undefined)
        ctx.error([...path, "delay"], "applies only to manual sequences; use day");
    }
    if (mode === "smart") {
      if (step.delay !== undefined) ctx.error([...path, "delay"], "applies only to manual sequences");
      if (step.day !== undefined) ctx.error([...path, "day"], "applies only to classic sequences");
    }
    if (step.replyToThread === true && !emailBefore)
      ctx.error([...path, "replyToThread"], "the first email has no thread to reply to");
    if (step.type === "email" || step.type === "manualEmail") emailBefore = true;
  });
  return ctx;
}
