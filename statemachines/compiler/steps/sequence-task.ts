import type { MachineBuilder } from "../builder.js";

/**
 * A sequence task (call, LinkedIn, to-do) or manual email: creates the activity; when the
 * sequence must wait for it (`waitForCompletion`, or a manual email the rep sends), the segment
 * ends with a waiter for `task.completed` that resumes at `next`, with no timeout.
 */
export function compileSequenceTask(id: string, waits: boolean, next: string, b: MachineBuilder): void {
  if (!waits) {
    b.action(id, "createTask", next);
    return;
  }
  const waiter = `${id}.await`;
  b.action(id, "createTask", waiter);
  b.terminal(waiter, "awaitEvent", id, { event: "task.completed", next });
}
