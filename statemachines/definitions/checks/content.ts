import { CHANGE_OPERATORS, FACT_ROOTS } from "../conditions.js";
import type { Path } from "../problems.js";
import { parseTemplate } from "../templates.js";
import type { CheckContext } from "./context.js";
import { arr, entries, isObj, num, type Obj, str } from "./raw.js";

const TEMPLATE_KEYS = new Set(["subject", "html", "text", "title", "notes"]);
const ENGAGEMENT_METRICS = new Set(["delivered", "opened", "clicked", "replied", "bounced"]);
const CHANGE_OPS: ReadonlySet<string> = new Set(CHANGE_OPERATORS);
const ROOTS: ReadonlySet<string> = new Set(FACT_ROOTS);

/** A fact path (condition field or template placeholder) names a known root and a known step. */
function checkFactPath(ctx: CheckContext, path: Path, fact: string, what: string): void {
  const [root, stepId, metric] = fact.split(".");
  if (root === undefined || !ROOTS.has(root)) {
    ctx.error(
      path,
      `unknown ${what} root "${root}" in ${JSON.stringify(fact)} (one of ${FACT_ROOTS.join(", ")})`,
    );
    return;
  }
  if (root !== "engagement") return;
  if (stepId === undefined || !ctx.messageSteps.has(stepId)) {
    ctx.error(path, `engagement.${stepId ?? ""} names no message step of this definition`);
  } else if (metric !== undefined && !ENGAGEMENT_METRICS.has(metric)) {
    ctx.error(path, `unknown engagement metric "${metric}" (one of ${[...ENGAGEMENT_METRICS].join(", ")})`);
  }
}

export function checkTemplate(ctx: CheckContext, path: Path, source: string): void {
  const { parts, errors } = parseTemplate(source);
  for (const e of errors) ctx.error(path, e);
  for (const part of parts) if (part.kind === "var") checkFactPath(ctx, path, part.path, "template");
}

/** Walks a condition; `changeOps` says whether changed/changedTo/changedFrom make sense here. */
export function checkCondition(ctx: CheckContext, path: Path, cond: unknown, changeOps: boolean): void {
  if (!isObj(cond)) return;
  for (const key of ["all", "any"] as const) {
    arr(cond[key]).forEach((c, i) => {
      checkCondition(ctx, [...path, key, i], c, changeOps);
    });
  }
  if (cond.not !== undefined) checkCondition(ctx, [...path, "not"], cond.not, changeOps);
  const field = str(cond.field);
  if (field !== undefined) checkFactPath(ctx, [...path, "field"], field, "field");
  const op = str(cond.op);
  if (op !== undefined && CHANGE_OPS.has(op) && !changeOps)
    ctx.error([...path, "op"], `${op} applies only to a record.updated trigger`);
}

/** Rules inside one step or action that the schema cannot say. */
export function checkStepContent(ctx: CheckContext, path: Path, step: Obj): void {
  for (const [key, value] of entries(step)) {
    if (TEMPLATE_KEYS.has(key) && typeof value === "string") checkTemplate(ctx, [...path, key], value);
  }
  for (const [key, value] of entries(step.set))
    if (typeof value === "string") checkTemplate(ctx, [...path, "set", key], value);
  for (const key of ["if", "where"] as const)
    if (step[key] !== undefined) checkCondition(ctx, [...path, key], step[key], false);
  arr(step.rules).forEach((r, i) => {
    if (isObj(r)) checkCondition(ctx, [...path, "rules", i, "if"], r.if, false);
  });
  switch (step.type) {
    case "email":
      checkEmail(ctx, path, step);
      return;
    case "score":
      if ((step.add === undefined) === (step.rules === undefined))
        ctx.error(path, "a score step has either add or rules");
      return;
    case "assign":
      checkAssign(ctx, path, step);
      return;
    case "wait":
      checkWait(ctx, path, step);
      return;
  }
}

function checkEmail(ctx: CheckContext, path: Path, step: Obj): void {
  const variants = arr(step.variants).filter(isObj);
  variants.forEach((v, i) => {
    for (const key of ["subject", "html", "text"])
      if (typeof v[key] === "string") checkTemplate(ctx, [...path, "variants", i, key], v[key]);
  });
  const hasBody = (o: Obj) => typeof o.html === "string" || typeof o.text === "string";
  if (!hasBody(step) && !(variants.length > 0 && variants.every(hasBody)))
    ctx.error(path, "an email needs html or text");
  const hasSubject =
    typeof step.subject === "string" ||
    (variants.length > 0 && variants.every((v) => typeof v.subject === "string"));
  if (!hasSubject && step.replyToThread !== true)
    ctx.error([...path, "subject"], "required (unless replyToThread)");
  if (variants.length > 0) {
    const sum = variants.reduce((s, v) => s + (num(v.weight) ?? 0), 0);
    if (Math.abs(sum - 100) > 1e-9)
      ctx.error([...path, "variants"], `variant weights add up to ${sum}, not 100`);
  }
}

function checkAssign(ctx: CheckContext, path: Path, step: Obj): void {
  const needs: Record<string, string> = { fixed: "user", roundRobin: "users", territory: "rules" };
  const strategy = str(step.strategy);
  const field = strategy === undefined ? undefined : needs[strategy];
  if (field !== undefined && step[field] === undefined)
    ctx.error([...path, field], `required by strategy ${strategy}`);
  if (isObj(step.otherwise)) {
    const fallback = str(step.otherwise.strategy);
    const f = fallback === undefined ? undefined : needs[fallback];
    if (f !== undefined && step.otherwise[f] === undefined)
      ctx.error([...path, "otherwise", f], `required by strategy ${fallback}`);
  }
  if (step.otherwise !== undefined && strategy !== "territory")
    ctx.error([...path, "otherwise"], "applies only to strategy territory");
}

function checkWait(ctx: CheckContext, path: Path, step: Obj): void {
  if ((step.duration === undefined) === (step.until === undefined)) {
    ctx.error(path, "a wait has either duration or until");
    return;
  }
  if (!isObj(step.until)) return;
  const u = step.until;
  const kinds = [
    u.date !== undefined,
    u.field !== undefined,
    u.days !== undefined || u.at !== undefined,
  ].filter(Boolean).length;
  if (kinds === 0) ctx.error([...path, "until"], "until needs {days, at}, {date} or {field}");
  else if (u.date !== undefined && kinds > 1)
    ctx.error([...path, "until"], "until {date} takes no days, at or field");
  else if (u.field !== undefined && u.days !== undefined)
    ctx.error([...path, "until", "days"], "not with field");
  if (u.offset !== undefined && u.field === undefined)
    ctx.error([...path, "until", "offset"], "offset applies only with field");
}

/** Triggers: their `where` (and a date trigger's audience) are conditions on the facts. */
export function checkTriggers(ctx: CheckContext, path: Path, triggers: unknown[]): void {
  triggers.forEach((t, i) => {
    if (!isObj(t)) return;
    checkCondition(ctx, [...path, i, "where"], t.where, t.event === "record.updated");
    if (isObj(t.audience)) checkCondition(ctx, [...path, i, "audience", "where"], t.audience.where, false);
  });
}
