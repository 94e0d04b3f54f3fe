import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import type { Window } from "../../../statemachines/definitions/primitives.js";
import { encodeMessageTags } from "../../core/mail-tags.js";
import { checkWindow } from "../../core/send-window.js";
import { suppressionOf } from "../../core/suppression.js";
import type { Workspace } from "../../ports.js";
import type { StepContext } from "./context.js";

/**
 * Why a message step must not message this contact at all: suppressed (unsubscribed, bounced,
 * complained, by hand: on every channel) or no address for the channel. Traces the skip and
 * returns the step's result; undefined when the contact may be messaged.
 */
export async function skipUnreachable(
  ctx: StepContext,
  address: unknown,
  channel: "email address" | "phone number",
): Promise<StepResult | undefined> {
  const suppressed = suppressionOf(ctx.contact);
  const detail = suppressed
    ? `suppressed: ${suppressed}`
    : !ctx.contact
      ? "no contact"
      : typeof address !== "string" || address.trim() === ""
        ? `no ${channel}`
        : undefined;
  if (!detail) return undefined;
  await ctx.trace({ what: "skipped", detail });
  return ctx.result(OUTCOME.skipped);
}

/** The automation's execution window: journeys and sequences may have one, workflows never. */
export function windowOf(ctx: StepContext): Window | undefined {
  return (ctx.definition as { settings?: { window?: Window } }).settings?.window;
}

const describe = (w: Window, zone: string) =>
  `${w.days ? `${w.days.join("/")} ` : ""}${w.from}–${w.to} ${zone}`;

/**
 * Defers a message that falls outside the execution window to its next opening (in the
 * window's zone, DST-aware); undefined when it may go now. No ledger write: nothing happened.
 */
export async function deferOutsideWindow(
  ctx: StepContext,
  workspace: Workspace,
): Promise<StepResult | undefined> {
  const window = windowOf(ctx);
  if (!window) return undefined;
  const workspaceZone = workspace.timezone || "UTC";
  // The owner is read only for a window in the owner's zone.
  const ownerId = (ctx.record?.ownerId ?? ctx.contact?.ownerId) as string | undefined;
  const owner =
    window.timezone === "user" && ownerId ? await ctx.deps.users.get(ctx.tenantId, ownerId) : undefined;
  const check = checkWindow(ctx.deps.clock.now(), window, ctx.contact, workspaceZone, owner?.timezone);
  if (check.open) return undefined;
  return ctx.result(OUTCOME.deferred, {
    until: check.until.toISOString(),
    reason: `outside the execution window (${describe(window, check.zone)})`,
  });
}

/** The tags a message carries so that its engagement finds this step visit (SES events, SMS receipts). */
export function messageTags(ctx: StepContext): Record<string, string> {
  return encodeMessageTags({
    tenantId: ctx.tenantId,
    automationId: ctx.enrollment.automationId,
    enrollmentId: ctx.enrollment.id,
    stepId: ctx.stepId,
    token: ctx.input.ctx.resume.token,
    contactId: ctx.contact?.id ?? ctx.enrollment.contactId,
  });
}

/** Why a visit whose claim was lost did nothing: done before, or an attempt that never finished. */
export function lostClaim(state: string): string {
  return state === "claimed"
    ? "claimed by an earlier attempt that did not finish: flagged for reconciliation, not sent again"
    : `already ${state} in this visit`;
}

/**
 * Whether a send that threw certainly did not happen: the provider answered, with an error
 * (throttled, refused). A send that got no answer (a timeout, a dropped connection) may have
 * happened, and is not tried again.
 */
export function refused(e: unknown): boolean {
  const status = (e as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === "number" && status >= 400;
}

/**
 * Sends under a claimed visit. When the provider refuses the send, the claim and the room under
 * the cap are given back before the error goes on, so the Task's retry sends cleanly; any other
 * failure keeps the claim (the retry finds it and flags it, never sends twice).
 */
export async function sendClaimed<T>(
  ctx: StepContext,
  roomKey: string | undefined,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (refused(e)) {
      await ctx.deps.ledger.release(ctx.visit);
      if (roomKey) await ctx.deps.quotas.release(roomKey);
    }
    throw e;
  }
}
