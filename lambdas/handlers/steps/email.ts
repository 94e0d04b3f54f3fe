import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import type { StepContext } from "./context.js";
import { markRan, stepOf } from "./context.js";
import { composeEmail, type EmailSpec } from "./email-content.js";
import { reserveMail } from "./mail-caps.js";
import { deferOutsideWindow, lostClaim, sendClaimed, skipUnreachable } from "./messages.js";
import { workspaceOf } from "./workspace.js";

/**
 * An email to the enrollment's contact (journey step, workflow action). In order: skipped when
 * the contact is suppressed or has no address; deferred outside the execution window; content
 * composed (a failure here retries cleanly: nothing is claimed yet); room reserved under the
 * plan's cap (over it: deferred, with no ledger write); the visit claimed (a lost claim gives the
 * room back); sent; marked done with its trace entry in the same write. On the normal path that
 * is three DynamoDB operations: reserve, claim, done (workspace, unsubscribe key and the active
 * contact count are container-cached; `from: "owner"` adds a user read).
 */
export async function runEmail(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as EmailSpec;
  const to = ctx.contact?.email;
  const unreachable = await skipUnreachable(ctx, to, "email address");
  if (unreachable) return unreachable;
  const address = String(to);
  const workspace = await workspaceOf(ctx);
  const closed = await deferOutsideWindow(ctx, workspace);
  if (closed) return closed;
  const { mail, variant } = await composeEmail(ctx, step, workspace, address);
  const { deps } = ctx;
  const room = await reserveMail(ctx, workspace);
  if (!room.ok) return ctx.result(OUTCOME.deferred, { until: room.until.toISOString(), reason: room.reason });
  const claim = await deps.ledger.claim(ctx.visit, deps.clock.now());
  if (!claim.claimed) {
    await deps.quotas.release(room.key);
    await ctx.trace({ what: "skipped", detail: lostClaim(claim.state) });
    return ctx.result(OUTCOME.done);
  }
  const sent = await sendClaimed(ctx, room.key, () => deps.mailer.send(mail));
  await markRan(
    ctx,
    { messageId: sent.messageId, ...(variant ? { variant } : {}) },
    `sent to ${address} (${sent.messageId})${variant ? `, variant ${variant}` : ""}: ${mail.subject}`,
  );
  return ctx.result(OUTCOME.done);
}
