import { type HandlerKind, OUTCOME, placeholder, RETRIED_ERRORS, STATE } from "../contract.js";
import type { ChoiceRule, State, StateMachineDefinition, TaskState } from "./asl.js";

/**
 * Every Task gets the segment input and the previous Task's result, which carries the segment's
 * snapshot (the enrollment and contact read once by `_Claim`), so steps do not read them again.
 */
const CTX = { "ctx.$": "$$.Execution.Input", "last.$": "$.last" };
/**
 * ASL's defaults are what we want (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2: retries
 * after 1, 2 and 4 s), and leaving them out keeps ~50 bytes per Task off the 1 MB budget.
 */
const RETRY = [{ ErrorEquals: [...RETRIED_ERRORS] }];
/** A failure that outlived the retries goes to `_Failed`, with the error beside the snapshot. */
const CATCH = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: STATE.failed }];

export interface ActionOptions {
  /** Message steps may come back `deferred` (cap, window): resume at the same step later. */
  deferrable?: boolean;
  /** Extra routes on the outcome, before the default. */
  routes?: Record<string, string>;
  /** Where an unexpected outcome goes; by default, `next`. */
  fallback?: string;
  extra?: Record<string, unknown>;
}

/**
 * Collects the states of one machine. Every state added with `entry` becomes a `Dispatch`
 * target, so a segment can start there.
 */
export class MachineBuilder {
  readonly states: Record<string, State> = {};
  private readonly entries: string[] = [];
  private readonly used = new Set<HandlerKind>();

  constructor(private readonly comment: string) {}

  add(name: string, state: State, entry = true): void {
    if (this.states[name]) throw new Error(`state ${name} is defined twice`);
    this.states[name] = state;
    if (entry) this.entries.push(name);
  }

  /** A Task that calls a handler for a step and keeps its result in `$.last`. */
  task(kind: HandlerKind, step: string | undefined, extra: Record<string, unknown> = {}): TaskState {
    this.used.add(kind);
    return {
      Type: "Task",
      Resource: placeholder(kind),
      Parameters: { ...CTX, ...(step === undefined ? {} : { step }), ...extra },
      ResultPath: "$.last",
      Retry: RETRY,
      Catch: CATCH,
    };
  }

  /** A Task that ends the segment (wait, waitFor, exit). */
  terminal(
    name: string,
    kind: HandlerKind,
    step: string | undefined,
    extra: Record<string, unknown> = {},
  ): void {
    this.add(name, { ...this.task(kind, step, extra), End: true });
  }

  /** An action step: Task, then a Choice on its outcome (deferred, exit, routes), else `next`. */
  action(id: string, kind: HandlerKind, next: string, options: ActionOptions = {}): void {
    const route = `${id}.route`;
    this.add(id, { ...this.task(kind, id, options.extra), Next: route });
    const rules: ChoiceRule[] = [];
    const on = (outcome: string, to: string) =>
      rules.push({ Variable: "$.last.outcome", StringEquals: outcome, Next: to });
    for (const [outcome, to] of Object.entries(options.routes ?? {})) on(outcome, to);
    if (options.deferrable) on(OUTCOME.deferred, STATE.defer);
    on(OUTCOME.exit, STATE.exit);
    this.add(route, { Type: "Choice", Choices: rules, Default: options.fallback ?? next }, false);
  }

  /** Adds the shared states that something routes to, and `Dispatch`; returns the machine. */
  build(startState: string): StateMachineDefinition {
    if (!this.states[STATE.complete])
      this.terminal(STATE.complete, "finish", undefined, { reason: "completed" });
    const shared: Record<string, State> = {
      [STATE.defer]: { ...this.task("scheduleResume", undefined), End: true },
      [STATE.exit]: { ...this.task("finish", undefined), End: true },
      [STATE.unexpected]: {
        Type: "Fail",
        Error: "Autopilot.UnexpectedOutcome",
        Cause: "a handler returned an outcome this step does not route",
      },
    };
    const targets = new Set(Object.values(this.states).flatMap(targetsOf));
    for (const [name, state] of Object.entries(shared)) if (targets.has(name)) this.add(name, state, false);
    const { Catch: _none, ...recover } = this.task("recover", undefined, { "error.$": "$.error" });
    this.add(STATE.failed, { ...recover, End: true }, false);
    const claim: TaskState = {
      ...this.task("claim", undefined),
      // Nothing ran before it: there is no `$.last` to pass yet.
      Parameters: { "ctx.$": "$$.Execution.Input" },
      Next: STATE.dispatch,
    };
    const dispatch: ChoiceRule[] = [
      { Variable: "$.last.claimed", BooleanEquals: false, Next: STATE.duplicate },
      { Variable: "$.resume.stepId", StringEquals: STATE.start, Next: startState },
      ...this.entries.map((name) => ({ Variable: "$.resume.stepId", StringEquals: name, Next: name })),
    ];
    return {
      Comment: this.comment,
      StartAt: STATE.claim,
      // Express executions end after five minutes; a segment never waits inside.
      TimeoutSeconds: 300,
      States: {
        [STATE.claim]: claim,
        [STATE.dispatch]: { Type: "Choice", Choices: dispatch, Default: STATE.unknown },
        ...this.states,
        [STATE.duplicate]: { Type: "Succeed", Comment: "another segment holds the cursor" },
        [STATE.unknown]: {
          Type: "Fail",
          Error: "Autopilot.UnknownStep",
          Cause: "resume.stepId names no step",
        },
      },
    };
  }
}

function targetsOf(state: State): string[] {
  if (state.Type === "Choice")
    return [...state.Choices.map((c) => c.Next), ...(state.Default ? [state.Default] : [])];
  if (state.Type === "Task" && state.Next) return [state.Next];
  return [];
}
