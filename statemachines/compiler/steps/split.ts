import { pathOutcome, STATE } from "../../contract.js";
import type { SplitStep } from "../../definitions/index.js";
import type { MachineBuilder } from "../builder.js";

/**
 * The split handler buckets the enrollment by a hash of its id (a replay takes the same path)
 * and returns `path:<name>`; holdout paths are routed like any other.
 */
export function compileSplit(id: string, step: Pick<SplitStep, "paths">, b: MachineBuilder): void {
  const routes = Object.fromEntries(step.paths.map((p) => [pathOutcome(p.name), p.next]));
  b.action(id, "split", STATE.unexpected, { routes, fallback: STATE.unexpected });
}
