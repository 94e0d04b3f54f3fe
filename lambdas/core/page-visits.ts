import { z } from "zod";
import { eventId } from "./event-ids.js";
import type { BusEvent } from "./record-events.js";

/** Where tracked events come from: the router's rule listens to it (lambdas/core/events/rules.ts). */
export const TRACK_SOURCE = "autopilot.track";

export const Utm = z.strictObject({
  source: z.string().max(200).optional(),
  medium: z.string().max(200).optional(),
  campaign: z.string().max(200).optional(),
  term: z.string().max(200).optional(),
  content: z.string().max(200).optional(),
});
export type Utm = z.infer<typeof Utm>;

/** One page visit as stored for an anonymous visitor and as published once the contact is known. */
export interface PageVisit {
  url: string;
  path: string;
  referrer?: string;
  utm?: Utm;
  /** ISO time of the visit. */
  at: string;
}

const UTM_FIELDS = ["source", "medium", "campaign", "term", "content"] as const;

/**
 * Completes a visit from its URL: the path, and the `utm_*` query parameters when the site did
 * not send `utm` itself (most tracking snippets send only the URL).
 * @example
 * visitOf({ url: "https://acme.test/pricing?utm_source=ads", at }) // path "/pricing", utm { source: "ads" }
 */
export function visitOf(input: {
  url: string;
  path?: string | undefined;
  referrer?: string | undefined;
  utm?: Utm | undefined;
  at: string;
}): PageVisit {
  const url = new URL(input.url);
  const fromQuery: Utm = {};
  for (const f of UTM_FIELDS) {
    const v = url.searchParams.get(`utm_${f}`);
    if (v) fromQuery[f] = v;
  }
  const utm = input.utm ?? (Object.keys(fromQuery).length > 0 ? fromQuery : undefined);
  return {
    url: input.url,
    path: input.path ?? url.pathname,
    ...(input.referrer ? { referrer: input.referrer } : {}),
    ...(utm ? { utm } : {}),
    at: input.at,
  };
}

/**
 * The `page.visited` event of a known contact's visit. `idParts` make the id deterministic: the
 * visit itself for a live call (a retry with the same `at` is the same event), the stored visit's
 * key for a replay (a second identify replays nothing new).
 */
export function pageVisitedEvent(
  tenantId: string,
  contactId: string,
  visitorId: string,
  visit: PageVisit,
  idParts: string[],
): BusEvent {
  return {
    id: eventId("pv", tenantId, visitorId, ...idParts),
    source: TRACK_SOURCE,
    "detail-type": "page.visited",
    time: visit.at,
    detail: {
      tenantId,
      contactId,
      visitorId,
      url: visit.url,
      path: visit.path,
      ...(visit.referrer ? { referrer: visit.referrer } : {}),
      ...(visit.utm ? { utm: visit.utm } : {}),
    },
  };
}
