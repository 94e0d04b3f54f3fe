import type { TaskInput } from "../../../statemachines/contract.js";
import type { TraceEntry } from "../../ports.js";
import type { StepDeps } from "./context.js";

/** How long after each failure a step is tried again; after the last, the enrollment fails. */
export const RECOVERY_DELAYS_MS = [5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

/** Names the step a handler failed at, in the error message (the Task's Cause carries it on). */
export class StepFailure extends Error {
  constructor(step: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`[at ${step}] ${message}`, { cause });
    this.name = cause instanceof Error ? cause.name : "Error";
  }
}

/**
 * The step and message of a caught Task failure. Locally the Cause is the message; on Lambda it
 * is `{"errorMessage": …}` JSON. A failure of the function itself (a timeout) names no step.
 */
export function failureOf(error: { Error?: string; Cause?: string } | undefined): {
  step?: string;
  message: string;
} {
  let text = String(error?.Cause ?? "");
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown };
    if (typeof parsed?.errorMessage === "string") text = parsed.errorMessage;
  } catch {
    // the Cause was the message itself
  }
  const tagged = /^\[at ([^\]]+)\] ([\s\S]*)$/.exec(text);
  const message = `${error?.Error ?? "Error"}: ${(tagged?.[2] ?? text).slice(0, 500)}`;
  return tagged ? { step: tagged[1] as string, message } : { message };
}

/**
 * `_Failed`: a Task failed past its retries. The enrollment is set to run the failed step again
 * later (5 min, 30 min, 2 h, 12 h) with the same token, so a side effect claimed before the failure
 * is found claimed and not repeated; after the last try it ends as `failed`. Either way the trace
 * says what failed and what happens next; nothing is left waiting on a segment that died.
 */
export async function runRecover(input: TaskInput, deps: StepDeps): Promise<{ outcome: string }> {
  const { tenantId, enrollmentId, resume } = input.ctx;
  const failure = failureOf(input.error as { Error?: string; Cause?: string } | undefined);
  const e = await deps.enrollments.get(tenantId, enrollmentId);
  if (e?.status !== "active") return { outcome: "ended" };
  const step = failure.step ?? resume.stepId;
  const now = deps.clock.now();
  const failures = e.trace.filter((t) => t.what === "failed").length;
  const notes = (input.last?.seg?.notes as TraceEntry[] | undefined) ?? [];
  const delay = RECOVERY_DELAYS_MS[failures];
  if (delay === undefined) {
    await deps.enrollments.finish(
      tenantId,
      enrollmentId,
      "failed",
      {
        at: now.toISOString(),
        step,
        what: "failed",
        detail: `${failure.message}; gave up after ${failures + 1} failures`,
      },
      notes,
    );
    return { outcome: "failed" };
  }
  const at = new Date(now.getTime() + delay);
  const name = `${resume.token}.retry${failures + 1}`;
  const expected = await deps.enrollments.expect(
    tenantId,
    enrollmentId,
    { token: resume.token, step, until: at.toISOString(), timer: { at: at.toISOString(), name } },
    [
      ...notes,
      {
        at: now.toISOString(),
        step,
        what: "failed",
        detail: `${failure.message}; trying again at ${at.toISOString()}`,
      },
    ],
  );
  if (!expected) return { outcome: "ended" };
  const { trace: _written, ...ctx } = input.ctx;
  await deps.timers.schedule(at, name, {
    kind: "resume",
    input: { ...ctx, resume: { stepId: step, token: resume.token } },
  });
  return { outcome: "scheduled" };
}
