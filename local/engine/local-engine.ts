import { StateMachine } from "aws-local-stepfunctions";
import type { StepHandler } from "../../lambdas/handlers/steps/index.js";
import type { Engine } from "../../lambdas/ports.js";
import type { StateMachineDefinition } from "../../statemachines/compiler/asl.js";
import type { HandlerKind, SegmentInput } from "../../statemachines/contract.js";
import { localMachine, type TaskHandler } from "./task-handlers.js";

/**
 * The Engine port on aws-local-stepfunctions: runs the same compiled ASL, each Task mapped to the
 * handler of its kind. `start` returns at once, as `StartExecution` does; `drain` waits for every
 * segment started so far (and the ones they start).
 */
export class LocalEngine implements Engine {
  private readonly machines = new Map<
    string,
    { machine: StateMachine; handlers: Record<string, TaskHandler>; noDelays: Record<string, number> }
  >();
  private readonly inFlight = new Set<Promise<void>>();
  /** Started but not yet running: at most `concurrency` segments run at once, as Lambda's reserved concurrency caps them on AWS. */
  private readonly queued: SegmentInput[] = [];
  private idle: (() => void)[] = [];
  readonly failures: { input: SegmentInput; error: string }[] = [];
  segments = 0;

  constructor(
    private readonly aslFor: (
      tenantId: string,
      automationId: string,
      version: number,
    ) => Promise<StateMachineDefinition>,
    private readonly handlers: Record<HandlerKind, StepHandler>,
    private readonly log: (line: string) => void = () => {},
    private readonly concurrency = 64,
  ) {}

  async start(input: SegmentInput): Promise<void> {
    this.segments++;
    this.queued.push(input);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < this.concurrency && this.queued.length > 0) {
      const run = this.run(this.queued.shift() as SegmentInput);
      this.inFlight.add(run);
      void run.finally(() => {
        this.inFlight.delete(run);
        this.pump();
        if (this.inFlight.size === 0 && this.queued.length === 0)
          for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async machineFor(input: SegmentInput) {
    const key = `${input.tenantId}/${input.automationId}/${input.version}`;
    let m = this.machines.get(key);
    if (!m) {
      const asl = await this.aslFor(input.tenantId, input.automationId, input.version);
      const local = localMachine(asl, (kind) => this.handlers[kind] as TaskHandler);
      m = {
        machine: new StateMachine(local.definition as never),
        handlers: local.handlers,
        // Locally a retry comes at once: the emulators do not throttle, and tests need no sleeps.
        noDelays: Object.fromEntries(Object.keys(local.handlers).map((state) => [state, 0])),
      };
      this.machines.set(key, m);
    }
    return m;
  }

  private async run(input: SegmentInput): Promise<void> {
    try {
      const { machine, handlers, noDelays } = await this.machineFor(input);
      await machine.run(input as never, {
        overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: noDelays },
      }).result;
    } catch (e) {
      const error =
        e instanceof Error
          ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ""}`
          : String(e);
      this.failures.push({ input, error });
      this.log(`segment of ${input.automationId} (${input.enrollmentId}) failed: ${error}`);
    }
  }

  /** Waits until every segment started so far, and every one they started, has ended. */
  async drain(): Promise<void> {
    if (this.inFlight.size === 0 && this.queued.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
