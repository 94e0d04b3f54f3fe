import { compilePattern, type EventMatcher } from "../lambdas/core/events/pattern.js";
import { BUS_RULES, type BusRuleName } from "../lambdas/core/events/rules.js";
import type { BusEvent } from "../lambdas/core/record-events.js";
import type { Bus } from "../lambdas/ports.js";

export type BusTarget = (event: BusEvent) => Promise<void>;

/**
 * The in-process bus: the same rule patterns as the CDK stack (BUS_RULES), matched by our
 * EventBridge matcher, delivered to local targets. `drain()` waits until every delivery,
 * including those that publish more events, has finished.
 */
export class LocalBus implements Bus {
  private readonly rules: { name: BusRuleName; matches: EventMatcher; target: BusTarget }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  readonly failures: { rule: BusRuleName; event: BusEvent; error: unknown }[] = [];
  /** Every event published, for the local API's event log and for tests. */
  readonly published: BusEvent[] = [];

  on(name: BusRuleName, target: BusTarget): void {
    this.rules.push({ name, matches: compilePattern(BUS_RULES[name].pattern), target });
  }

  async publish(events: BusEvent[]): Promise<void> {
    for (const event of events) {
      this.published.push(event);
      for (const rule of this.rules) {
        if (!rule.matches(event)) continue;
        const delivery = rule.target(event).catch((error: unknown) => {
          this.failures.push({ rule: rule.name, event, error });
        });
        this.inFlight.add(delivery);
        void delivery.finally(() => this.inFlight.delete(delivery));
      }
    }
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
