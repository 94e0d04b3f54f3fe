import { isActiveContact } from "../../core/active-contacts.js";
import type { Records, StoredRecord } from "../../ports.js";
import { ContainerCache } from "./container-cache.js";

/** A count of a workspace's active contacts: for which local day, and when it was taken. */
export interface ActiveCount {
  day: string;
  count: number;
  /** The business time of the scan: contacts created or contacted after it are not in `count`. */
  at: Date;
}

const counts = new ContainerCache<ActiveCount>();

async function scan(records: Records, tenantId: string, day: string, now: Date): Promise<ActiveCount> {
  let count = 0;
  let next: string | undefined;
  do {
    const page = await records.list(tenantId, "contact", { limit: 200, ...(next ? { next } : {}) });
    for (const contact of page.items) if (isActiveContact(contact, now)) count++;
    next = page.next;
  } while (next);
  return { day, count, at: now };
}

/**
 * How many active contacts a workspace has today (its local `day`), for the journey email cap.
 *
 * Why a container cache and not the quota store: counting is a paged scan of the contacts, far
 * too dear per send, while a cached count costs nothing per send. A count kept in the quota
 * store would still cost a read per send (a fourth DynamoDB operation on the normal path); a
 * count kept in the container costs one scan per container per day, which on DynamoDB's
 * on-demand price is well under a cent for 100,000 contacts. The count may lag behind contacts
 * created since; {@link isStaleFor} says when that can matter and the caller recounts then.
 */
export async function activeContacts(
  records: Records,
  tenantId: string,
  day: string,
  now: Date,
  options: { recount?: boolean } = {},
): Promise<ActiveCount> {
  let scanned = false;
  const cached = await counts.get(records, tenantId, () => {
    scanned = true;
    return scan(records, tenantId, day, now);
  });
  if (scanned || (cached.day === day && !options.recount)) return cached;
  const fresh = await scan(records, tenantId, day, now);
  counts.set(records, tenantId, fresh);
  return fresh;
}

/**
 * Whether a count provably misses someone: the contact being sent to became active after the
 * count was taken (created today after the scan, say). Then a cap reached on this count may be
 * a cap too low, and deferring to next month on it would be wrong: recount first.
 */
export function isStaleFor(count: ActiveCount, contact: StoredRecord | undefined): boolean {
  if (!contact) return false;
  // At the same instant too: a contact written in the scan's millisecond may have missed it.
  const after = (iso: unknown) => typeof iso === "string" && Date.parse(iso) >= count.at.getTime();
  return after(contact.createdAt) || after(contact.lastContactedAt);
}
