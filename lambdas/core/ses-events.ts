import { z } from "zod";
import { eventId } from "./event-ids.js";
import { decodeMessageTags } from "./mail-tags.js";
import type { BusEvent } from "./record-events.js";

/** Where engagement events come from: the router's rule listens to it (lambdas/core/events/rules.ts). */
export const ENGAGEMENT_SOURCE = "autopilot.engagement";

/** The SES event types that are engagement, and the section of the record that times each. */
const ENGAGEMENT = {
  Delivery: { type: "email.delivered", section: "delivery" },
  Open: { type: "email.opened", section: "open" },
  Click: { type: "email.clicked", section: "click" },
  Bounce: { type: "email.bounced", section: "bounce" },
  Complaint: { type: "email.complained", section: "complaint" },
} as const;

const Timed = z.looseObject({ timestamp: z.string().optional() });

/** The fields we read of an SES event publishing record (SNS, EventBridge or Firehose); the rest passes. */
const SesRecord = z.looseObject({
  eventType: z.string().optional(),
  /** Identity feedback notifications (not event publishing) name the type here, and carry no tags. */
  notificationType: z.string().optional(),
  mail: z.looseObject({
    messageId: z.string(),
    timestamp: z.string().optional(),
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  delivery: Timed.optional(),
  open: Timed.optional(),
  click: z.looseObject({ timestamp: z.string().optional(), link: z.string().optional() }).optional(),
  bounce: z.looseObject({ timestamp: z.string().optional(), bounceType: z.string().optional() }).optional(),
  complaint: Timed.optional(),
});

export type SesParse =
  | {
      ok: true;
      event: BusEvent;
      /** The suppression field to set on the contact: a permanent bounce, a complaint. */
      suppress?: "bounced" | "complained";
    }
  | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The SES record inside an EventBridge event (`source: aws.ses`) or an SNS notification, or itself. */
function unwrap(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  if (raw.source === "aws.ses" && isObject(raw.detail)) return raw.detail;
  if (raw.Type === "Notification" && typeof raw.Message === "string") {
    try {
      return JSON.parse(raw.Message);
    } catch {
      return raw;
    }
  }
  return raw;
}

/**
 * One SES event record → one engagement event on the bus, for mail a journey step sent (its
 * `ap-*` tags name the enrollment and the step visit). The id hashes the message id, the event
 * type, the event's time and the link, so SES delivering the same event twice gives the same id.
 * @example
 * parseSesEvent({ eventType: "Click", mail: { messageId: "m1", tags }, click: { timestamp, link } })
 * // { ok: true, event: { "detail-type": "email.clicked", detail: { contactId, link, … } } }
 */
export function parseSesEvent(raw: unknown): SesParse {
  const parsed = SesRecord.safeParse(unwrap(raw));
  if (!parsed.success) return { ok: false, reason: "not an SES event record" };
  const record = parsed.data;
  const type = record.eventType ?? record.notificationType ?? "";
  if (!(type in ENGAGEMENT)) return { ok: false, reason: `${type || "an untyped"} event is not engagement` };
  const kind = ENGAGEMENT[type as keyof typeof ENGAGEMENT];
  const ref = decodeMessageTags(record.mail.tags ?? {});
  if (!ref) return { ok: false, reason: `message ${record.mail.messageId} was not sent by a step` };
  const time = record[kind.section]?.timestamp ?? record.mail.timestamp ?? "";
  const link = record.click?.link;
  const bounceType = record.bounce?.bounceType;
  const event: BusEvent = {
    id: eventId("ses", record.mail.messageId, type, time, link ?? ""),
    source: ENGAGEMENT_SOURCE,
    "detail-type": kind.type,
    time,
    detail: {
      tenantId: ref.tenantId,
      ...(ref.contactId ? { contactId: ref.contactId } : {}),
      automationId: ref.automationId,
      enrollmentId: ref.enrollmentId,
      stepId: ref.stepId,
      token: ref.token,
      messageId: record.mail.messageId,
      ...(type === "Click" && link ? { link } : {}),
      ...(type === "Bounce" && bounceType ? { bounceType } : {}),
    },
  };
  // Only a permanent bounce suppresses: SES gives up on transient ones only after retrying, and
  // the address may work tomorrow.
  if (type === "Bounce" && bounceType === "Permanent") return { ok: true, event, suppress: "bounced" };
  if (type === "Complaint") return { ok: true, event, suppress: "complained" };
  return { ok: true, event };
}
