import { parseDuration, type Weekday } from "../../statemachines/definitions/primitives.js";

/** A wall-clock time in some zone. Months are 1–12; weekday 0 is Monday. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formats.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at `instant`. */
export function toLocal(instant: Date, zone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of format(zone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).slice(0, 3).toLowerCase() as Weekday),
  };
}

function offsetMs(instant: number, zone: string): number {
  const l = toLocal(new Date(instant), zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which `zone` shows this wall-clock time. A time skipped by a daylight-saving
 * jump moves forward by the jump (02:30 → 03:30); a repeated time takes the first occurrence.
 */
export function fromLocal(
  t: Omit<LocalTime, "weekday" | "second"> & { second?: number },
  zone: string,
): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second ?? 0);
  const before = wall - offsetMs(wall - 86_400_000, zone);
  const after = wall - offsetMs(wall + 86_400_000, zone);
  const candidates = [before, after].filter((c) => c + offsetMs(c, zone) === wall).sort((a, b) => a - b);
  // In a gap neither candidate shows this wall time: use the offset from before the jump.
  return new Date(candidates[0] ?? before);
}

/** Adds days to a calendar date (handles month and year ends). */
function plusDays(t: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: (d.getUTCDay() + 6) % 7,
  };
}

/**
 * Adds an ISO 8601 duration: years, months, weeks and days move the calendar date in `zone`
 * keeping the wall-clock time (a day across a DST change is 23 or 25 hours); hours, minutes and
 * seconds are elapsed time.
 */
export function addDuration(instant: Date, duration: string, zone: string): Date {
  const p = parseDuration(duration);
  let at = instant;
  if (p.years || p.months || p.weeks || p.days) {
    const l = toLocal(instant, zone);
    const monthIndex = l.month - 1 + p.sign * (p.years * 12 + p.months);
    const year = l.year + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = plusDays({ year, month, day: Math.min(l.day, lastDay) }, p.sign * (p.weeks * 7 + p.days));
    at = fromLocal({ ...date, hour: l.hour, minute: l.minute, second: l.second }, zone);
  }
  const clock = p.sign * ((p.hours * 60 + p.minutes) * 60 + p.seconds) * 1000;
  return new Date(at.getTime() + clock);
}

/** Midnight starting the next day in `zone` (where "skipped till the next day" resumes). */
export function startOfNextDay(instant: Date, zone: string): Date {
  const l = toLocal(instant, zone);
  return fromLocal({ ...plusDays(l, 1), hour: 0, minute: 0 }, zone);
}

/** Midnight starting the next month in `zone` (where monthly caps reset). */
export function startOfNextMonth(instant: Date, zone: string): Date {
  const l = toLocal(instant, zone);
  return fromLocal(
    { year: l.month === 12 ? l.year + 1 : l.year, month: (l.month % 12) + 1, day: 1, hour: 0, minute: 0 },
    zone,
  );
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The first instant ≥ `instant` at `at` on one of `days` (every day if none), in `zone`. */
export function nextSlot(
  instant: Date,
  slot: { days?: Weekday[] | undefined; at: string },
  zone: string,
): Date {
  const l = toLocal(instant, zone);
  const allowed = new Set((slot.days ?? WEEKDAYS).map((d) => WEEKDAYS.indexOf(d)));
  for (let i = 0; i <= 7; i++) {
    const date = plusDays(l, i);
    if (!allowed.has(date.weekday)) continue;
    const at = fromLocal(
      { ...date, hour: Math.floor(minutesOf(slot.at) / 60), minute: minutesOf(slot.at) % 60 },
      zone,
    );
    if (at.getTime() >= instant.getTime()) return at;
  }
  throw new RangeError("no slot in the next 8 days");
}

/**
 * When a send may happen: `instant` itself inside the window (days, from–to, in `zone`), else
 * the next opening. A window whose `to` is before `from` spans midnight.
 */
export function nextWindowOpen(
  instant: Date,
  window: { days?: Weekday[] | undefined; from: string; to: string },
  zone: string,
): Date {
  const l = toLocal(instant, zone);
  const now = l.hour * 60 + l.minute;
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const allowed = new Set((window.days ?? WEEKDAYS).map((d) => WEEKDAYS.indexOf(d)));
  const inside = from <= to ? now >= from && now < to : now >= from || now < to;
  const openedDay = from <= to || now >= from ? l.weekday : (l.weekday + 6) % 7;
  if (inside && allowed.has(openedDay)) return instant;
  return nextSlot(new Date(instant.getTime() + 1), { days: window.days, at: window.from }, zone);
}

/** Moves a Saturday or Sunday (in `zone`) to the same time on Monday. */
export function onBusinessDay(instant: Date, zone: string): Date {
  const l = toLocal(instant, zone);
  if (l.weekday < 5) return instant;
  return fromLocal({ ...plusDays(l, 7 - l.weekday), hour: l.hour, minute: l.minute, second: l.second }, zone);
}
