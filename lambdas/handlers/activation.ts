import type { Engine, Enrollments } from "../ports.js";

/** What else happens when an automation is activated or resumed. */
export interface ActivationHooks {
  /** After activation: date triggers set their first sweep; returns how many triggers. */
  activated(tenantId: string, automationId: string, version: number): Promise<number>;
  /**
   * After resume: segments parked while paused start again (returns how many), and date
   * triggers scan again, so a sweep dropped while paused is made up (starts are idempotent).
   */
  resumed(tenantId: string, automationId: string, version: number | undefined): Promise<number>;
}

export function createActivationHooks(deps: {
  enrollments: Enrollments;
  engine: Engine;
  dateTriggers: { activate(tenantId: string, automationId: string, version: number): Promise<number> };
}): ActivationHooks {
  return {
    activated: (tenantId, automationId, version) =>
      deps.dateTriggers.activate(tenantId, automationId, version),
    async resumed(tenantId, automationId, version) {
      const parked = await deps.enrollments.unpark(tenantId, automationId);
      for (const input of parked) await deps.engine.start(input);
      if (version !== undefined) await deps.dateTriggers.activate(tenantId, automationId, version);
      return parked.length;
    },
  };
}
