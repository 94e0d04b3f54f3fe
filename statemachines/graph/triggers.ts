import { assertUnreachable } from "../compiler/unreachable.js";
import type { Condition } from "../definitions/conditions.js";
import type { Trigger } from "../definitions/triggers.js";
import { describeCondition } from "./conditions.js";

const where = (c: Condition | undefined) => (c === undefined ? [] : ["where", describeCondition(c)]);

type DateTrigger = Extract<Trigger, { event: "date" }>;

function dateLabel(t: DateTrigger): string {
  const when = t.field === undefined ? [t.at] : [t.field, ...(t.offset ? [t.offset] : []), t.at];
  const audience = t.audience === undefined ? [] : t.audience.list ? ["list", t.audience.list] : [];
  return [
    "date",
    ...when,
    ...(t.timezone ? [`(${t.timezone})`] : []),
    ...audience,
    ...where(t.audience?.where),
  ].join(" ");
}

/**
 * What starts a run, in one line.
 * @example triggerLabel({event: "list.joined", list: "webinar-2026"}) // "list.joined webinar-2026"
 */
export function triggerLabel(t: Trigger): string {
  switch (t.event) {
    case "record.created":
    case "record.updated":
    case "record.deleted":
      return [t.event, t.recordType, ...where(t.where)].join(" ");
    case "list.joined":
    case "list.left":
      return [t.event, t.list, ...where(t.where)].join(" ");
    case "email.delivered":
    case "email.opened":
    case "email.clicked":
    case "email.bounced":
    case "email.complained":
    case "email.replied":
    case "email.unsubscribed":
    case "sms.delivered":
    case "sms.replied":
      return [t.event, ...(t.automation ? ["from", t.automation] : []), ...where(t.where)].join(" ");
    case "custom":
      return ["custom", t.name, ...where(t.where)].join(" ");
    case "page.visited":
    case "task.completed":
    case "deal.won":
    case "deal.lost":
      return [t.event, ...where(t.where)].join(" ");
    case "manual":
      return "manual";
    case "date":
      return dateLabel(t);
    default:
      return assertUnreachable(t);
  }
}
