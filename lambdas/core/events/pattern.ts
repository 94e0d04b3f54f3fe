import { compileObject } from "./compile.js";
import { InvalidEventPatternError } from "./errors.js";
import type { EventPattern } from "./types.js";
import { validatePattern } from "./validate.js";
import { isJsonObject, type JsonObject } from "./values.js";

export { InvalidEventPatternError } from "./errors.js";
export type { EventPattern, FieldMatcher, Leaf, OperatorMatcher, PatternProblem } from "./types.js";
export { validatePattern } from "./validate.js";

/** A compiled pattern: true if the event matches. */
export type EventMatcher = (event: unknown) => boolean;

/**
 * Compiles an EventBridge event pattern into a matcher, with the semantics of EventBridge rules
 * (the same patterns the CDK stack deploys), so the local bus routes as AWS does.
 * Throws {@link InvalidEventPatternError} for a pattern EventBridge would refuse.
 *
 * @example
 * const isBigDeal = compilePattern({ source: ["autopilot.records"], detail: { amount: [{ numeric: [">=", 10000] }] } });
 * isBigDeal({ source: "autopilot.records", detail: { amount: 25000 } }); // true
 */
export function compilePattern(pattern: EventPattern): EventMatcher {
  const problems = validatePattern(pattern);
  if (problems.length > 0) throw new InvalidEventPatternError(problems);
  const root = compileObject(pattern as JsonObject);
  return (event) => root(isJsonObject(event) ? event : undefined);
}

const cache = new WeakMap<EventPattern, EventMatcher>();

/**
 * One-off match; the compiled form is cached per pattern object, so keep the object to reuse it.
 *
 * @example
 * matchesPattern({ detail: { state: [{ "anything-but": "initializing" }] } }, { detail: { state: "running" } }); // true
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  let matcher = cache.get(pattern);
  if (matcher === undefined) {
    matcher = compilePattern(pattern);
    cache.set(pattern, matcher);
  }
  return matcher(event);
}
