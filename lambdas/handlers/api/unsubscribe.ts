import { InvalidRequestError } from "../../core/errors.js";
import { eventId } from "../../core/event-ids.js";
import { ENGAGEMENT_SOURCE } from "../../core/ses-events.js";
import {
  readUnsubscribeToken,
  tenantOfUnsubscribeToken,
  type UnsubscribeSubject,
} from "../../core/unsubscribe.js";
import type { Bus, Clock, Records, Secrets } from "../../ports.js";
import { type Route, route } from "../http/app.js";

export interface UnsubscribeDeps {
  records: Records;
  secrets: Secrets;
  bus: Bus;
  clock: Clock;
}

/** The contact a token names, once its signature checks out with the workspace's key. */
async function subjectOf(deps: UnsubscribeDeps, token: string | undefined): Promise<UnsubscribeSubject> {
  const tenantId = token ? tenantOfUnsubscribeToken(token) : undefined;
  // `find`, not `get`: a token naming a workspace without a key must not create one.
  const key = token && tenantId ? await deps.secrets.find(tenantId, "unsubscribe") : undefined;
  const subject = token && key ? readUnsubscribeToken(key, token) : undefined;
  if (!subject) throw new InvalidRequestError([{ path: "token", message: "not a valid unsubscribe token" }]);
  return subject;
}

/**
 * `GET /unsubscribe?token=` (the link in the mail) and `POST /unsubscribe?token=` (RFC 8058
 * one-click, body `List-Unsubscribe=One-Click`), both public: the signed token is the proof.
 * GET only confirms what the POST will do: mail scanners follow links, and must not unsubscribe
 * anyone. POST sets `unsubscribed` on the contact and publishes `email.unsubscribed`.
 * @example
 * POST /unsubscribe?token=eyJ…  (List-Unsubscribe=One-Click) → 200 {"unsubscribed":true}
 */
export function unsubscribeRoutes(deps: UnsubscribeDeps): Route[] {
  return [
    route({
      route: "GET /unsubscribe",
      public: true,
      fn: async ({ query }) => {
        const { tenantId, contactId } = await subjectOf(deps, query.token);
        const contact = await deps.records.get(tenantId, "contact", contactId);
        return {
          unsubscribed: contact?.unsubscribed === true,
          confirm: { method: "POST", body: "List-Unsubscribe=One-Click" },
        };
      },
    }),
    route({
      route: "POST /unsubscribe",
      public: true,
      // The one-click body is a form, not JSON; the token alone authorizes, so it is not read.
      rawBody: true,
      fn: async ({ query }) => {
        const { tenantId, contactId } = await subjectOf(deps, query.token);
        const now = deps.clock.now();
        const contact = await deps.records.get(tenantId, "contact", contactId);
        if (!contact) return { unsubscribed: true };
        if (contact.unsubscribed !== true)
          await deps.records.update(
            tenantId,
            "contact",
            contactId,
            { unsubscribed: true },
            now,
            undefined,
            contact,
          );
        // Published even when already unsubscribed (a retry after a lost publish); the id is one
        // per contact and day, so repeated clicks are one event.
        await deps.bus.publish([
          {
            id: eventId("unsub", tenantId, contactId, now.toISOString().slice(0, 10)),
            source: ENGAGEMENT_SOURCE,
            "detail-type": "email.unsubscribed",
            time: now.toISOString(),
            detail: { tenantId, contactId },
          },
        ]);
        return { unsubscribed: true };
      },
    }),
  ];
}
