import type { Engine, TimerPayload, Waiters } from "../ports.js";

export interface TimerDeps {
  engine: Engine;
  waiters: Waiters;
  /** Runs a date trigger's sweep (fan-out in pages). */
  sweep?: (payload: Extract<TimerPayload, { kind: "sweep" }>) => Promise<void>;
}

/**
 * What a fired timer runs (the EventBridge Scheduler target on AWS; the timer loop locally): a
 * resume starts its segment, except a waitFor's timeout, which must first take the waiter from
 * the event that may be racing it.
 */
export function createTimerHandler(deps: TimerDeps) {
  return async (payload: TimerPayload): Promise<"started" | "lost" | "swept"> => {
    if (payload.kind === "sweep") {
      await deps.sweep?.(payload);
      return "swept";
    }
    const w = payload.waiter;
    if (w && !(await deps.waiters.take(w.tenantId, w.contactId, w.enrollmentId, payload.input.resume.token)))
      return "lost";
    await deps.engine.start(payload.input);
    return "started";
  };
}
