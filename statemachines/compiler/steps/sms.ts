import { STATE } from "../../contract.js";
import type { SmsStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** A text message: deferred like an email (caps, quiet hours). */
export function compileSms(id: string, step: Pick<SmsStep, "next">, b: MachineBuilder): void {
  b.action(id, "sms", step.next ?? STATE.complete, { deferrable: true });
}
