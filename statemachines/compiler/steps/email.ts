import { STATE } from "../../contract.js";
import type { EmailStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** An email: deferred when over a cap or outside the window, resumed at the same step. */
export function compileEmail(id: string, step: Pick<EmailStep, "next">, b: MachineBuilder): void {
  b.action(id, "email", step.next ?? STATE.complete, { deferrable: true });
}
