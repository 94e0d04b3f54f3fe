/** How far back a contact's creation or last contact makes it active. */
export const ACTIVE_CONTACT_DAYS = 90;

const DAY_MS = 86_400_000;

const within = (iso: unknown, now: Date) => {
  if (typeof iso !== "string") return false;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t > now.getTime() - ACTIVE_CONTACT_DAYS * DAY_MS;
};

/**
 * An active contact: the unit of the journey email cap (PRODUCT.md, "4 × active contacts a
 * month"). The one definition: every count and every cap reads it from here.
 *
 * A contact is active when it is not `archived` and it was created, or last contacted
 * (`lastContactedAt`), within the last {@link ACTIVE_CONTACT_DAYS} days before `now`. A contact
 * created today is always active, so a new workspace never starts with a cap of zero.
 * @example
 * isActiveContact({ createdAt: "2027-02-20T00:00:00Z" }, new Date("2027-03-01T00:00:00Z")) // true
 * isActiveContact({ createdAt: "2026-01-01T00:00:00Z", archived: true }, new Date("2027-03-01T00:00:00Z")) // false
 */
export function isActiveContact(contact: Record<string, unknown>, now: Date): boolean {
  if (contact.archived === true) return false;
  return within(contact.createdAt, now) || within(contact.lastContactedAt, now);
}
