/**
 * The contract between compiled state machines and the Lambda handlers they call. Both sides
 * import these names: the compiler writes them into ASL, handlers return and throw them.
 */

/** One placeholder per handler kind; CDK and the local runtime substitute real functions. */
export const RESOURCES = {
  claim: "ClaimSegmentArn",
  email: "EmailStepArn",
  sms: "SmsStepArn",
  notify: "NotifyStepArn",
  updateRecord: "UpdateRecordStepArn",
  createTask: "CreateTaskStepArn",
  score: "ScoreStepArn",
  assign: "AssignStepArn",
  list: "ListStepArn",
  enrollInSequence: "EnrollInSequenceStepArn",
  webhook: "WebhookStepArn",
  condition: "ConditionStepArn",
  split: "SplitStepArn",
  scheduleResume: "ScheduleResumeArn",
  awaitEvent: "AwaitEventArn",
  finish: "FinishArn",
  recover: "RecoverArn",
} as const;
export type HandlerKind = keyof typeof RESOURCES;

export function placeholder(kind: HandlerKind): string {
  return `\${${RESOURCES[kind]}}`;
}

/**
 * What a Task retries in place (1, 2 and 4 s later): any failure of its function, whether a
 * throttled Lambda, a DynamoDB hiccup or a bug. Side effects are at most once (the ledger), so a
 * retry never repeats one. What still fails is caught and handed to `_Failed` (`recover`).
 */
export const RETRIED_ERRORS = ["States.TaskFailed"] as const;

/** What step handlers return in `outcome`; Choice states route on these. */
export const OUTCOME = {
  done: "done",
  /** Not now (cap, window): resume at the same step at `until`. */
  deferred: "deferred",
  /** The step's criteria did not match; go on. */
  skipped: "skipped",
  /** The enrollment ends (goal reached, unenrolled, exit condition). */
  exit: "exit",
  then: "then",
  else: "else",
  /** Smart sequences: nothing is due at this tick. */
  none: "none",
  /** Smart sequences: every step has run. */
  complete: "complete",
} as const;

/**
 * A split's chosen path and a smart sequence's chosen step are outcomes in their own namespace,
 * so that a path named "exit" or a step with id "complete" cannot be taken for a control outcome.
 */
export const pathOutcome = (name: string) => `path:${name}`;
export const stepOutcome = (stepId: string) => `step:${stepId}`;

/** Internal state names; step ids cannot start with "_", so these never collide. */
export const STATE = {
  claim: "_Claim",
  dispatch: "_Dispatch",
  duplicate: "_Duplicate",
  unknown: "_UnknownStep",
  unexpected: "_UnexpectedOutcome",
  defer: "_Defer",
  exit: "_Exit",
  complete: "_Complete",
  /** A segment that starts an enrollment resumes at `_Start`, whatever the kind. */
  start: "_Start",
  tick: "_Tick",
  interval: "_Interval",
  end: "_End",
  /** Where every Task's uncaught failure goes: the enrollment is set to try the step again later. */
  failed: "_Failed",
} as const;

/** What every segment is started with (DESIGN.md, "segments"). */
export interface SegmentInput {
  tenantId: string;
  automationId: string;
  version: number;
  enrollmentId: string;
  contactId: string;
  resume: { stepId: string; token: string };
  /** What woke the segment (an event a waiter took), written by the claim with the cursor. */
  trace?: { at: string; step?: string; what: string; detail?: string }[];
}

/**
 * What every Task receives: the segment input, the previous Task's result (`last`, which carries
 * the segment snapshot), and the step it runs (plus extras by kind). The first Task of a segment
 * gets `last` as the execution input's (absent) value.
 */
export interface TaskInput {
  ctx: SegmentInput;
  last?: StepResult;
  step?: string;
  /** `_Failed` only: the failure a Task's Catch caught (`{Error, Cause}`). */
  error?: { Error?: string; Cause?: string };
  [extra: string]: unknown;
}

/**
 * What step handlers return; `step` is echoed so a deferral knows where to resume; `seg` is the
 * segment snapshot handed on to the next Task (with the contact as the last step left it).
 */
export interface StepResult {
  outcome: string;
  step: string;
  until?: string;
  reason?: string;
  claimed?: boolean;
  seg?: SegmentSnapshot;
}

/** What `_Claim` reads once per segment: the enrollment (without its trace) and its records. */
export interface SegmentSnapshot {
  enrollment: Record<string, unknown>;
  contact?: Record<string, unknown>;
  record?: Record<string, unknown>;
  /** Trace entries of steps that write nothing (branch, split), for the segment's next write. */
  notes?: { at: string; step?: string; what: string; detail?: string }[];
}

/** Step Functions refuses definitions over 1 MB. */
export const MAX_DEFINITION_BYTES = 1_048_576;
