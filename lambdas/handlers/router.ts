import { createHash } from "node:crypto";
import { STATE } from "../../statemachines/contract.js";
import type { Condition } from "../../statemachines/definitions/conditions.js";
import type { Definition } from "../../statemachines/definitions/index.js";
import { parseDuration } from "../../statemachines/definitions/primitives.js";
import { evaluate } from "../core/conditions.js";
import type { BusEvent } from "../core/record-events.js";
import { factsOfEvent, type IndexedTrigger, TriggerIndex } from "../core/triggers.js";
import type {
  Automations,
  Clock,
  Engine,
  Enrollments,
  Origin,
  RecordType,
  Timers,
  Waiter,
  Waiters,
} from "../ports.js";
import { definitionOf } from "./steps/context.js";

/** A chain of automations writing records that start automations stops at this depth. */
export const MAX_CHAIN_DEPTH = 3;

export interface RouterDeps {
  automations: Automations;
  enrollments: Enrollments;
  engine: Engine;
  waiters: Waiters;
  timers: Timers;
  clock: Clock;
  log: (line: string) => void;
  /** How long a workspace's trigger index is reused before the active automations are listed again. */
  indexTtlMs?: number;
  /** A contact changed in a way a date trigger reads (its date field, lists, zone): place it again. */
  dateContactChanged?: (
    event: BusEvent,
    automationId: string,
    version: number,
    trigger: number,
  ) => Promise<void>;
}

const hash = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22);

interface TenantIndex {
  index: TriggerIndex;
  definitions: Map<string, Definition>;
  /** The events some active journey's waitFor waits for: only these look for waiters. */
  waited: Set<string>;
  /** Active date triggers, with the contact fields whose change moves a contact's due time. */
  dates: { automationId: string; version: number; index: number; fields: Set<string> }[];
  builtAt: number;
}

/** The contact fields a date trigger reads: its date field, the zone, lists, the audience's condition. */
function dateFieldsOf(t: Extract<Definition, { kind: "journey" }>["triggers"][number]): Set<string> {
  const fields = new Set(["timezone", "lists"]);
  if (t.event !== "date") return fields;
  if (t.field) fields.add(t.field.split(".")[1] ?? "");
  for (const m of JSON.stringify(t.audience?.where ?? {}).matchAll(/"(?:contact|record)\.([\w-]+)/g))
    fields.add(m[1] as string);
  return fields;
}

const MS_PER = {
  years: 365 * 86_400_000,
  months: 30 * 86_400_000,
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
};
function reentryOf(d: Definition): "never" | "always" | { afterMs: number } {
  if (d.kind !== "journey" || d.reentry === undefined || d.reentry === "never") return "never";
  if (d.reentry === "always") return "always";
  const p = parseDuration(d.reentry.after);
  return {
    afterMs: Object.entries(MS_PER).reduce((ms, [k, f]) => ms + (p[k as keyof typeof MS_PER] ?? 0) * f, 0),
  };
}

/** Does this event resume this waiter? Engagement must be with the enrollment's own messages. */
function resumes(w: Waiter, event: BusEvent): boolean {
  const type = event["detail-type"];
  const d = event.detail;
  const wanted = w.event.startsWith("custom.") ? `custom:${w.event.slice(7)}` : w.event;
  const actual = type === "custom" ? `custom:${String(d.name)}` : type;
  if (wanted !== actual) return false;
  if (/^(email|sms)\./.test(type)) {
    if (d.enrollmentId !== w.enrollmentId) return false;
    if (w.forStep && d.stepId !== w.forStep) return false;
  }
  return w.where === undefined || evaluate(w.where as Condition, factsOfEvent(event));
}

/**
 * The router: an event → (1) engagement recorded on the enrollment that sent the message,
 * (2) the contact's waiters it resumes (exactly one of event and timeout wins each), (3) the
 * workspace's active triggers (an index rebuilt when activations change) → one enrollment per
 * (automation, contact, event), admitted under the journey's re-entry rule and created with a
 * condition so a redelivered event starts nothing twice → the first segment. Changes made by an
 * automation do not start that automation again, and chains stop at MAX_CHAIN_DEPTH.
 */
export function createRouter(deps: RouterDeps) {
  const indexes = new Map<string, TenantIndex>();
  const ttl = deps.indexTtlMs ?? 5_000;
  const wall = () => performance.now();

  async function indexFor(tenantId: string): Promise<TenantIndex> {
    const cached = indexes.get(tenantId);
    if (cached && wall() - cached.builtAt < ttl) return cached;
    const active = (await deps.automations.list(tenantId)).filter(
      (h) => h.status === "active" && h.kind !== "sequence",
    );
    const triggers: IndexedTrigger[] = [];
    const definitions = new Map<string, Definition>();
    const waited = new Set<string>();
    const dates: TenantIndex["dates"] = [];
    for (const h of active) {
      const version = h.activeVersion ?? h.latestVersion;
      const d = await definitionOf(deps, tenantId, h.id, version);
      definitions.set(h.id, d);
      if (d.kind === "workflow") triggers.push({ automationId: h.id, version, index: 0, trigger: d.trigger });
      if (d.kind !== "journey") continue;
      for (const [index, trigger] of d.triggers.entries()) {
        triggers.push({ automationId: h.id, version, index, trigger });
        if (trigger.event === "date")
          dates.push({ automationId: h.id, version, index, fields: dateFieldsOf(trigger) });
      }
      for (const s of Object.values(d.steps))
        if (s.type === "waitFor") waited.add(s.event.startsWith("custom.") ? "custom" : s.event);
    }
    const built = { index: new TriggerIndex(triggers), definitions, waited, dates, builtAt: wall() };
    indexes.set(tenantId, built);
    return built;
  }

  const now = () => deps.clock.now().toISOString();

  async function engage(event: BusEvent): Promise<void> {
    const d = event.detail;
    const [channel, kind] = event["detail-type"].split(".");
    if (
      (channel === "email" || channel === "sms") &&
      typeof d.enrollmentId === "string" &&
      typeof d.stepId === "string"
    )
      await deps.enrollments.engage(d.tenantId, d.enrollmentId, d.stepId, String(kind));
  }

  async function wake(event: BusEvent, contactId: string): Promise<void> {
    const tenantId = event.detail.tenantId;
    for (const w of await deps.waiters.forContact(tenantId, contactId)) {
      if (!resumes(w, event)) continue;
      if (!(await deps.waiters.take(tenantId, contactId, w.enrollmentId, w.token))) continue; // the timeout won
      await deps.timers.cancel(new Date(w.timeoutAt), w.token);
      // The segment's claim writes what woke it, with the cursor.
      await deps.engine.start({
        tenantId,
        automationId: w.automationId,
        version: w.version,
        enrollmentId: w.enrollmentId,
        contactId,
        resume: { stepId: w.next, token: w.token },
        trace: [
          {
            at: now(),
            step: w.stepId,
            what: "ran",
            detail: `${event["detail-type"]} arrived: on to ${w.next}`,
          },
        ],
      });
    }
  }

  async function enroll(
    event: BusEvent,
    m: IndexedTrigger,
    definition: Definition | undefined,
  ): Promise<void> {
    const tenantId = event.detail.tenantId;
    const record = event.detail.record as Record<string, unknown> | undefined;
    const origin = record?._origin as Origin | undefined;
    if (origin && (origin.automationId === m.automationId || origin.depth >= MAX_CHAIN_DEPTH)) {
      const why =
        origin.automationId === m.automationId
          ? `the change did not start ${m.automationId} again (loop protection)`
          : `the change did not start ${m.automationId}: a chain of ${origin.depth} automations is the limit`;
      await deps.enrollments.trace(tenantId, origin.enrollmentId, [
        { at: now(), what: "skipped", detail: why },
      ]);
      deps.log(`${tenantId}: ${why}`);
      return;
    }
    const recordType = event.detail.recordType as RecordType | undefined;
    const recordId = event.detail.recordId as string | undefined;
    const contactId =
      (event.detail.contactId as string | undefined) ??
      (recordType === "contact" ? recordId : (record?.contactId as string | undefined)) ??
      "";
    const journey = definition?.kind === "journey";
    if (journey && !contactId) return; // a journey moves contacts: an event about nobody starts nothing
    const id = journey
      ? `enr_${hash(tenantId, m.automationId, String(m.version), contactId, event.id)}`
      : `enr_${hash(tenantId, m.automationId, String(m.version), event.id)}`;
    if (journey) {
      const admitted = await deps.enrollments.admit(
        tenantId,
        m.automationId,
        contactId,
        id,
        reentryOf(definition),
        deps.clock.now(),
      );
      if (!admitted) return; // already in it, or re-entry does not allow it yet
    }
    const token = `tok_${hash(id, "start")}`;
    const created = await deps.enrollments.create({
      id,
      tenantId,
      automationId: m.automationId,
      version: m.version,
      contactId,
      ...(recordType && recordId ? { record: { type: recordType, id: recordId } } : {}),
      event: { type: event["detail-type"], id: event.id, ...event.detail, depth: origin?.depth ?? 0 },
      status: "active",
      pendingToken: token,
      trace: [
        {
          at: now(),
          what: "matched",
          detail: `${event["detail-type"]} ${recordType ?? ""} ${recordId ?? contactId}`.trim(),
        },
      ],
      createdAt: now(),
    });
    if (!created) return; // the same event, delivered again
    await deps.engine.start({
      tenantId,
      automationId: m.automationId,
      version: m.version,
      enrollmentId: id,
      contactId,
      resume: { stepId: STATE.start, token },
    });
  }

  async function dateChanges(event: BusEvent, built: TenantIndex): Promise<void> {
    const type = event["detail-type"];
    if (type !== "record.created" && type !== "record.updated") return;
    const changed = (event.detail.changed as string[] | undefined) ?? [];
    for (const d of built.dates)
      if (type === "record.created" || changed.some((f) => d.fields.has(f)))
        await deps.dateContactChanged?.(event, d.automationId, d.version, d.index);
  }

  const route = async (event: BusEvent): Promise<void> => {
    const tenantId = event.detail.tenantId;
    const built = await indexFor(tenantId);
    await engage(event);
    const contactId =
      (event.detail.contactId as string | undefined) ??
      (event.detail.recordType === "contact" ? (event.detail.recordId as string) : undefined);
    const type = event["detail-type"];
    if (contactId && built.waited.has(type)) await wake(event, contactId);
    for (const m of built.index.match(event)) await enroll(event, m, built.definitions.get(m.automationId));
    if (built.dates.length > 0 && event.detail.recordType === "contact") await dateChanges(event, built);
  };
  /** Forget a workspace's index now (activation changed): the next event lists again. */
  route.invalidate = (tenantId?: string) => (tenantId ? indexes.delete(tenantId) : indexes.clear());
  /** Starts an enrollment for one contact as if `event` had matched trigger `m` (date triggers, manual enrollment). */
  route.enroll = async (event: BusEvent, automationId: string, version: number, trigger = 0) => {
    const d = await definitionOf(deps, event.detail.tenantId, automationId, version);
    const t = d.kind === "journey" ? d.triggers[trigger] : undefined;
    if (t) await enroll(event, { automationId, version, index: trigger, trigger: t }, d);
  };
  return route;
}
