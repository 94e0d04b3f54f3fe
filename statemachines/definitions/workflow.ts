import { z } from "zod";
import { ACTION_SCHEMAS } from "./actions.js";
import { Condition } from "./conditions.js";
import { AutomationId } from "./primitives.js";
import { RecordTrigger } from "./triggers.js";

export const WORKFLOW_ACTION_TYPES = [
  "email",
  "sms",
  "notify",
  "createTask",
  "updateRecord",
  "assign",
  "webhook",
  "enrollInSequence",
] as const;

/** Workflows do no scoring and no lists (the Salesmate table); those belong to journeys. */
export const WorkflowAction = z.discriminatedUnion(
  "type",
  [
    ACTION_SCHEMAS.email,
    ACTION_SCHEMAS.sms,
    ACTION_SCHEMAS.notify,
    ACTION_SCHEMAS.createTask,
    ACTION_SCHEMAS.updateRecord,
    ACTION_SCHEMAS.assign,
    ACTION_SCHEMAS.webhook,
    ACTION_SCHEMAS.enrollInSequence,
  ],
  {
    error: (i) =>
      `${JSON.stringify((i.input as { type?: unknown })?.type)} is not a workflow action (one of ${WORKFLOW_ACTION_TYPES.join(", ")}; use a journey for scoring and lists)`,
  },
);
export type WorkflowAction = z.infer<typeof WorkflowAction>;

export const Workflow = z.strictObject({
  kind: z.literal("workflow"),
  id: AutomationId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  trigger: RecordTrigger,
  condition: Condition.optional(),
  actions: z.array(WorkflowAction),
});
export type Workflow = z.infer<typeof Workflow>;
