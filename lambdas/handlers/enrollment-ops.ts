import type { Clock, Enrollment, Enrollments, Timers, TraceEntry, Waiters } from "../ports.js";

export interface EndDeps {
  enrollments: Enrollments;
  timers: Timers;
  waiters: Waiters;
  clock: Clock;
}

/** `ended` is false when the enrollment had already ended; `enrollment` is as read before. */
export interface Ended {
  ended: boolean;
  enrollment: Enrollment | undefined;
}

/**
 * Ends an enrollment as `exited` with `reason` in its trace (`who`, when given, is added), then
 * cancels its timer and takes its waiter so neither starts another segment.
 *
 * The finish comes first and decides: a timer or event that wins the race finds the enrollment
 * ended and its claim fails, so cancelling is clean-up (no Scheduler firing, no Express request),
 * not what keeps the contact out. A segment already running fails its claim or its next `expect`.
 * @example
 * const { ended } = await endEnrollment(deps, "ws1", "enr_1", "unenrolled by usr_1");
 */
export async function endEnrollment(
  deps: EndDeps,
  tenantId: string,
  enrollmentId: string,
  reason: string,
  who?: string,
): Promise<Ended> {
  const enrollment = await deps.enrollments.get(tenantId, enrollmentId);
  if (!enrollment) return { ended: false, enrollment };
  return { ended: await endRead(deps, enrollment, reason, who), enrollment };
}

/** `endEnrollment` for an enrollment already read (a migration that read it to decide). */
export async function endRead(deps: EndDeps, e: Enrollment, reason: string, who?: string): Promise<boolean> {
  if (e.status !== "active") return false;
  const entry: TraceEntry = {
    at: deps.clock.now().toISOString(),
    // The step it was at stays its place in "who is where" (exited at wait-2d).
    ...(e.at ? { step: e.at } : {}),
    what: "exited",
    detail: who ? `${reason} (by ${who})` : reason,
  };
  if (!(await deps.enrollments.finish(e.tenantId, e.id, "exited", entry))) return false;
  await Promise.all([
    e.timer ? deps.timers.cancel(new Date(e.timer.at), e.timer.name) : undefined,
    // Only a waitFor has a waiter; for a plain wait this conditional delete finds nothing.
    e.pendingToken ? deps.waiters.take(e.tenantId, e.contactId, e.id, e.pendingToken) : undefined,
  ]);
  return true;
}
