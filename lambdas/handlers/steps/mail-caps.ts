import { PLANS, type Plan } from "../../core/plans.js";
import { startOfNextDay, startOfNextMonth, toLocal } from "../../core/time.js";
import type { Workspace } from "../../ports.js";
import { activeContacts, isStaleFor } from "./active-count.js";
import type { StepContext } from "./context.js";

/** Room under the cap that applies (its quota key, to give it back), or when to try again. */
export type Room = { ok: true; key: string } | { ok: false; until: Date; reason: string };

const pad = (n: number) => String(n).padStart(2, "0");

/** A trial's emails, across every kind of automation: the same key notify counts on. */
async function reserveTrial(ctx: StepContext, plan: Plan, zone: string): Promise<Room> {
  const key = `T#${ctx.tenantId}#mail#trial`;
  const cap = plan.trialEmails ?? 0;
  const r = await ctx.deps.quotas.reserve(key, cap);
  return r.ok
    ? { ok: true, key }
    : {
        ok: false,
        until: startOfNextDay(ctx.deps.clock.now(), zone),
        reason: `trial_limit: ${cap} emails in the trial`,
      };
}

/**
 * Journey emails in the workspace's local month: `journeyEmailsPerActiveContactPerMonth` ×
 * active contacts. A cap reached on a count that misses the contact being sent to is checked
 * again on a fresh count before the send is deferred to next month.
 */
async function reserveJourney(
  ctx: StepContext,
  workspace: Workspace,
  plan: Plan,
  zone: string,
): Promise<Room> {
  const { deps, tenantId } = ctx;
  const now = deps.clock.now();
  const l = toLocal(now, zone);
  const key = `T#${tenantId}#mail#journey#${l.year}-${pad(l.month)}`;
  const day = `${l.year}-${pad(l.month)}-${pad(l.day)}`;
  const per = plan.journeyEmailsPerActiveContactPerMonth;
  let active = await activeContacts(deps.records, tenantId, day, now);
  let r = await deps.quotas.reserve(key, per * active.count);
  if (!r.ok && isStaleFor(active, ctx.contact)) {
    active = await activeContacts(deps.records, tenantId, day, now, { recount: true });
    r = await deps.quotas.reserve(key, per * active.count);
  }
  if (r.ok) return { ok: true, key };
  return {
    ok: false,
    until: startOfNextMonth(now, zone),
    reason: `monthly_cap: ${per * active.count} journey emails a month (${per} × ${active.count} active contacts) on ${workspace.plan}`,
  };
}

/**
 * Workflow (or sequence) emails per user per day: the automation owner's day, in their time
 * zone. Notify alerts count on the same key, so they share the owner's daily cap.
 */
export async function reserveUserDaily(
  ctx: StepContext,
  workspace: Workspace,
  kind: "workflow" | "sequence" = "workflow",
): Promise<Room> {
  const { deps, tenantId } = ctx;
  const plan = PLANS[workspace.plan] ?? PLANS.trial;
  const head = await deps.automations.get(tenantId, ctx.enrollment.automationId);
  const sender = head ? await deps.users.get(tenantId, head.ownerId) : undefined;
  const zone = sender?.timezone ?? workspace.timezone ?? "UTC";
  if (plan.trialEmails !== null) return reserveTrial(ctx, plan, zone);
  const now = deps.clock.now();
  const cap =
    (kind === "workflow" ? plan.workflowEmailsPerUserPerDay : plan.sequenceEmailsPerUserPerDay) ?? 0;
  const day = toLocal(now, zone);
  const short = kind === "workflow" ? "wf" : "seq";
  const key = `T#${tenantId}#mail#${short}#${head?.ownerId ?? "-"}#${day.year}-${day.month}-${day.day}`;
  const r = await deps.quotas.reserve(key, cap);
  return r.ok
    ? { ok: true, key }
    : {
        ok: false,
        until: startOfNextDay(now, zone),
        reason: `daily_cap: ${cap} ${kind} emails a day for ${head?.ownerId} on ${workspace.plan}`,
      };
}

/**
 * Reserves room for one email to a contact under the plan's cap (PRODUCT.md, "plans and
 * limits"): the trial's total on a trial (deferred to the next day in the workspace's zone),
 * else journey emails a month, or workflow/sequence emails a user a day. Over a cap the email is
 * deferred, never dropped.
 * @example
 * const room = await reserveMail(ctx, workspace);
 * if (!room.ok) return ctx.result(OUTCOME.deferred, { until: room.until.toISOString(), reason: room.reason });
 */
export async function reserveMail(ctx: StepContext, workspace: Workspace): Promise<Room> {
  const plan = PLANS[workspace.plan] ?? PLANS.trial;
  const zone = workspace.timezone || "UTC";
  const kind = ctx.definition.kind;
  if (kind !== "journey") return reserveUserDaily(ctx, workspace, kind);
  if (plan.trialEmails !== null) return reserveTrial(ctx, plan, zone);
  return reserveJourney(ctx, workspace, plan, zone);
}
