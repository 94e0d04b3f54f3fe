import { OUTCOME, STATE } from "../../contract.js";
import type { BranchStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/** The condition handler (one implementation, in lambdas/core) says then or else. */
export function compileBranch(id: string, step: Pick<BranchStep, "then" | "else">, b: MachineBuilder): void {
  b.action(id, "condition", step.else, {
    routes: { [OUTCOME.then]: step.then, [OUTCOME.else]: step.else },
    fallback: STATE.unexpected,
  });
}
