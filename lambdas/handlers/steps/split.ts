import { pathOutcome, type StepResult } from "../../../statemachines/contract.js";
import type { SplitStep } from "../../../statemachines/definitions/journey.js";
import { chooseSplitPath } from "../../core/split.js";
import { type StepContext, stepOf } from "./context.js";

/**
 * A/B/n split: the path comes from a hash of the enrollment and the step (`chooseSplitPath`),
 * so a replay takes the same path and no ledger is needed; its trace entry (written with the segment's next write) says which path and
 * where the enrollment fell, and marks a holdout.
 */
export async function runSplit(ctx: StepContext): Promise<StepResult> {
  const { paths } = stepOf(ctx) as unknown as SplitStep;
  const { path, bucket, total } = chooseSplitPath(paths, ctx.enrollment.id, ctx.stepId);
  ctx.note({
    what: "ran",
    detail: `path ${path.name}${path.holdout ? " (holdout)" : ""} (bucket ${bucket.toFixed(1)} of ${total})`,
  });
  return ctx.result(pathOutcome(path.name));
}
