/**
 * Who is never sent to, on any channel (PRODUCT.md, "deliverability"): a contact that
 * unsubscribed, bounced (permanently), complained, or was suppressed by hand. The engagement
 * ingress sets these fields; every message step reads them through this one function.
 */
export const SUPPRESSION_FIELDS = ["unsubscribed", "bounced", "complained", "suppressed"] as const;
export type SuppressionReason = (typeof SUPPRESSION_FIELDS)[number];

/** The first reason this contact must not be messaged, or undefined. */
export function suppressionOf(contact: Record<string, unknown> | undefined): SuppressionReason | undefined {
  if (!contact) return undefined;
  return SUPPRESSION_FIELDS.find((f) => contact[f] === true);
}
