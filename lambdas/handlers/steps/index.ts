import { type HandlerKind, OUTCOME, type TaskInput } from "../../../statemachines/contract.js";
import { runAssign } from "./assign.js";
import { runAwaitEvent } from "./await-event.js";
import { claimSegment } from "./claim.js";
import { runCondition } from "./condition.js";
import { loadContext, type StepContext, type StepDeps } from "./context.js";
import { runCreateTask } from "./create-task.js";
import { runEmail } from "./email.js";
import { runEnrollInSequence } from "./enroll-in-sequence.js";
import { runFinish } from "./finish.js";
import { goalReached } from "./goal.js";
import { runList } from "./list.js";
import { runNotify } from "./notify.js";
import { runRecover, StepFailure } from "./recover.js";
import { runScheduleResume } from "./schedule-resume.js";
import { runScore } from "./score.js";
import { runSms } from "./sms.js";
import { runSplit } from "./split.js";
import { runUpdateRecord } from "./update-record.js";
import { runWebhook } from "./webhook.js";

export type { StepDeps } from "./context.js";
export type StepHandler = (input: TaskInput) => Promise<unknown>;

const withContext =
  (deps: StepDeps, run: (ctx: StepContext) => Promise<unknown>): StepHandler =>
  async (input) => {
    const ctx = await loadContext(input, deps);
    if (goalReached(ctx)) return ctx.result(OUTCOME.exit, { reason: "goal reached" });
    return run(ctx);
  };

/**
 * One handler per handler kind (the Resource placeholders of compiled machines). On AWS each is a
 * Lambda export; locally the engine calls them directly.
 */
export function createStepHandlers(deps: StepDeps): Record<HandlerKind, StepHandler> {
  const handlers: Record<HandlerKind, StepHandler> = {
    claim: (input) => claimSegment(input, deps),
    condition: withContext(deps, runCondition),
    createTask: withContext(deps, runCreateTask),
    updateRecord: withContext(deps, runUpdateRecord),
    assign: withContext(deps, runAssign),
    notify: withContext(deps, runNotify),
    webhook: withContext(deps, runWebhook),
    email: withContext(deps, runEmail),
    sms: withContext(deps, runSms),
    score: withContext(deps, runScore),
    list: withContext(deps, runList),
    enrollInSequence: withContext(deps, runEnrollInSequence),
    split: withContext(deps, runSplit),
    finish: (input) => runFinish(input, deps),
    scheduleResume: (input) => runScheduleResume(input, deps),
    awaitEvent: (input) => runAwaitEvent(input, deps),
    recover: (input) => runRecover(input, deps),
  };
  // Every failure names its step, so that `_Failed` knows where to try again.
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]) => [
      kind,
      async (input: TaskInput) => {
        try {
          return await handler(input);
        } catch (e) {
          throw new StepFailure(input.step ?? input.last?.step ?? input.ctx.resume.stepId, e);
        }
      },
    ]),
  ) as Record<HandlerKind, StepHandler>;
}
