import { STATE } from "../../contract.js";
import type { NotifyStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** An email alert to a user; counts against the workflow email cap, so it can be deferred. */
export function compileNotify(id: string, step: Pick<NotifyStep, "next">, b: MachineBuilder): void {
  b.action(id, "notify", step.next ?? STATE.complete, { deferrable: true });
}
