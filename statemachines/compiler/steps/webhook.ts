import { STATE } from "../../contract.js";
import type { WebhookStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** A signed POST to a third-party URL. */
export function compileWebhook(id: string, step: Pick<WebhookStep, "next">, b: MachineBuilder): void {
  b.action(id, "webhook", step.next ?? STATE.complete);
}
