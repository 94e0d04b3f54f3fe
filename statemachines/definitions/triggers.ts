import { z } from "zod";
import { Condition } from "./conditions.js";
import {
  AutomationId,
  ClockTime,
  LocalDateTime,
  RecordType,
  SignedDuration,
  TimeZone,
} from "./primitives.js";

export const RECORD_EVENTS = ["record.created", "record.updated", "record.deleted"] as const;
export const ENGAGEMENT_EVENTS = [
  "email.delivered",
  "email.opened",
  "email.clicked",
  "email.bounced",
  "email.complained",
  "email.replied",
  "email.unsubscribed",
  "sms.delivered",
  "sms.replied",
] as const;

export const RecordTrigger = z.strictObject({
  event: z.enum(RECORD_EVENTS),
  recordType: RecordType,
  where: Condition.optional(),
});
export type RecordTrigger = z.infer<typeof RecordTrigger>;

export const PageVisitTrigger = z.strictObject({
  event: z.literal("page.visited"),
  where: Condition.optional(),
});

export const EngagementTrigger = z.strictObject({
  event: z.enum(ENGAGEMENT_EVENTS),
  /** Only engagement with mail sent by this automation. */
  automation: AutomationId.optional(),
  where: Condition.optional(),
});

export const ListTrigger = z.strictObject({
  event: z.enum(["list.joined", "list.left"]),
  list: z.string().min(1),
  where: Condition.optional(),
});

export const DerivedTrigger = z.strictObject({
  event: z.enum(["task.completed", "deal.won", "deal.lost"]),
  where: Condition.optional(),
});

export const CustomTrigger = z.strictObject({
  event: z.literal("custom"),
  name: z.string().regex(/^[\w.-]+$/, { error: "an event name: letters, digits, '.', '_', '-'" }),
  where: Condition.optional(),
});

export const ManualTrigger = z.strictObject({ event: z.literal("manual") });

/** Who a date trigger applies to: a list, the contacts matching a condition, or both. */
export const Audience = z.strictObject({ list: z.string().min(1).optional(), where: Condition.optional() });

/**
 * A fixed date (`at: "2027-03-01T10:00:00"`, each contact at that local time) or a date relative
 * to a field (`field: "contact.renewalDate", offset: "-P3D", at: "09:00"`).
 */
export const DateTrigger = z
  .strictObject({
    event: z.literal("date"),
    at: z.string(),
    field: z
      .string()
      .regex(/^(contact|record)\.[\w-]+$/, { error: "a date field such as contact.renewalDate" })
      .optional(),
    offset: SignedDuration.optional(),
    timezone: TimeZone.optional(),
    audience: Audience.optional(),
  })
  .superRefine((t, ctx) => {
    const schema = t.field === undefined ? LocalDateTime : ClockTime;
    const r = schema.safeParse(t.at);
    if (!r.success)
      ctx.addIssue({
        code: "custom",
        path: ["at"],
        message:
          t.field === undefined
            ? `a fixed date trigger needs a local date-time YYYY-MM-DDTHH:MM[:SS] (got ${JSON.stringify(t.at)})`
            : `a date-field trigger needs a clock time HH:MM (got ${JSON.stringify(t.at)})`,
      });
    if (t.offset !== undefined && t.field === undefined)
      ctx.addIssue({ code: "custom", path: ["offset"], message: "offset applies only with field" });
  });

const TRIGGER_EVENTS = [
  ...RECORD_EVENTS,
  "page.visited",
  ...ENGAGEMENT_EVENTS,
  "list.joined",
  "list.left",
  "task.completed",
  "deal.won",
  "deal.lost",
  "custom",
  "manual",
  "date",
];

export const Trigger = z.discriminatedUnion(
  "event",
  [
    RecordTrigger,
    PageVisitTrigger,
    EngagementTrigger,
    ListTrigger,
    DerivedTrigger,
    CustomTrigger,
    ManualTrigger,
    DateTrigger,
  ],
  {
    error: (i) =>
      `unknown trigger event ${JSON.stringify((i.input as { event?: unknown })?.event)} (one of ${TRIGGER_EVENTS.join(", ")})`,
  },
);
export type Trigger = z.infer<typeof Trigger>;
