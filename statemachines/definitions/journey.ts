import { z } from "zod";
import { ACTION_SCHEMAS } from "./actions.js";
import { Condition } from "./conditions.js";
import {
  AutomationId,
  ClockTime,
  Duration,
  LocalDateTime,
  SignedDuration,
  StepId,
  TimeZone,
  Weekday,
  Window,
} from "./primitives.js";
import { ENGAGEMENT_EVENTS, Trigger } from "./triggers.js";

const next = { next: StepId.optional() };

export const EmailStep = ACTION_SCHEMAS.email.extend(next);
export const SmsStep = ACTION_SCHEMAS.sms.extend(next);
export const NotifyStep = ACTION_SCHEMAS.notify.extend(next);
export const UpdateRecordStep = ACTION_SCHEMAS.updateRecord.extend(next);
export const CreateTaskStep = ACTION_SCHEMAS.createTask.extend(next);
export const ScoreStep = ACTION_SCHEMAS.score.extend(next);
export const AssignStep = ACTION_SCHEMAS.assign.extend(next);
export const ListStep = ACTION_SCHEMAS.addToList.extend(next);
export const EnrollInSequenceStep = ACTION_SCHEMAS.enrollInSequence.extend(next);
export const WebhookStep = ACTION_SCHEMAS.webhook.extend(next);

/**
 * `until` is the next weekday/time slot (`{days, at}`), a local date-time (`{date}`), or a date
 * field of the contact (`{field, offset, at}`).
 */
export const WaitUntil = z.strictObject({
  days: z.array(Weekday).min(1).optional(),
  at: ClockTime.optional(),
  date: LocalDateTime.optional(),
  field: z
    .string()
    .regex(/^(contact|record)\.[\w-]+$/, { error: "a date field such as contact.renewalDate" })
    .optional(),
  offset: SignedDuration.optional(),
  timezone: TimeZone.optional(),
});
export const WaitStep = z.strictObject({
  type: z.literal("wait"),
  duration: Duration.optional(),
  until: WaitUntil.optional(),
  businessDaysOnly: z.boolean().optional(),
  next: StepId,
});
export type WaitStep = z.infer<typeof WaitStep>;

export const WaitForStep = z.strictObject({
  type: z.literal("waitFor"),
  event: z.union(
    [
      z.enum([...ENGAGEMENT_EVENTS, "page.visited", "task.completed", "deal.won", "deal.lost"]),
      z.string().regex(/^custom\.[\w.-]+$/),
    ],
    {
      error: (i) => `unknown event ${JSON.stringify(i.input)} to wait for`,
    },
  ),
  /** Only engagement with this message step (defaults to any message of this journey). */
  step: StepId.optional(),
  where: Condition.optional(),
  timeout: Duration,
  next: StepId,
  onTimeout: StepId,
});
export type WaitForStep = z.infer<typeof WaitForStep>;

export const BranchStep = z.strictObject({
  type: z.literal("branch"),
  if: Condition,
  then: StepId,
  else: StepId,
});
export type BranchStep = z.infer<typeof BranchStep>;

export const SplitPath = z.strictObject({
  name: StepId,
  weight: z.number(),
  next: StepId,
  /** A holdout path gets no messages; it counts as a result to compare with. */
  holdout: z.boolean().optional(),
});
export const SplitStep = z.strictObject({ type: z.literal("split"), paths: z.array(SplitPath).min(2) });
export type SplitStep = z.infer<typeof SplitStep>;

/** Ends the enrollment as "goal reached" when the condition holds, else goes on to `next`. */
export const GoalStep = z.strictObject({ type: z.literal("goal"), if: Condition, next: StepId.optional() });
export const ExitStep = z.strictObject({ type: z.literal("exit"), reason: z.string().max(200).optional() });

export const JOURNEY_STEP_TYPES = [
  "email",
  "sms",
  "notify",
  "updateRecord",
  "createTask",
  "score",
  "assign",
  "addToList",
  "removeFromList",
  "enrollInSequence",
  "webhook",
  "wait",
  "waitFor",
  "branch",
  "split",
  "goal",
  "exit",
] as const;

export const JourneyStep = z.discriminatedUnion(
  "type",
  [
    EmailStep,
    SmsStep,
    NotifyStep,
    UpdateRecordStep,
    CreateTaskStep,
    ScoreStep,
    AssignStep,
    ListStep,
    EnrollInSequenceStep,
    WebhookStep,
    WaitStep,
    WaitForStep,
    BranchStep,
    SplitStep,
    GoalStep,
    ExitStep,
  ],
  {
    error: (i) =>
      `unknown step type ${JSON.stringify((i.input as { type?: unknown })?.type)} (one of ${JOURNEY_STEP_TYPES.join(", ")})`,
  },
);
export type JourneyStep = z.infer<typeof JourneyStep>;
export type JourneyStepType = JourneyStep["type"];

export const Reentry = z.union([z.enum(["never", "always"]), z.strictObject({ after: Duration })], {
  error: 're-entry is "never", "always" or {after: duration}',
});

export const Journey = z.strictObject({
  kind: z.literal("journey"),
  id: AutomationId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  triggers: z.array(Trigger),
  reentry: Reentry.optional(),
  exitWhen: Condition.optional(),
  settings: z
    .strictObject({
      window: Window.optional(),
      timezone: TimeZone.optional(),
      from: z.string().min(1).optional(),
    })
    .optional(),
  start: StepId,
  steps: z.record(z.string(), JourneyStep),
});
export type Journey = z.infer<typeof Journey>;

export type EmailStep = z.infer<typeof EmailStep>;
export type SmsStep = z.infer<typeof SmsStep>;
export type NotifyStep = z.infer<typeof NotifyStep>;
export type UpdateRecordStep = z.infer<typeof UpdateRecordStep>;
export type CreateTaskStep = z.infer<typeof CreateTaskStep>;
export type ScoreStep = z.infer<typeof ScoreStep>;
export type AssignStep = z.infer<typeof AssignStep>;
export type ListStep = z.infer<typeof ListStep>;
export type EnrollInSequenceStep = z.infer<typeof EnrollInSequenceStep>;
export type WebhookStep = z.infer<typeof WebhookStep>;
export type GoalStep = z.infer<typeof GoalStep>;
export type ExitStep = z.infer<typeof ExitStep>;
