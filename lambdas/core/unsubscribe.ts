import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unsubscribe links and RFC 8058 one-click `List-Unsubscribe` URLs carry a token that names the
 * workspace and the contact, signed with the workspace's `unsubscribe` secret, so nobody can
 * unsubscribe someone else by guessing ids.
 * @example
 * const token = unsubscribeToken(key, { tenantId: "acme", contactId: "ctc_1" });
 * readUnsubscribeToken(key, token) // { tenantId: "acme", contactId: "ctc_1" }
 */
export interface UnsubscribeSubject {
  tenantId: string;
  contactId: string;
}

const sign = (key: string, payload: string) =>
  createHmac("sha256", key).update(payload).digest("base64url").slice(0, 32);

export function unsubscribeToken(key: string, s: UnsubscribeSubject): string {
  const payload = Buffer.from(JSON.stringify([s.tenantId, s.contactId]), "utf8").toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

/** The tenant named by a token, without trusting it: to look up the key that verifies it. */
export function tenantOfUnsubscribeToken(token: string): string | undefined {
  try {
    const [tenantId] = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
    return typeof tenantId === "string" ? tenantId : undefined;
  } catch {
    return undefined;
  }
}

/** The subject of a valid token, or undefined. */
export function readUnsubscribeToken(key: string, token: string): UnsubscribeSubject | undefined {
  const [payload = "", signature = ""] = token.split(".");
  const expected = sign(key, payload);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    return undefined;
  try {
    const [tenantId, contactId] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof tenantId === "string" && typeof contactId === "string"
      ? { tenantId, contactId }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The URL a link or header points to: `<publicUrl>/unsubscribe?token=…`. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, "")}/unsubscribe?token=${encodeURIComponent(token)}`;
}
