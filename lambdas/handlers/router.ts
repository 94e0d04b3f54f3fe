import { createHash } from "node:crypto";
import { STATE } from "../../statemachines/contract.js";
import type { BusEvent } from "../core/record-events.js";
import { type IndexedTrigger, TriggerIndex } from "../core/triggers.js";
import type { Automations, Clock, Engine, Enrollments, Origin, RecordType } from "../ports.js";
import { definitionOf, type StepDeps } from "./steps/context.js";

/** A chain of automations writing records that start automations stops at this depth. */
export const MAX_CHAIN_DEPTH = 3;

export interface RouterDeps {
  automations: Automations;
  enrollments: Enrollments;
  engine: Engine;
  clock: Clock;
  log: (line: string) => void;
}

const hash = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22);

/**
 * The router: an event → the workspace's active triggers (an index rebuilt when activations
 * change) → one enrollment per (automation, event), created with a condition so a redelivered
 * event starts nothing twice → the first segment. Changes made by an automation do not start
 * that automation again, and chains stop at MAX_CHAIN_DEPTH; both say so in the trace.
 */
export function createRouter(deps: RouterDeps) {
  const indexes = new Map<string, { stamp: string; index: TriggerIndex }>();
  const stepDeps = deps as unknown as StepDeps;

  async function indexFor(tenantId: string): Promise<TriggerIndex> {
    const active = (await deps.automations.list(tenantId)).filter(
      (h) => h.status === "active" && h.kind === "workflow",
    );
    const stamp = active.map((h) => `${h.id}@${h.activeVersion}`).join(",");
    const cached = indexes.get(tenantId);
    if (cached?.stamp === stamp) return cached.index;
    const triggers: IndexedTrigger[] = [];
    for (const h of active) {
      const d = await definitionOf(stepDeps, tenantId, h.id, h.activeVersion ?? h.latestVersion);
      if (d.kind === "workflow")
        triggers.push({ automationId: h.id, version: h.activeVersion ?? 1, index: 0, trigger: d.trigger });
    }
    const index = new TriggerIndex(triggers);
    indexes.set(tenantId, { stamp, index });
    return index;
  }

  return async (event: BusEvent): Promise<void> => {
    const tenantId = event.detail.tenantId;
    const matches = (await indexFor(tenantId)).match(event);
    const record = event.detail.record as Record<string, unknown> | undefined;
    const origin = record?._origin as Origin | undefined;
    for (const m of matches) {
      if (origin && (origin.automationId === m.automationId || origin.depth >= MAX_CHAIN_DEPTH)) {
        const why =
          origin.automationId === m.automationId
            ? `the change did not start ${m.automationId} again (loop protection)`
            : `the change did not start ${m.automationId}: a chain of ${origin.depth} automations is the limit`;
        await deps.enrollments.trace(tenantId, origin.enrollmentId, [
          { at: deps.clock.now().toISOString(), what: "skipped", detail: why },
        ]);
        deps.log(`${tenantId}: ${why}`);
        continue;
      }
      const recordType = event.detail.recordType as RecordType | undefined;
      const recordId = event.detail.recordId as string | undefined;
      const id = `enr_${hash(tenantId, m.automationId, String(m.version), event.id)}`;
      const token = `tok_${hash(id, "start")}`;
      const contactId = recordType === "contact" ? recordId : (record?.contactId as string | undefined);
      const created = await deps.enrollments.create({
        id,
        tenantId,
        automationId: m.automationId,
        version: m.version,
        contactId: contactId ?? "",
        ...(recordType && recordId ? { record: { type: recordType, id: recordId } } : {}),
        event: { type: event["detail-type"], id: event.id, ...event.detail, depth: origin?.depth ?? 0 },
        status: "active",
        pendingToken: token,
        trace: [
          {
            at: deps.clock.now().toISOString(),
            what: "matched",
            detail: `${event["detail-type"]} ${recordType ?? ""} ${recordId ?? ""}`.trim(),
          },
        ],
        createdAt: deps.clock.now().toISOString(),
      });
      if (!created) continue; // the same event, delivered again
      await deps.engine.start({
        tenantId,
        automationId: m.automationId,
        version: m.version,
        enrollmentId: id,
        contactId: contactId ?? "",
        resume: { stepId: STATE.start, token },
      });
    }
  };
}
