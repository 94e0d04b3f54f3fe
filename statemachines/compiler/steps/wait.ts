import type { WaitStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/**
 * A wait ends the segment: the handler computes the wake time (duration, date, weekday and
 * time, window, time zone, business days) and sets a durable timer that resumes at `next`.
 */
export function compileWait(id: string, step: Pick<WaitStep, "next">, b: MachineBuilder): void {
  b.terminal(id, "scheduleResume", id, { resumeAt: step.next });
}
