import type { z } from "zod";
import { assertUnreachable } from "../compiler/unreachable.js";
import type { ACTION_SCHEMAS } from "../definitions/actions.js";
import { describeCondition, formatValue } from "./conditions.js";
import { clip } from "./escape.js";
import type { Shape } from "./flowchart.js";

type ActionSchemas = typeof ACTION_SCHEMAS;
/** Any action, as a workflow action or as a journey step (whose extra `next` is ignored here). */
export type Action = z.infer<ActionSchemas[keyof ActionSchemas]>;
type Notify = z.infer<ActionSchemas["notify"]>;
type Assign = z.infer<ActionSchemas["assign"]>;
type Score = z.infer<ActionSchemas["score"]>;

const signed = (n: number) => (n < 0 ? `${n}` : `+${n}`);

function recipient(to: Notify["to"]): string {
  if (to === "owner") return "owner";
  if ("user" in to) return to.user;
  if ("role" in to) return `role ${to.role}`;
  return to.email;
}

function users(a: { strategy: string; user?: string | undefined; users?: string[] | undefined }): string {
  if (a.strategy === "roundRobin") return `round robin [${(a.users ?? []).join(", ")}]`;
  return a.user ?? "";
}

function assignLabel(a: Assign): string {
  if (a.strategy !== "territory") return clip(`assign ${users(a)}`);
  const rules = `assign by territory: ${a.rules?.length ?? 0} rules`;
  return clip(a.otherwise === undefined ? rules : `${rules}, else ${users(a.otherwise)}`);
}

function scoreLabel(s: Score): string {
  if (s.rules === undefined) return s.add === undefined ? "score" : `score ${signed(s.add)}`;
  const rules = s.rules.map((r) => `${signed(r.add)} if ${describeCondition(r.if)}`).join("; ");
  return clip(`score ${rules}`);
}

function emailLabel(e: z.infer<ActionSchemas["email"]>): string {
  if (e.subject !== undefined) return `email: ${clip(e.subject)}`;
  return e.variants === undefined ? "email" : `email: A/B test of ${e.variants.length} variants`;
}

/**
 * What an action does, in one line.
 * @example actionLabel({type: "createTask", taskType: "call", title: "Call Ann"}) // 'createTask call "Call Ann"'
 */
export function actionLabel(action: Action): string {
  switch (action.type) {
    case "email":
      return emailLabel(action);
    case "sms":
      return `sms: ${clip(action.text)}`;
    case "notify":
      return `notify ${recipient(action.to)}: ${clip(action.subject)}`;
    case "updateRecord": {
      const set = Object.entries(action.set).map(([k, v]) => `${k} = ${formatValue(v)}`);
      return `updateRecord${action.target === "contact" ? " contact" : ""}: ${clip(set.join(", "))}`;
    }
    case "createTask":
      return `createTask ${action.taskType} "${clip(action.title)}"${action.due ? ` due ${action.due}` : ""}`;
    case "score":
      return scoreLabel(action);
    case "assign":
      return assignLabel(action);
    case "addToList":
    case "removeFromList":
      return `${action.type} ${action.list}`;
    case "enrollInSequence":
      return `enroll in sequence ${action.sequence}`;
    case "webhook":
      return `webhook ${clip(action.url)}`;
    default:
      return assertUnreachable(action);
  }
}

/** A hand-off to a sequence is drawn as a subroutine; every other action as a box. */
export function actionShape(action: Action): Shape {
  return action.type === "enrollInSequence" ? "subroutine" : "rect";
}
