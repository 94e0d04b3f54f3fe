import type { Enrollment, Enrollments, TraceEntry, Waiters } from "../../lambdas/ports.js";

const T0 = "2027-03-01T10:00:00.000Z";

export interface Placed {
  tenantId: string;
  automationId: string;
  id: string;
  version?: number;
  contactId?: string;
  /** Where it waits; absent: it stays mid-segment (claimed, no pending token). */
  waitAt?: string;
  /** Also put a waitFor's waiter on the pending token. */
  waiter?: Waiters;
  trace?: TraceEntry[];
}

/**
 * An enrollment as segments leave it: created, claimed by its first segment, then (with
 * `waitAt`) waiting there with a timer on a new token, the way a wait or waitFor ends a segment.
 */
export async function placeEnrollment(enrollments: Enrollments, p: Placed): Promise<Enrollment> {
  const e: Enrollment = {
    id: p.id,
    tenantId: p.tenantId,
    automationId: p.automationId,
    version: p.version ?? 1,
    contactId: p.contactId ?? `ctc_${p.id}`,
    status: "active",
    pendingToken: `tok_${p.id}_0`,
    trace: [{ at: T0, what: "matched", detail: "record.created contact" }],
    createdAt: T0,
  };
  if (!(await enrollments.create(e))) throw new Error(`enrollment ${p.id} exists`);
  await enrollments.claim(p.tenantId, p.id, `tok_${p.id}_0`);
  if (p.trace) await enrollments.trace(p.tenantId, p.id, p.trace);
  if (p.waitAt === undefined) return (await enrollments.get(p.tenantId, p.id)) as Enrollment;
  const token = `tok_${p.id}_1`;
  const until = "2027-03-03T10:00:00.000Z";
  await enrollments.expect(
    p.tenantId,
    p.id,
    { token, step: p.waitAt, until, timer: { at: until, name: token } },
    [{ at: T0, step: p.waitAt, what: "waited", detail: `until ${until}` }],
  );
  await p.waiter?.put({
    tenantId: p.tenantId,
    contactId: e.contactId,
    enrollmentId: p.id,
    automationId: p.automationId,
    version: e.version,
    stepId: p.waitAt,
    event: "email.clicked",
    next: "next",
    onTimeout: "timeout",
    token,
    timeoutAt: until,
  });
  return (await enrollments.get(p.tenantId, p.id)) as Enrollment;
}
