import { Definition } from "../../../statemachines/definitions/index.js";

/** A journey with every step kind and awkward text, to test labels and escaping. */
export const everyKind = Definition.parse({
  kind: "journey",
  id: "every-kind",
  name: "Every kind of step",
  triggers: [
    { event: "manual" },
    { event: "email.opened", automation: "newsletter" },
    { event: "custom", name: "app.signup", where: { field: "event.plan", op: "eq", value: "pro" } },
    { event: "date", at: "09:00", field: "contact.renewalDate", offset: "-P3D" },
    { event: "deal.won" },
  ],
  start: "hello",
  steps: {
    hello: {
      type: "email",
      subject: 'Say "hi" <b>now</b> | #1 `x`',
      html: "<p>secret html</p>",
      next: "text",
    },
    text: { type: "sms", text: "Hi", next: "ping" },
    ping: { type: "notify", to: { role: "manager" }, subject: "Heads up", next: "untag" },
    untag: { type: "removeFromList", list: "trial", next: "rank" },
    rank: {
      type: "score",
      rules: [{ if: { field: "contact.country", op: "in", value: ["US", "CA"] }, add: 5 }],
      next: "owner",
    },
    owner: { type: "assign", strategy: "fixed", user: "usr_1", next: "pause" },
    pause: {
      type: "wait",
      until: { field: "contact.renewalDate", offset: "-P1D", at: "08:00" },
      businessDaysOnly: true,
      next: "reply",
    },
    reply: {
      type: "waitFor",
      event: "email.replied",
      step: "hello",
      where: { not: { field: "event.text", op: "contains", value: "stop" } },
      timeout: "PT4H",
      next: "won?",
      onTimeout: "control",
    },
    "won?": { type: "goal", if: { field: "record.stage", op: "eq", value: "won" } },
    control: {
      type: "split",
      paths: [
        { name: "a", weight: 90, next: "bye" },
        { name: "ctl", weight: 10, next: "bye", holdout: true },
      ],
    },
    bye: { type: "exit", reason: "Split done" },
  },
});
