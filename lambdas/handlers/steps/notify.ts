import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { render } from "../../core/templates.js";
import { markRan, type StepContext, stepOf } from "./context.js";
import { reserveUserDaily } from "./mail-caps.js";
import { sendClaimed } from "./messages.js";
import { workspaceOf } from "./workspace.js";

async function recipients(ctx: StepContext, to: unknown): Promise<string[]> {
  const { users } = ctx.deps;
  if (to === "owner") {
    const ownerId = (ctx.record?.ownerId ?? ctx.contact?.ownerId) as string | undefined;
    const owner = ownerId ? await users.get(ctx.tenantId, ownerId) : undefined;
    return owner ? [owner.email] : [];
  }
  const spec = (to ?? {}) as { user?: string; role?: string; email?: string };
  if (spec.email) return [spec.email];
  if (spec.user) {
    const u = await users.get(ctx.tenantId, spec.user);
    return u ? [u.email] : [];
  }
  return (await users.list(ctx.tenantId)).filter((u) => u.role === spec.role).map((u) => u.email);
}

/** An email alert to a user (owner, user, role or address), sent from the system address. */
export async function runNotify(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx);
  const to = await recipients(ctx, step.to);
  if (to.length === 0) {
    await ctx.trace({
      what: "skipped",
      detail: "nobody to notify (no owner, user or role member with an email)",
    });
    return ctx.result(OUTCOME.skipped);
  }
  const { deps } = ctx;
  // Room first: a deferral then costs no ledger write (a retry that finds the visit done gives it back).
  const room = await reserveUserDaily(ctx, await workspaceOf(ctx));
  if (!room.ok) return ctx.result(OUTCOME.deferred, { until: room.until.toISOString(), reason: room.reason });
  const claim = await deps.ledger.claim(ctx.visit, deps.clock.now());
  if (!claim.claimed) {
    await deps.quotas.release(room.key);
    await ctx.trace({ what: "skipped", detail: `already ${claim.state} in this visit` });
    return ctx.result(OUTCOME.done);
  }
  const subject = render(String(step.subject ?? ""), ctx.facts);
  const sent = await sendClaimed(ctx, room.key, () =>
    deps.mailer.send({
      from: deps.systemFrom,
      to,
      subject,
      // A body is required: an alert with only a subject says it again in the text.
      text: step.text ? render(String(step.text), ctx.facts) : subject,
      ...(step.html ? { html: render(String(step.html), ctx.facts, "html") } : {}),
    }),
  );
  await markRan(ctx, { messageId: sent.messageId }, `notified ${to.join(", ")} (${sent.messageId})`);
  return ctx.result(OUTCOME.done);
}
