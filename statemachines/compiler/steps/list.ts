import { STATE } from "../../contract.js";
import type { ListStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Adds the contact to a list or removes it (one handler, the step says which). */
export function compileList(id: string, step: Pick<ListStep, "next">, b: MachineBuilder): void {
  b.action(id, "list", step.next ?? STATE.complete);
}
