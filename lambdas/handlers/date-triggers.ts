import type { Trigger } from "../../statemachines/definitions/triggers.js";
import type { DynamoDueBuckets } from "../aws/dynamo-due.js";
import { evaluate } from "../core/conditions.js";
import type { BusEvent } from "../core/record-events.js";
import { addDuration, fromLocal } from "../core/time.js";
import { zoneFor } from "../core/waits.js";
import type {
  Automations,
  Clock,
  Records,
  StoredRecord,
  TimerPayload,
  Timers,
  Workspaces,
} from "../ports.js";
import { definitionOf } from "./steps/context.js";
import { cachedWorkspace } from "./steps/workspace.js";

type DateTrigger = Extract<Trigger, { event: "date" }>;
type Sweep = Extract<TimerPayload, { kind: "sweep" }>;

export interface DateTriggerDeps {
  automations: Automations;
  records: Records;
  workspaces: Workspaces;
  timers: Timers;
  buckets: DynamoDueBuckets;
  clock: Clock;
  /** Starts one contact's enrollment (the router's `enroll`): idempotent by the event id. */
  enroll: (event: BusEvent, automationId: string, version: number, trigger: number) => Promise<void>;
  /** Contacts per page: bounds the work (and memory) of one timer firing. */
  pageSize?: number;
}

/** Enrollments a due page starts at once. */
const STARTS_AT_ONCE = 16;

/** The earliest instant any zone shows a local date-time: UTC+14 reaches it first. */
const EARLIEST_ZONE = "Etc/GMT-14";

const localParts = (at: string) => {
  const [d = "", t = "00:00"] = at.split("T");
  const [year, month, day] = d.split("-").map(Number) as [number, number, number];
  return { year, month, day, hour: Number(t.slice(0, 2)), minute: Number(t.slice(3, 5)) };
};

/** When a contact is due under a date trigger, or undefined (not in the audience, no date). */
export function dueOf(t: DateTrigger, contact: StoredRecord, workspaceZone: string): Date | undefined {
  const a = t.audience;
  if (a?.list && !((contact.lists as string[] | undefined) ?? []).includes(a.list)) return undefined;
  if (a?.where && !evaluate(a.where, { contact, record: contact })) return undefined;
  const zone = zoneFor(t.timezone ?? "contact", contact, workspaceZone);
  if (t.field === undefined) return fromLocal(localParts(t.at), zone);
  const value = contact[t.field.split(".")[1] ?? ""];
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const base = fromLocal({ ...localParts(`${value.slice(0, 10)}T${t.at}`) }, zone);
  return t.offset ? addDuration(base, t.offset, zone) : base;
}

/**
 * Date triggers, fanned out in pages: on activation one `scan` timer is set (a fixed date: at the
 * first instant any zone reaches it; a date field: now). Each scan firing reads one page of
 * contacts, starts those already due, sorts the rest into due buckets (one timer per distinct
 * instant, named by it, so setting it again is harmless) and sets the next page's timer. Each
 * bucket's timer starts a page of its contacts and sets itself again until the bucket is empty.
 * On AWS the same timers are EventBridge Scheduler schedules targeting this handler; a 1M-contact
 * list costs 1M/page Lambda runs, never 1M schedules (a Distributed Map over the bucket pages is
 * the alternative when one instant holds millions).
 */
export function createDateTriggers(deps: DateTriggerDeps) {
  const size = deps.pageSize ?? 500;
  const schedule = (at: Date, name: string, p: Omit<Sweep, "kind">) =>
    deps.timers.schedule(at, name, { kind: "sweep", ...p });

  /** When the first scan runs: a fixed date's earliest instant in any zone; a date field's now. */
  const firstScan = (t: DateTrigger, now: Date) => {
    const first =
      t.field === undefined
        ? fromLocal(
            localParts(t.at),
            t.timezone && t.timezone !== "contact" && t.timezone !== "user" ? t.timezone : EARLIEST_ZONE,
          )
        : now;
    return first.getTime() > now.getTime() ? first : now;
  };

  async function activate(tenantId: string, automationId: string, version: number): Promise<number> {
    const d = await definitionOf(deps, tenantId, automationId, version);
    if (d.kind !== "journey") return 0;
    let scheduled = 0;
    for (const [trigger, t] of d.triggers.entries()) {
      if (t.event !== "date") continue;
      const at = firstScan(t, deps.clock.now());
      await schedule(at, `scan-${tenantId}-${automationId}-${version}-${trigger}`, {
        tenantId,
        automationId,
        version,
        trigger,
        due: at.toISOString(),
        phase: "scan",
      });
      scheduled++;
    }
    return scheduled;
  }

  const eventFor = (s: Sweep, contact: StoredRecord, due: string): BusEvent => ({
    id: `date:${s.automationId}:${s.version}:${s.trigger}:${contact.id}:${due}`,
    source: "autopilot.schedule",
    "detail-type": "date",
    time: deps.clock.now().toISOString(),
    detail: {
      tenantId: s.tenantId,
      contactId: contact.id,
      recordType: "contact",
      recordId: contact.id,
      record: contact,
      due,
    },
  });

  /**
   * What a contact's due time means now: start it (a fixed date already passed for its zone, or
   * a date field's time passed within the last day), put it in a bucket (later), or nothing.
   */
  const placeOf = (t: DateTrigger, contact: StoredRecord, zone: string, now: number) => {
    const due = dueOf(t, contact, zone);
    if (!due) return undefined;
    if (due.getTime() > now) return { later: due.toISOString() };
    // A fixed date already passed for this zone starts now; a date field's long past never does.
    return t.field === undefined || due.getTime() > now - 86_400_000 ? { now: due.toISOString() } : undefined;
  };

  const bucket = async (s: Omit<Sweep, "kind">, due: string, ids: string[]) => {
    await deps.buckets.add({ ...s, due }, ids);
    // Named by its instant: a second contact for the same instant sets the same timer again.
    await schedule(new Date(due), `due-${s.tenantId}-${s.automationId}-${s.version}-${s.trigger}-${due}`, {
      ...s,
      due,
      phase: "due",
      page: undefined,
    } as never);
  };

  async function scan(s: Sweep, t: DateTrigger): Promise<void> {
    const zone = (await cachedWorkspace(deps.workspaces, s.tenantId)).timezone ?? "UTC";
    const page = await deps.records.list(s.tenantId, "contact", {
      limit: size,
      ...(s.page ? { next: s.page } : {}),
    });
    const now = deps.clock.now().getTime();
    const later = new Map<string, string[]>();
    for (const contact of page.items) {
      const place = placeOf(t, contact, zone, now);
      if (place?.now)
        await deps.enroll(eventFor(s, contact, place.now), s.automationId, s.version, s.trigger);
      else if (place?.later) later.set(place.later, [...(later.get(place.later) ?? []), contact.id]);
    }
    for (const [due, ids] of later) await bucket(s, due, ids);
    if (page.next)
      await schedule(
        deps.clock.now(),
        `scan-${s.tenantId}-${s.automationId}-${s.version}-${s.trigger}-${page.next}`,
        { ...s, page: page.next },
      );
  }

  async function due(s: Sweep, t: DateTrigger): Promise<void> {
    const zone = (await cachedWorkspace(deps.workspaces, s.tenantId)).timezone ?? "UTC";
    const ids = await deps.buckets.page(s, size);
    // A few at a time: a page is 500 starts, and each is a read and two writes.
    for (let i = 0; i < ids.length; i += STARTS_AT_ONCE)
      await Promise.all(
        ids.slice(i, i + STARTS_AT_ONCE).map(async (id) => {
          const contact = await deps.records.get(s.tenantId, "contact", id);
          // Re-check: the contact may have left the list, moved zone or changed the date meanwhile.
          if (contact && dueOf(t, contact, zone)?.toISOString() === s.due)
            await deps.enroll(eventFor(s, contact, s.due), s.automationId, s.version, s.trigger);
        }),
      );
    await deps.buckets.remove(s, ids);
    if (ids.length === size)
      await schedule(
        deps.clock.now(),
        `due-${s.tenantId}-${s.automationId}-${s.version}-${s.trigger}-${s.due}-${ids.at(-1)}`,
        s,
      );
  }

  async function sweep(s: Sweep): Promise<void> {
    const head = await deps.automations.get(s.tenantId, s.automationId);
    if (head?.status !== "active" || head.activeVersion !== s.version) return; // paused or replaced
    const d = await definitionOf(deps, s.tenantId, s.automationId, s.version);
    const t = d.kind === "journey" ? d.triggers[s.trigger] : undefined;
    if (t?.event !== "date") return;
    await (s.phase === "scan" ? scan(s, t) : due(s, t));
  }

  /**
   * A contact created or changed after the first scan (a new date in its field, joined the list,
   * moved zone): placed again, into the bucket of its new instant. Its old bucket entry stays and
   * is skipped when due (the due page checks each contact's instant again).
   */
  async function contactChanged(
    event: BusEvent,
    automationId: string,
    version: number,
    trigger: number,
  ): Promise<void> {
    const contact = event.detail.record as StoredRecord | undefined;
    if (!contact?.id) return;
    const d = await definitionOf(deps, event.detail.tenantId, automationId, version);
    const t = d.kind === "journey" ? d.triggers[trigger] : undefined;
    if (t?.event !== "date") return;
    const now = deps.clock.now();
    // Before the first scan, the scan will read this contact as it is then.
    if (firstScan(t, now).getTime() > now.getTime()) return;
    const zone = (await cachedWorkspace(deps.workspaces, event.detail.tenantId)).timezone ?? "UTC";
    const s = {
      tenantId: event.detail.tenantId,
      automationId,
      version,
      trigger,
      due: "",
      phase: "due" as const,
    };
    const place = placeOf(t, contact, zone, now.getTime());
    // A blast that already reached this contact's zone is over for it: joining later sends nothing.
    if (place?.now && t.field !== undefined)
      await deps.enroll(
        eventFor({ kind: "sweep", ...s }, contact, place.now),
        automationId,
        version,
        trigger,
      );
    else if (place?.later) await bucket(s, place.later, [contact.id]);
  }

  return { activate, sweep, contactChanged };
}
