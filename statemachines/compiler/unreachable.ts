/** Ends every exhaustive switch: a new step kind that is not handled fails to type-check. */
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
