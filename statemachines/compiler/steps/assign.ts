import { STATE } from "../../contract.js";
import type { AssignStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Sets the owner: fixed, round robin or by territory rules. */
export function compileAssign(id: string, step: Pick<AssignStep, "next">, b: MachineBuilder): void {
  b.action(id, "assign", step.next ?? STATE.complete);
}
