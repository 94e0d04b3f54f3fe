import type { MachineBuilder } from "../builder.js";

/** Ends the enrollment with reason "exit" (or the step's own reason). */
export function compileExit(id: string, b: MachineBuilder): void {
  b.terminal(id, "finish", id, { reason: "exit" });
}
