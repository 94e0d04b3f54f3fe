import type { WaitForStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/**
 * A waitFor ends the segment with a waiter and a timeout timer: the event resumes at `next`, the
 * timer at `onTimeout`; a conditional delete of the waiter decides which one wins.
 */
export function compileWaitFor(
  id: string,
  step: Pick<WaitForStep, "next" | "onTimeout">,
  b: MachineBuilder,
): void {
  b.terminal(id, "awaitEvent", id, { next: step.next, onTimeout: step.onTimeout });
}
