import type { HandlerKind, TaskInput } from "../../../statemachines/contract.js";
import { runAssign } from "./assign.js";
import { claimSegment } from "./claim.js";
import { runCondition } from "./condition.js";
import { loadContext, type StepContext, type StepDeps } from "./context.js";
import { runCreateTask } from "./create-task.js";
import { runFinish } from "./finish.js";
import { runNotify } from "./notify.js";
import { runScheduleResume } from "./schedule-resume.js";
import { runUpdateRecord } from "./update-record.js";
import { runWebhook } from "./webhook.js";

export type { StepDeps } from "./context.js";
export type StepHandler = (input: TaskInput) => Promise<unknown>;

const withContext =
  (deps: StepDeps, run: (ctx: StepContext) => Promise<unknown>): StepHandler =>
  async (input) =>
    run(await loadContext(input, deps));

/**
 * One handler per handler kind (the Resource placeholders of compiled machines). On AWS each is a
 * Lambda export; locally the engine calls them directly. Kinds not built yet fail loudly.
 */
export function createStepHandlers(deps: StepDeps): Record<HandlerKind, StepHandler> {
  const notBuilt =
    (kind: string): StepHandler =>
    async () => {
      throw new Error(`the ${kind} step is not built yet`);
    };
  return {
    claim: (input) => claimSegment(input, deps),
    condition: withContext(deps, runCondition),
    createTask: withContext(deps, runCreateTask),
    updateRecord: withContext(deps, runUpdateRecord),
    assign: withContext(deps, runAssign),
    notify: withContext(deps, runNotify),
    webhook: withContext(deps, runWebhook),
    finish: (input) => runFinish(input, deps),
    scheduleResume: (input) => runScheduleResume(input, deps),
    email: notBuilt("email"),
    sms: notBuilt("sms"),
    score: notBuilt("score"),
    list: notBuilt("list"),
    enrollInSequence: notBuilt("enrollInSequence"),
    split: notBuilt("split"),
    awaitEvent: notBuilt("awaitEvent"),
  };
}
