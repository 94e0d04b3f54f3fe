import type { WaitStep } from "../../statemachines/definitions/journey.js";
import { isIanaTimeZone, type Window } from "../../statemachines/definitions/primitives.js";
import { type Facts, getPath } from "./facts.js";
import { addDuration, fromLocal, nextSlot, nextWindowOpen, onBusinessDay, toLocal } from "./time.js";

/**
 * The zone a time is read in: an IANA name as is; `contact` → the contact's `timezone` field,
 * else the workspace's; `user` → the owner's, else the workspace's.
 * @example zoneFor("contact", { timezone: "Asia/Tokyo" }, "UTC") // "Asia/Tokyo"
 */
export function zoneFor(
  spec: string | undefined,
  contact: Record<string, unknown> | undefined,
  workspaceZone: string,
  userZone?: string,
): string {
  if (spec === undefined || spec === "contact") {
    const tz = contact?.timezone;
    return typeof tz === "string" && isIanaTimeZone(tz) ? tz : workspaceZone;
  }
  if (spec === "user") return userZone ?? workspaceZone;
  return spec;
}

/** A date field's value as a local calendar date: `2027-04-01` or an ISO instant (its date in `zone`). */
function dateOf(value: unknown, zone: string): { year: number; month: number; day: number } | undefined {
  if (typeof value !== "string") return undefined;
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return { year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]) };
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  const l = toLocal(new Date(t), zone);
  return { year: l.year, month: l.month, day: l.day };
}

const hm = (at: string | undefined) => ({
  hour: Number((at ?? "00:00").slice(0, 2)),
  minute: Number((at ?? "00:00").slice(3, 5)),
});

/** When a wait ends, or why it cannot be computed (an empty date field: go on at once). */
export type Wake = { at: Date; why: string } | { at: Date; why: string; missing: true };

/**
 * The wake time of a `wait` step: a duration (calendar days in `zone`), the next weekday/time
 * slot, a local date-time, or a date field ± offset at a time; on business days only if asked;
 * then pushed into the execution window if the journey has one. Pure: the zone is resolved.
 */
export function wakeTime(step: WaitStep, now: Date, zone: string, facts: Facts, window?: Window): Wake {
  let at: Date;
  let why: string;
  const until = step.until;
  if (step.duration) {
    at = addDuration(now, step.duration, zone);
    why = step.duration;
  } else if (until?.date) {
    const [d = "", t = "00:00"] = until.date.split("T");
    const [year, month, day] = d.split("-").map(Number) as [number, number, number];
    at = fromLocal({ year, month, day, ...hm(t) }, zone);
    why = `${until.date} ${zone}`;
  } else if (until?.field) {
    const date = dateOf(getPath(facts, until.field), zone);
    if (!date) return { at: now, why: `${until.field} is empty or not a date`, missing: true };
    const base = fromLocal({ ...date, ...hm(until.at) }, zone);
    at = until.offset ? addDuration(base, until.offset, zone) : base;
    why = `${until.field}${until.offset ?? ""} at ${until.at ?? "00:00"} ${zone}`;
  } else {
    at = nextSlot(now, { days: until?.days, at: until?.at ?? "00:00" }, zone);
    why = `next ${(until?.days ?? ["any day"]).join("/")} ${until?.at ?? "00:00"} ${zone}`;
  }
  if (step.businessDaysOnly) at = onBusinessDay(at, zone);
  if (window) {
    const open = nextWindowOpen(at, window, zone);
    if (open.getTime() !== at.getTime()) why += ", then the execution window";
    at = open;
  }
  if (at.getTime() < now.getTime()) at = now;
  return { at, why };
}
