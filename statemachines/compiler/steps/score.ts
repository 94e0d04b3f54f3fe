import { STATE } from "../../contract.js";
import type { ScoreStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** Adds to (or subtracts from) the lead score. */
export function compileScore(id: string, step: Pick<ScoreStep, "next">, b: MachineBuilder): void {
  b.action(id, "score", step.next ?? STATE.complete);
}
