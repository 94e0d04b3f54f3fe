import { STATE } from "../../contract.js";
import type { UpdateRecordStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Sets fields on the record (its change becomes a record event, with loop protection). */
export function compileUpdateRecord(
  id: string,
  step: Pick<UpdateRecordStep, "next">,
  b: MachineBuilder,
): void {
  b.action(id, "updateRecord", step.next ?? STATE.complete);
}
