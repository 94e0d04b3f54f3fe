import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { once, type StepContext, stepOf } from "./context.js";

/**
 * `enrollInSequence`: sequences do not run from journeys yet (the sequences issue). Until they
 * do, the step records the request at most once per visit, with the sequence and the user it
 * would send as (the step's `sendAs`, else the contact's owner) as its ledger result, so the
 * enrollments can be made later from the ledger, and the trace says plainly that nothing ran.
 */
export async function runEnrollInSequence(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as { sequence?: string; sendAs?: string };
  const sequence = String(step.sequence ?? "");
  const sendAs = step.sendAs ?? (ctx.contact?.ownerId as string | undefined);
  await once(
    ctx,
    async () => ({ sequence, ...(sendAs ? { sendAs } : {}) }),
    () => ({
      what: "ran",
      detail: `enrollment in sequence ${sequence} recorded; sequences do not run yet (sequences issue)`,
    }),
  );
  return ctx.result(OUTCOME.done);
}
