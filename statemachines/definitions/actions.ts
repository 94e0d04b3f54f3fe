import { z } from "zod";
import { Condition } from "./conditions.js";
import { AutomationId, Duration } from "./primitives.js";

/** Text with `{{path}}` placeholders, rendered at run time (or at enrollment for sequences). */
export const Template = z.string();

export const TaskType = z.enum(["call", "email", "meeting", "linkedin", "todo"]);
export const Assignee = z.union(
  [z.literal("owner"), z.string().min(1), z.strictObject({ roundRobin: z.array(z.string().min(1)).min(1) })],
  { error: 'an assignee is "owner", a user id or {roundRobin: [user ids]}' },
);

export const EmailVariant = z.strictObject({
  name: z.string().min(1),
  weight: z.number().positive(),
  subject: Template.optional(),
  html: Template.optional(),
  text: Template.optional(),
});

export const EmailAction = z.strictObject({
  type: z.literal("email"),
  subject: Template.optional(),
  html: Template.optional(),
  text: Template.optional(),
  /** `owner` (the record owner's identity), `user` (the sending user's) or an address. */
  from: z.string().min(1).optional(),
  replyTo: z.string().min(1).optional(),
  /** A/B variants of subject and body; weights add up to 100. */
  variants: z.array(EmailVariant).min(2).optional(),
  /** Marketing mail carries unsubscribe links; transactional mail may opt out. */
  marketing: z.boolean().optional(),
});

export const SmsAction = z.strictObject({ type: z.literal("sms"), text: Template.min(1) });

export const NotifyAction = z.strictObject({
  type: z.literal("notify"),
  to: z.union(
    [
      z.literal("owner"),
      z.strictObject({ user: z.string().min(1) }),
      z.strictObject({ role: z.enum(["admin", "manager", "rep"]) }),
      z.strictObject({ email: z.email() }),
    ],
    { error: 'to is "owner", {user}, {role} or {email}' },
  ),
  subject: Template.min(1),
  text: Template.optional(),
  html: Template.optional(),
});

export const UpdateRecordAction = z.strictObject({
  type: z.literal("updateRecord"),
  /** Which record: the one that triggered (default when there is one) or the contact. */
  target: z.enum(["record", "contact"]).optional(),
  set: z.record(z.string().regex(/^[A-Za-z_][\w]*$/, { error: "a field name" }), z.json()),
});

export const CreateTaskAction = z.strictObject({
  type: z.literal("createTask"),
  taskType: TaskType,
  title: Template.min(1),
  notes: Template.optional(),
  due: Duration.optional(),
  assignee: Assignee.optional(),
});

export const ScoreRule = z.strictObject({ if: Condition, add: z.number() });
export const ScoreAction = z.strictObject({
  type: z.literal("score"),
  /** Points to add (negative subtracts), or the first matching rule's points. */
  add: z.number().optional(),
  rules: z.array(ScoreRule).min(1).optional(),
});

const AssignFallback = z.strictObject({
  strategy: z.enum(["fixed", "roundRobin"]),
  user: z.string().min(1).optional(),
  users: z.array(z.string().min(1)).min(1).optional(),
});
export const AssignAction = z.strictObject({
  type: z.literal("assign"),
  strategy: z.enum(["fixed", "roundRobin", "territory"]),
  target: z.enum(["record", "contact"]).optional(),
  user: z.string().min(1).optional(),
  users: z.array(z.string().min(1)).min(1).optional(),
  rules: z
    .array(z.strictObject({ if: Condition, user: z.string().min(1) }))
    .min(1)
    .optional(),
  otherwise: AssignFallback.optional(),
});

export const ListAction = z.strictObject({
  type: z.enum(["addToList", "removeFromList"]),
  list: z.string().min(1),
});

export const EnrollInSequenceAction = z.strictObject({
  type: z.literal("enrollInSequence"),
  sequence: AutomationId,
  /** The user the sequence sends as; defaults to the contact's owner. */
  sendAs: z.string().min(1).optional(),
});

export const WebhookAction = z.strictObject({
  type: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/, error: "an http(s) URL" }),
  /** The name of a workspace secret used to sign the request. */
  secret: z.string().min(1).optional(),
  body: z.record(z.string(), z.json()).optional(),
});

export const ACTION_SCHEMAS = {
  email: EmailAction,
  sms: SmsAction,
  notify: NotifyAction,
  updateRecord: UpdateRecordAction,
  createTask: CreateTaskAction,
  score: ScoreAction,
  assign: AssignAction,
  addToList: ListAction,
  removeFromList: ListAction,
  enrollInSequence: EnrollInSequenceAction,
  webhook: WebhookAction,
} as const;
