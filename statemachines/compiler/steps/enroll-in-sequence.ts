import { STATE } from "../../contract.js";
import type { EnrollInSequenceStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Enrolls the contact in a sales sequence. */
export function compileEnrollInSequence(
  id: string,
  step: Pick<EnrollInSequenceStep, "next">,
  b: MachineBuilder,
): void {
  b.action(id, "enrollInSequence", step.next ?? STATE.complete);
}
