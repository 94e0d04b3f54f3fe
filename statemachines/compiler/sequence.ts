import { OUTCOME, STATE, stepOutcome } from "../contract.js";
import type { Sequence, SequenceStep } from "../definitions/index.js";
import type { StateMachineDefinition } from "./asl.js";
import { MachineBuilder } from "./builder.js";
import { compileEmail } from "./steps/email.js";
import { compileSequenceTask } from "./steps/sequence-task.js";
import { compileSms } from "./steps/sms.js";
import { assertUnreachable } from "./unreachable.js";

function compileSequenceStep(step: SequenceStep, next: string, b: MachineBuilder): void {
  switch (step.type) {
    case "email":
      return compileEmail(step.id, { next }, b);
    case "sms":
      return compileSms(step.id, { next }, b);
    case "task":
      return compileSequenceTask(step.id, step.waitForCompletion === true, next, b);
    case "manualEmail":
      return compileSequenceTask(step.id, true, next, b);
    default:
      return assertUnreachable(step);
  }
}

/** The gate in front of a step: a timer to the step's time; none when it is due at once. */
function gateName(step: SequenceStep): string {
  return `${step.id}.${step.day !== undefined ? "day" : "delay"}`;
}

function hasGate(sequence: Sequence, step: SequenceStep): boolean {
  if (sequence.mode === "manual") return step.delay !== undefined && step.delay !== "PT0S";
  return sequence.mode === "classic" && step.day !== undefined && step.day > 1;
}

/**
 * manual: each step after its delay; classic: each step on its day (day 1 is enrollment), then
 * the end at `durationDays`; smart: every `intervalDays` the first pending step that matches.
 */
export function compileSequence(sequence: Sequence): StateMachineDefinition {
  const b = new MachineBuilder(`Autopilot sequence ${sequence.id} (${sequence.mode})`);
  if (sequence.mode === "smart") return compileSmart(sequence, b);
  const entryOf = (i: number): string => {
    const step = sequence.steps[i];
    if (step === undefined) return sequence.mode === "classic" ? STATE.end : STATE.complete;
    return hasGate(sequence, step) ? gateName(step) : step.id;
  };
  sequence.steps.forEach((step, i) => {
    if (hasGate(sequence, step)) {
      b.terminal(gateName(step), "scheduleResume", step.id, {
        resumeAt: step.id,
        ...(step.day !== undefined ? { day: step.day } : {}),
      });
    }
    compileSequenceStep(step, entryOf(i + 1), b);
  });
  if (sequence.mode === "classic") {
    // Enrolled records stay (reply tracking, unenroll rules) until the sequence's last day ends.
    b.terminal(STATE.end, "scheduleResume", STATE.end, {
      resumeAt: STATE.complete,
      day: (sequence.durationDays ?? 90) + 1,
    });
  }
  return b.build(entryOf(0));
}

function compileSmart(sequence: Sequence, b: MachineBuilder): StateMachineDefinition {
  const ids = sequence.steps.map((s) => s.id);
  const routes = Object.fromEntries([
    ...ids.map((id) => [stepOutcome(id), id]),
    [OUTCOME.complete, STATE.complete],
    [OUTCOME.none, STATE.interval],
  ]);
  b.action(STATE.tick, "condition", STATE.interval, {
    routes,
    fallback: STATE.unexpected,
    extra: { candidates: ids },
  });
  for (const step of sequence.steps) compileSequenceStep(step, STATE.interval, b);
  b.terminal(STATE.interval, "scheduleResume", STATE.interval, {
    resumeAt: STATE.tick,
    days: sequence.intervalDays ?? 1,
  });
  return b.build(STATE.tick);
}
