import { addDuration } from "../lambdas/core/time.js";
import type { Clock } from "../lambdas/ports.js";
import { parseDuration } from "../statemachines/definitions/primitives.js";

/**
 * The local runtime's clock. Frozen (tests): time moves only when told. Running (`npm start`):
 * real time plus the jumps made so far. `advance` and `to` tell the listeners (the timer loop),
 * which fire what became due.
 */
export class VirtualClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  private readonly listeners: ((now: Date) => Promise<void>)[] = [];

  constructor(options: { start?: Date; frozen?: boolean } = {}) {
    const start = options.start?.getTime() ?? Date.now();
    if (options.frozen) this.frozenAt = start;
    else this.offsetMs = start - Date.now();
  }

  /** Whether time moves only when told (tests), or with real time (`npm start`). */
  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  onChange(listener: (now: Date) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Moves forward by an ISO 8601 duration (`P3D`), in UTC calendar days. */
  async advance(duration: string): Promise<Date> {
    if (parseDuration(duration).sign < 0) throw new RangeError("the clock only moves forward");
    return this.to(addDuration(this.now(), duration, "UTC"));
  }

  /**
   * Moves to `instant`. Listeners are told at every instant they ask for on the way
   * (`nextStop`): a timer due on day 2 fires with the clock at day 2, not at the end of the jump,
   * so what it schedules counts from then.
   */
  async to(instant: Date): Promise<Date> {
    if (instant.getTime() < this.now().getTime())
      throw new RangeError(`the clock only moves forward (now ${this.now().toISOString()})`);
    for (let stops = 0; ; stops++) {
      // A timer that keeps scheduling itself at the same instant must not hold the clock forever.
      const stop = this.nextStop && stops < 100_000 ? await this.nextStop(instant) : undefined;
      const at =
        stop && stop.getTime() < instant.getTime()
          ? new Date(Math.max(stop.getTime(), this.now().getTime()))
          : instant;
      this.set(at);
      for (const listener of this.listeners) await listener(this.now());
      if (at.getTime() >= instant.getTime()) return this.now();
    }
  }

  /** Where to stop on the way to `target` (the next due timer), set by the runtime. */
  nextStop?: (target: Date) => Promise<Date | undefined>;

  private set(at: Date): void {
    const delta = at.getTime() - this.now().getTime();
    if (this.frozenAt !== undefined) this.frozenAt += delta;
    else this.offsetMs += delta;
  }
}
