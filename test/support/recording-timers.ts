import type { TimerPayload, Timers } from "../../lambdas/ports.js";

/**
 * Timers in memory that remember what was scheduled and cancelled: for tests that check an
 * unenroll cancels the timer, without the local timer loop (it starts segments).
 */
export class RecordingTimers implements Timers {
  readonly scheduled = new Map<string, { at: Date; payload: TimerPayload }>();
  readonly cancelled: { at: Date; name: string }[] = [];

  async schedule(at: Date, name: string, payload: TimerPayload): Promise<void> {
    this.scheduled.set(name, { at, payload });
  }

  async cancel(at: Date, name: string): Promise<void> {
    this.cancelled.push({ at, name });
    this.scheduled.delete(name);
  }
}
