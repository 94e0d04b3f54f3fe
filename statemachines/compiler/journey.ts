import type { Journey, JourneyStep } from "../definitions/index.js";
import type { StateMachineDefinition } from "./asl.js";
import { MachineBuilder } from "./builder.js";
import { compileAssign } from "./steps/assign.js";
import { compileBranch } from "./steps/branch.js";
import { compileCreateTask } from "./steps/create-task.js";
import { compileEmail } from "./steps/email.js";
import { compileEnrollInSequence } from "./steps/enroll-in-sequence.js";
import { compileExit } from "./steps/exit.js";
import { compileGoal } from "./steps/goal.js";
import { compileList } from "./steps/list.js";
import { compileNotify } from "./steps/notify.js";
import { compileScore } from "./steps/score.js";
import { compileSms } from "./steps/sms.js";
import { compileSplit } from "./steps/split.js";
import { compileUpdateRecord } from "./steps/update-record.js";
import { compileWait } from "./steps/wait.js";
import { compileWaitFor } from "./steps/wait-for.js";
import { compileWebhook } from "./steps/webhook.js";
import { assertUnreachable } from "./unreachable.js";

export function compileJourneyStep(id: string, step: JourneyStep, b: MachineBuilder): void {
  switch (step.type) {
    case "email":
      return compileEmail(id, step, b);
    case "sms":
      return compileSms(id, step, b);
    case "notify":
      return compileNotify(id, step, b);
    case "updateRecord":
      return compileUpdateRecord(id, step, b);
    case "createTask":
      return compileCreateTask(id, step, b);
    case "score":
      return compileScore(id, step, b);
    case "assign":
      return compileAssign(id, step, b);
    case "addToList":
    case "removeFromList":
      return compileList(id, step, b);
    case "enrollInSequence":
      return compileEnrollInSequence(id, step, b);
    case "webhook":
      return compileWebhook(id, step, b);
    case "wait":
      return compileWait(id, step, b);
    case "waitFor":
      return compileWaitFor(id, step, b);
    case "branch":
      return compileBranch(id, step, b);
    case "split":
      return compileSplit(id, step, b);
    case "goal":
      return compileGoal(id, step, b);
    case "exit":
      return compileExit(id, b);
    default:
      return assertUnreachable(step);
  }
}

/** A journey: every step a state (and every step a Dispatch target), from `start`. */
export function compileJourney(journey: Journey): StateMachineDefinition {
  const b = new MachineBuilder(`Autopilot journey ${journey.id}`);
  for (const [id, step] of Object.entries(journey.steps)) compileJourneyStep(id, step, b);
  return b.build(journey.start);
}
