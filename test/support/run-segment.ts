import { StateMachine } from "aws-local-stepfunctions";
import { localMachine } from "../../local/engine/task-handlers.js";
import type { StateMachineDefinition } from "../../statemachines/compiler/asl.js";
import type { HandlerKind, SegmentInput, TaskInput } from "../../statemachines/contract.js";

export interface TaskCall {
  state: string;
  kind: HandlerKind;
  input: TaskInput;
}

/** Decides what each Task returns: by default `done` (and `claimed: true` for the claim). */
export type Script = (call: TaskCall) => unknown;

export interface SegmentRun {
  /** Every state entered, in order. */
  states: string[];
  calls: TaskCall[];
  output: unknown;
  status: "succeeded" | "failed";
  error?: string;
}

export const defaultScript: Script = ({ kind, input }) =>
  kind === "claim" ? { claimed: true } : { outcome: "done", step: input.step ?? "" };

/** A script: the claim succeeds; listed steps return the given outcome; every other step is done. */
export function outcomes(byStep: Record<string, string>): Script {
  return ({ kind, input }: TaskCall) =>
    kind === "claim"
      ? { claimed: true }
      : { outcome: byStep[input.step ?? ""] ?? "done", step: input.step ?? "" };
}

export function segmentInput(stepId: string, token = "t-1"): SegmentInput {
  return {
    tenantId: "ws_test",
    automationId: "a",
    version: 1,
    enrollmentId: "enr_1",
    contactId: "c_1",
    resume: { stepId, token },
  };
}

/** Runs one segment of a compiled machine in aws-local-stepfunctions with scripted handlers. */
export async function runSegment(
  asl: StateMachineDefinition,
  stepId: string,
  script: Script = defaultScript,
): Promise<SegmentRun> {
  const calls: TaskCall[] = [];
  const { definition, handlers } = localMachine(asl, (kind, state) => async (input) => {
    // `last` is the previous Task's result handed on (the segment snapshot): the calls record what
    // each step was asked to do; the script gets the whole input.
    const { last, ...asked } = input as TaskInput;
    const call = {
      state,
      kind,
      input:
        (kind === "scheduleResume" || kind === "finish") &&
        asked.step === undefined &&
        asked.reason === undefined
          ? { ...asked, last }
          : asked,
    } as TaskCall;
    calls.push(call);
    return script(call) as never;
  });
  const machine = new StateMachine(definition as never);
  const execution = machine.run(segmentInput(stepId) as never, {
    overrides: { taskResourceLocalHandlers: handlers as never },
  });
  const states: string[] = [];
  let output: unknown;
  let error: string | undefined;
  const logs = (async () => {
    for await (const event of execution.eventLogs)
      if (event.type === "StateEntered") states.push(event.state.name);
  })();
  try {
    output = await execution.result;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await logs;
  return {
    states,
    calls,
    output,
    status: error === undefined ? "succeeded" : "failed",
    ...(error === undefined ? {} : { error }),
  };
}
