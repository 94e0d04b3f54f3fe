import { checkCondition, checkStepContent } from "./content.js";
import { CheckContext } from "./context.js";
import { arr, isObj, type Obj } from "./raw.js";

export const WORKFLOW_MAX_ACTIONS = 4;

/** Workflow rules: exactly one trigger, one to four actions. */
export function checkWorkflow(raw: Obj): CheckContext {
  const ctx = new CheckContext(new Set());
  if (raw.triggers !== undefined)
    ctx.error(["triggers"], 'a workflow has exactly one trigger: write "trigger" (a journey takes several)');
  const actions = arr(raw.actions);
  if (Array.isArray(raw.actions) && actions.length === 0)
    ctx.error(["actions"], "a workflow needs at least one action");
  if (actions.length > WORKFLOW_MAX_ACTIONS)
    ctx.error(["actions"], `a workflow has at most ${WORKFLOW_MAX_ACTIONS} actions (got ${actions.length})`);
  const trigger = isObj(raw.trigger) ? raw.trigger : undefined;
  const onUpdate = trigger?.event === "record.updated";
  if (trigger) checkCondition(ctx, ["trigger", "where"], trigger.where, onUpdate);
  checkCondition(ctx, ["condition"], raw.condition, onUpdate);
  actions.forEach((a, i) => {
    if (isObj(a)) checkStepContent(ctx, ["actions", i], a);
  });
  return ctx;
}
