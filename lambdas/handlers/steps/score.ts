import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import type { Condition } from "../../../statemachines/definitions/conditions.js";
import { evaluate } from "../../core/conditions.js";
import { once, type StepContext, stepOf, writeContact } from "./context.js";

interface ScoreSpec {
  add?: number;
  rules?: { if: Condition; add: number }[];
}

/** The points a step gives: the first matching rule's, else `add` (the default), else none. */
function pointsOf(ctx: StepContext, step: ScoreSpec): number | undefined {
  const rule = (step.rules ?? []).find((r) => evaluate(r.if, ctx.facts));
  return rule?.add ?? step.add;
}

/**
 * Adds to (or, negative, subtracts from) the contact's lead `score`, at most once per visit:
 * claim, update, done (three DynamoDB operations). The base is the contact in the segment
 * snapshot (no read); when someone else changed the contact since, the sum is taken again over
 * the fresh record, so no one's change is lost.
 */
export async function runScore(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as ScoreSpec;
  const contact = ctx.contact;
  const points = pointsOf(ctx, step);
  if (!contact || points === undefined) {
    await ctx.trace({ what: "skipped", detail: contact ? "no rule matched" : "no contact to score" });
    return ctx.result(OUTCOME.skipped);
  }
  const before = Number(contact.score ?? 0) || 0;
  await once(
    ctx,
    async () => {
      const updated = await writeContact(ctx, contact, (c) => ({
        score: (Number(c.score ?? 0) || 0) + points,
      }));
      const after = Number(updated?.score ?? before + points);
      return { updated: updated !== undefined, before: after - points, after };
    },
    (r) =>
      r.updated
        ? { what: "ran", detail: `score ${r.before} → ${r.after}` }
        : { what: "skipped", detail: `contact ${contact.id} no longer exists` },
  );
  return ctx.result(OUTCOME.done);
}
