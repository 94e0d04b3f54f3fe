import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import type { Condition } from "../../../statemachines/definitions/conditions.js";
import { evaluate } from "../../core/conditions.js";
import { roundRobin } from "./assignee.js";
import { once, type StepContext, stepOf } from "./context.js";
import { targetOf } from "./update-record.js";

interface AssignSpec {
  strategy?: string;
  user?: string;
  users?: string[];
  rules?: { if: Condition; user: string }[];
  otherwise?: AssignSpec;
}

async function choose(ctx: StepContext, spec: AssignSpec): Promise<string | undefined> {
  if (spec.strategy === "fixed") return spec.user;
  if (spec.strategy === "roundRobin") return roundRobin(ctx, spec.users ?? []);
  const rule = (spec.rules ?? []).find((r) => evaluate(r.if, ctx.facts));
  if (rule) return rule.user;
  return spec.otherwise ? choose(ctx, spec.otherwise) : undefined;
}

/** Sets the owner: a fixed user, round robin (fair under concurrency), or territory rules. */
export async function runAssign(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as AssignSpec & { target?: string };
  const target = targetOf(ctx, step.target);
  await once(
    ctx,
    async () => {
      const owner = await choose(ctx, step);
      if (owner && target) {
        const current = target.type === "contact" ? ctx.contact : ctx.record;
        const updated = await ctx.deps.records.update(
          ctx.tenantId,
          target.type,
          target.id,
          { ownerId: owner },
          ctx.deps.clock.now(),
          ctx.origin,
          current?.id === target.id ? current : undefined,
        );
        if (updated && target.type === "contact") ctx.setContact(updated);
      }
      return owner ? { owner } : {};
    },
    (r) =>
      r.owner
        ? { what: "ran", detail: `assigned to ${r.owner}` }
        : { what: "skipped", detail: "no rule matched" },
  );
  return ctx.result(OUTCOME.done);
}
