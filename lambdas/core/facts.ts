/**
 * The facts of the moment that conditions and templates read: `record.*` (the record that
 * triggered), `contact.*`, `event.*`, `user.*` (the owner), `score`, `lists`,
 * `engagement.<stepId>.opened|clicked|replied|bounced`, `enrollment.*`.
 */
export interface Facts {
  record?: Record<string, unknown>;
  contact?: Record<string, unknown>;
  event?: Record<string, unknown>;
  user?: Record<string, unknown>;
  score?: number;
  lists?: string[];
  engagement?: Record<string, Record<string, boolean>>;
  enrollment?: Record<string, unknown>;
  /** The record before the change, for changed / changedTo / changedFrom. */
  previous?: Record<string, unknown>;
}

/** Reads `contact.address.city` from the facts; undefined when any part is missing. */
export function getPath(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
