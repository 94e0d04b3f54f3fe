import type { WaitForStep, WaitStep } from "../definitions/journey.js";
import { describeCondition } from "./conditions.js";

/**
 * A wait step's duration or the moment it waits for.
 * @example waitLabel({type: "wait", until: {days: ["tue", "wed"], at: "10:00", timezone: "contact"}, next: "x"})
 * // "wait until tue/wed 10:00 (contact)"
 */
export function waitLabel(step: WaitStep): string {
  const parts = ["wait"];
  if (step.duration !== undefined) parts.push(step.duration);
  const u = step.until;
  if (u !== undefined) {
    parts.push("until");
    if (u.days !== undefined) parts.push(u.days.join("/"));
    for (const p of [u.date, u.field, u.offset, u.at]) if (p !== undefined) parts.push(p);
    if (u.timezone !== undefined) parts.push(`(${u.timezone})`);
  }
  if (step.businessDaysOnly) parts.push("(business days)");
  return parts.join(" ");
}

/**
 * What a waitFor step waits for; its two ways out are on its edges.
 * @example waitForLabel({type: "waitFor", event: "email.clicked", timeout: "P3D", next: "a", onTimeout: "b"})
 * // "wait for email.clicked"
 */
export function waitForLabel(step: WaitForStep): string {
  const parts = ["wait for", step.event];
  if (step.step !== undefined) parts.push("on", step.step);
  if (step.where !== undefined) parts.push("where", describeCondition(step.where));
  return parts.join(" ");
}
