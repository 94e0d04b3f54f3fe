import { createHash } from "node:crypto";
import type { SegmentInput } from "../../../statemachines/contract.js";
import type { TraceEntry } from "../../ports.js";
import type { StepDeps } from "./context.js";

/**
 * The token of the segment that follows this one from `step`: derived from this segment's token,
 * so a retried Task schedules the same timer (same name) instead of a second one.
 */
export function nextToken(current: string, step: string): string {
  return `tok_${createHash("sha256").update(`${current}\n${step}`).digest("base64url").slice(0, 24)}`;
}

/**
 * Ends a segment with a durable timer: the enrollment first expects the next token (and says
 * where it waits, in the same write as its trace), then the timer is set. If the enrollment ended
 * meanwhile (unenrolled), nothing is scheduled.
 */
export async function resumeLater(
  deps: Pick<StepDeps, "enrollments" | "timers">,
  ctx: SegmentInput,
  o: { waitAt: string; resumeAt: string; at: Date; entries: TraceEntry[]; waiter?: boolean },
): Promise<string | undefined> {
  const token = nextToken(ctx.resume.token, o.waitAt);
  const at = o.at.toISOString();
  const expected = await deps.enrollments.expect(
    ctx.tenantId,
    ctx.enrollmentId,
    { token, step: o.waitAt, until: at, timer: { at, name: token } },
    o.entries,
  );
  if (!expected) return undefined;
  await deps.timers.schedule(o.at, token, {
    kind: "resume",
    input: { ...ctx, resume: { stepId: o.resumeAt, token } },
    ...(o.waiter
      ? { waiter: { tenantId: ctx.tenantId, contactId: ctx.contactId, enrollmentId: ctx.enrollmentId } }
      : {}),
  });
  return token;
}
