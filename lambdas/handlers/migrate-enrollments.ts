import type { StateMachineDefinition } from "../../statemachines/compiler/index.js";
import { STATE } from "../../statemachines/contract.js";
import type { Definition } from "../../statemachines/definitions/index.js";
import { type EndDeps, endRead } from "./enrollment-ops.js";

/**
 * Where a migrated enrollment resumes in its new version. Its timer or waiter was set by the old
 * version with that version's target (a wait's `next`, a waitFor's `next` or `onTimeout`); the
 * new version's step of the same id says where the same edge leads now. A deferral resumes the
 * step it waits at, in any version.
 * @example resumeTarget(v1, v2, "wait-2d", "opened-welcome") // v2's wait-2d.next
 */
export function resumeTarget(from: Definition, to: Definition, at: string, stepId: string): string {
  if (stepId === at || from.kind !== "journey" || to.kind !== "journey") return stepId;
  const before = from.steps[at] as { next?: string; onTimeout?: string } | undefined;
  const after = to.steps[at] as { next?: string; onTimeout?: string } | undefined;
  if (!before || !after) return stepId;
  if (before.onTimeout === stepId && after.onTimeout) return after.onTimeout;
  if (before.next === stepId && after.next) return after.next;
  return stepId;
}

/** What happens to enrollments waiting at a step the new version does not have. */
export type Orphans = "stay" | "exit";

export interface Migration {
  moved: number;
  stayed: number;
  exited: number;
}

/** How many enrollments are decided at once: bounded, so a big automation does not flood the table. */
const CONCURRENCY = 25;

/**
 * The steps a segment of this machine can resume at: its `Dispatch` targets (every step, plus
 * gates and internal states such as a smart sequence's `_Interval`).
 * @example resumableSteps(compile(journey)).has("wait-2d") // true
 */
export function resumableSteps(asl: StateMachineDefinition): Set<string> {
  const dispatch = asl.States[STATE.dispatch];
  if (dispatch?.Type !== "Choice") return new Set();
  return new Set(
    dispatch.Choices.filter((c) => c.Variable === "$.resume.stepId" && c.StringEquals !== undefined).map(
      (c) => c.StringEquals as string,
    ),
  );
}

/**
 * Moves an automation's waiting enrollments from other versions to `to` when the step they wait
 * at exists there (same step id, same token: the timer or waiter resumes them in `to`). Those at
 * a step `to` lacks stay on their version, or with `orphans: "exit"` are ended. Enrollments
 * running right now (no pending token) stay: their segment holds the cursor.
 *
 * Cost: one index query page per 1,000 active enrollments, then one consistent read each (the
 * index may lag, and it carries no token) and one conditional write per move or exit.
 * @example
 * await migrateEnrollments(deps, "ws1", "webinar-nurture", { version: 3, steps }, "exit")
 * // { moved: 120, stayed: 4, exited: 2 }
 */
export async function migrateEnrollments(
  deps: EndDeps,
  tenantId: string,
  automationId: string,
  to: { version: number; steps: Set<string> },
  orphans: Orphans,
): Promise<Migration> {
  const counts: Migration = { moved: 0, stayed: 0, exited: 0 };
  let next: string | undefined;
  do {
    const page = await deps.enrollments.list(tenantId, automationId, {
      status: "active",
      limit: 1000,
      ...(next ? { next } : {}),
    });
    const others = page.items.filter((e) => e.version !== to.version);
    for (let i = 0; i < others.length; i += CONCURRENCY) {
      const outcomes = await Promise.all(
        others.slice(i, i + CONCURRENCY).map((e) => decide(deps, tenantId, e.id, to, orphans)),
      );
      for (const o of outcomes) if (o) counts[o]++;
    }
    next = page.next;
  } while (next);
  return counts;
}

async function decide(
  deps: EndDeps,
  tenantId: string,
  id: string,
  to: { version: number; steps: Set<string> },
  orphans: Orphans,
): Promise<keyof Migration | undefined> {
  const e = await deps.enrollments.get(tenantId, id);
  // Ended (or already moved) since the listing: nothing to decide.
  if (e?.status !== "active" || e.version === to.version) return undefined;
  // No token: a segment is running (or starting, at ""); moving it mid-segment would mix versions.
  if (!e.pendingToken || !e.at) return "stayed";
  if (to.steps.has(e.at))
    return (await deps.enrollments.migrate(tenantId, id, e.version, to.version)) ? "moved" : "stayed";
  if (orphans === "stay") return "stayed";
  return (await endRead(deps, e, `step ${e.at} is not in version ${to.version}`)) ? "exited" : "stayed";
}
