/** A JSON value an event can hold at a leaf: what exact matching and the operators compare. */
export type Leaf = string | number | boolean | null;

type StringOrIgnoreCase = string | { readonly "equals-ignore-case": string };
type OneOrMany<T> = T | readonly T[];

/** The operator objects EventBridge accepts inside a field's list of alternatives. */
export type OperatorMatcher =
  | { readonly prefix: StringOrIgnoreCase }
  | { readonly suffix: StringOrIgnoreCase }
  | { readonly "equals-ignore-case": string }
  | { readonly wildcard: string }
  | { readonly numeric: readonly (string | number)[] }
  | { readonly exists: boolean }
  | { readonly cidr: string }
  | {
      readonly "anything-but":
        | OneOrMany<string>
        | OneOrMany<number>
        | { readonly prefix: OneOrMany<string> }
        | { readonly suffix: OneOrMany<string> }
        | { readonly "equals-ignore-case": OneOrMany<string> }
        | { readonly wildcard: OneOrMany<string> };
    };

/** One alternative for a field: an exact value or an operator object. */
export type FieldMatcher = Leaf | OperatorMatcher;

/**
 * An EventBridge event pattern: each field holds a list of alternatives (any may match), a nested
 * pattern, or (under the key `$or`) a list of patterns of which one must match.
 *
 * @example
 * const pattern: EventPattern = {
 *   source: ["autopilot.records"],
 *   detail: { amount: [{ numeric: [">", 0, "<=", 500] }], $or: [{ stage: ["won"] }, { vip: [true] }] },
 * };
 */
export interface EventPattern {
  readonly [field: string]: readonly FieldMatcher[] | EventPattern | readonly EventPattern[];
}

/** One thing wrong with a pattern, at a dotted path (`detail.amount`); the root is `""`. */
export interface PatternProblem {
  path: string;
  message: string;
}
