import { z } from "zod";
import { Assignee, TaskType, Template } from "./actions.js";
import { Condition } from "./conditions.js";
import { AutomationId, Duration, StepId, Window } from "./primitives.js";

const timing = {
  id: StepId,
  /** manual mode: time after the previous step. */
  delay: Duration.optional(),
  /** classic mode: the day of the sequence (day 1 is the enrollment day). */
  day: z.number().int().optional(),
  /** classic and smart modes: the step runs only for records that match. */
  where: Condition.optional(),
};

export const SequenceEmailStep = z.strictObject({
  ...timing,
  type: z.literal("email"),
  subject: Template.optional(),
  html: Template.optional(),
  text: Template.optional(),
  /** Sent as a reply in the thread of the previous email (no subject of its own). */
  replyToThread: z.boolean().optional(),
});
export const SequenceSmsStep = z.strictObject({ ...timing, type: z.literal("sms"), text: Template.min(1) });
export const SequenceTaskStep = z.strictObject({
  ...timing,
  type: z.literal("task"),
  taskType: TaskType,
  title: Template.min(1),
  notes: Template.optional(),
  due: Duration.optional(),
  assignee: Assignee.optional(),
  /** The sequence waits until the task is completed before the next step's delay starts. */
  waitForCompletion: z.boolean().optional(),
});
/** A drafted email that the rep personalizes per contact, then sends; the sequence waits for it. */
export const SequenceManualEmailStep = z.strictObject({
  ...timing,
  type: z.literal("manualEmail"),
  subject: Template.min(1),
  html: Template.min(1),
  due: Duration.optional(),
});

export const SEQUENCE_STEP_TYPES = ["email", "sms", "task", "manualEmail"] as const;
export const SequenceStep = z.discriminatedUnion(
  "type",
  [SequenceEmailStep, SequenceSmsStep, SequenceTaskStep, SequenceManualEmailStep],
  {
    error: (i) =>
      `unknown sequence step type ${JSON.stringify((i.input as { type?: unknown })?.type)} (one of ${SEQUENCE_STEP_TYPES.join(", ")})`,
  },
);
export type SequenceStep = z.infer<typeof SequenceStep>;

export const UNENROLL_REASONS = ["reply", "bounce", "unsubscribe", "meetingBooked"] as const;
export const SequenceSettings = z.strictObject({
  sendAs: z.string().min(1).optional(),
  /** `ses` (the owner's verified identity) or `smtp` (the owner's personal SMTP server). */
  sendVia: z.enum(["ses", "smtp"]).optional(),
  unenrollOn: z.array(z.enum(UNENROLL_REASONS)).optional(),
  businessDaysOnly: z.boolean().optional(),
  window: Window.optional(),
});

export const Sequence = z.strictObject({
  kind: z.literal("sequence"),
  id: AutomationId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  mode: z.enum(["manual", "classic", "smart"]),
  durationDays: z.number().int().optional(),
  intervalDays: z.number().int().optional(),
  settings: SequenceSettings.optional(),
  steps: z.array(SequenceStep).min(1),
});
export type Sequence = z.infer<typeof Sequence>;
