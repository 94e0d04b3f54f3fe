import { createHash } from "node:crypto";

/**
 * A deterministic event id: the same parts always give the same id, so a redelivered SES event,
 * a retried track call or a replayed visit is deduplicated by the router (which keys on `id`).
 * @example
 * eventId("ses", messageId, "Click", timestamp, link) // "ses_Qm9…" (22 characters after the prefix)
 */
export function eventId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 22)}`;
}
