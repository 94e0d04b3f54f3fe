import { z } from "zod";

/** ISO 8601 duration, e.g. `PT0S`, `PT4H`, `P2D`, `P1W`. */
const DURATION_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const Duration = z
  .string()
  .regex(DURATION_RE, { error: (i) => `not an ISO 8601 duration (got ${JSON.stringify(i.input)})` });
export type Duration = z.infer<typeof Duration>;

/** A signed ISO 8601 duration: `-P3D` is three days before. */
export const SignedDuration = z.string().refine((s) => DURATION_RE.test(s.replace(/^[-+]/, "")), {
  error: (i) => `not an ISO 8601 duration (got ${JSON.stringify(i.input)})`,
});

export interface DurationParts {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Splits an ISO 8601 duration into its calendar and clock parts (calendar parts are kept apart
 * because a day is not always 24 hours in a time zone).
 * @example parseDuration("P1DT2H") // {days: 1, hours: 2, ...}
 */
export function parseDuration(text: string): DurationParts {
  const sign = text.startsWith("-") ? -1 : 1;
  const m = DURATION_RE.exec(text.replace(/^[-+]/, ""));
  if (!m) throw new RangeError(`not an ISO 8601 duration: ${text}`);
  const n = (s: string | undefined) => (s ? Number.parseFloat(s) : 0);
  return {
    sign,
    years: n(m[1]),
    months: n(m[2]),
    weeks: n(m[3]),
    days: n(m[4]),
    hours: n(m[6]),
    minutes: n(m[7]),
    seconds: n(m[8]),
  };
}

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  error: (i) => `not a clock time HH:MM (got ${JSON.stringify(i.input)})`,
});

/** A local date and time (`2027-03-01T10:00:00`), read in the time zone that goes with it. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, {
    error: (i) => `not a local date-time YYYY-MM-DDTHH:MM[:SS] (got ${JSON.stringify(i.input)})`,
  });

const zones = new Map<string, boolean>();

/** Whether `name` is a time zone this runtime knows; remembered (every wait and send asks). */
export function isIanaTimeZone(name: string): boolean {
  let known = zones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      known = name.length > 0;
    } catch {
      known = false;
    }
    // Bounded: names come from contacts' fields, and a bad one is as cheap to ask again.
    if (zones.size < 10_000) zones.set(name, known);
  }
  return known;
}

/** An IANA zone, `contact` (the contact's zone, else the workspace's) or `user` (the sender's). */
export const TimeZone = z.string().refine((s) => s === "contact" || s === "user" || isIanaTimeZone(s), {
  error: (i) => `not an IANA time zone, "contact" or "user" (got ${JSON.stringify(i.input)})`,
});

export const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], {
  error: (i) => `not a weekday mon..sun (got ${JSON.stringify(i.input)})`,
});
export type Weekday = z.infer<typeof Weekday>;

export const AutomationId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "an id is a slug: lowercase letters, digits and dashes" });

/** Step ids become state names and keys of `engagement.<stepId>`: no dots, no spaces. */
export const StepId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_?!-]{0,63}$/, {
  error: (i) =>
    `not a step id: letters, digits, "-", "_", "?", "!", at most 64 (got ${JSON.stringify(i.input)})`,
});

export const RecordType = z.enum(["contact", "deal", "company", "activity"]);
export type RecordType = z.infer<typeof RecordType>;

/** An execution window: days of week and hours in a time zone. */
export const Window = z.strictObject({
  days: z.array(Weekday).min(1).optional(),
  from: ClockTime,
  to: ClockTime,
  timezone: TimeZone.optional(),
});
export type Window = z.infer<typeof Window>;

export const JsonValue = z.json();
