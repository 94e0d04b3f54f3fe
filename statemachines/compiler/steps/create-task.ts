import { STATE } from "../../contract.js";
import type { CreateTaskStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Creates an activity for a user. */
export function compileCreateTask(id: string, step: Pick<CreateTaskStep, "next">, b: MachineBuilder): void {
  b.action(id, "createTask", step.next ?? STATE.complete);
}
