import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { render } from "../../core/templates.js";
import type { RecordType } from "../../ports.js";
import { once, type StepContext, stepOf } from "./context.js";

/** The record a step writes to: the triggering record by default, or the contact. */
export function targetOf(ctx: StepContext, target: unknown): { type: RecordType; id: string } | undefined {
  if (target !== "contact" && ctx.enrollment.record) return ctx.enrollment.record;
  return ctx.enrollment.contactId ? { type: "contact", id: ctx.enrollment.contactId } : undefined;
}

/** Sets fields (template strings rendered); the write carries its origin for loop protection. */
export async function runUpdateRecord(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx);
  const target = targetOf(ctx, step.target);
  if (!target) {
    await ctx.trace({ what: "skipped", detail: "no record to update" });
    return ctx.result(OUTCOME.skipped);
  }
  const set = Object.fromEntries(
    Object.entries((step.set ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === "string" ? render(v, ctx.facts) : v,
    ]),
  );
  await once(
    ctx,
    async () => {
      const current = target.type === "contact" ? ctx.contact : ctx.record;
      const updated = await ctx.deps.records.update(
        ctx.tenantId,
        target.type,
        target.id,
        set,
        ctx.deps.clock.now(),
        ctx.origin,
        current?.id === target.id ? current : undefined,
      );
      if (updated && target.type === "contact") ctx.setContact(updated);
      return { updated: updated !== undefined };
    },
    (r) =>
      r.updated
        ? { what: "ran", detail: `set ${Object.keys(set).join(", ")} on ${target.type} ${target.id}` }
        : { what: "skipped", detail: `${target.type} ${target.id} no longer exists` },
  );
  return ctx.result(OUTCOME.done);
}
