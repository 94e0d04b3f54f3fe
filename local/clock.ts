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

  async to(instant: Date): Promise<Date> {
    const delta = instant.getTime() - this.now().getTime();
    if (delta < 0) throw new RangeError(`the clock only moves forward (now ${this.now().toISOString()})`);
    if (this.frozenAt !== undefined) this.frozenAt += delta;
    else this.offsetMs += delta;
    for (const listener of this.listeners) await listener(this.now());
    return this.now();
  }
}
