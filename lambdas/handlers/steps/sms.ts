import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { render } from "../../core/templates.js";
import { markRan, type StepContext, stepOf } from "./context.js";
import { deferOutsideWindow, lostClaim, messageTags, sendClaimed, skipUnreachable } from "./messages.js";
import { workspaceOf } from "./workspace.js";

/**
 * A text message to the enrollment's contact (`contact.phone`). The same rules as email:
 * skipped when suppressed (on every channel) or without a phone number, deferred outside the
 * execution window, at most once per visit (claim, send, done with its trace entry). No plan caps
 * SMS (PRODUCT.md caps emails only), so there is nothing to reserve: two DynamoDB operations.
 */
export async function runSms(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as { text?: string };
  const to = ctx.contact?.phone;
  const unreachable = await skipUnreachable(ctx, to, "phone number");
  if (unreachable) return unreachable;
  const phone = String(to);
  const closed = await deferOutsideWindow(ctx, await workspaceOf(ctx));
  if (closed) return closed;
  const body = render(String(step.text ?? ""), ctx.facts);
  const { deps } = ctx;
  const claim = await deps.ledger.claim(ctx.visit, deps.clock.now());
  if (!claim.claimed) {
    await ctx.trace({ what: "skipped", detail: lostClaim(claim.state) });
    return ctx.result(OUTCOME.done);
  }
  const sent = await sendClaimed(ctx, undefined, () =>
    deps.sms.send({ to: phone, body, tags: messageTags(ctx) }),
  );
  await markRan(ctx, { messageId: sent.messageId }, `texted ${phone} (${sent.messageId})`);
  return ctx.result(OUTCOME.done);
}
