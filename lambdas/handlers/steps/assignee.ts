import type { StepContext } from "./context.js";

/**
 * `owner` (the record's, else the contact's), a user id, or `{roundRobin: [...]}`: a counter
 * per step, so concurrent enrollments take turns fairly.
 */
export async function assigneeOf(ctx: StepContext, spec: unknown): Promise<string | undefined> {
  if (spec === "owner" || spec === undefined)
    return (ctx.record?.ownerId ?? ctx.contact?.ownerId) as string | undefined;
  if (typeof spec === "string") return spec;
  const users = (spec as { roundRobin?: string[] }).roundRobin ?? [];
  return roundRobin(ctx, users);
}

export async function roundRobin(ctx: StepContext, users: string[]): Promise<string | undefined> {
  if (users.length === 0) return undefined;
  const key = `T#${ctx.tenantId}#rr#${ctx.enrollment.automationId}#${ctx.stepId}`;
  const turn = await ctx.deps.quotas.reserve(key, Number.MAX_SAFE_INTEGER);
  return users[(turn.used - 1) % users.length];
}
