import { z } from "zod";
import { NotFoundError, RateLimitedError, UnauthorizedError } from "../../core/errors.js";
import { pageVisitedEvent, Utm, visitOf } from "../../core/page-visits.js";
import type { EmailIndex, Visitors, WriteKeys } from "../../ingress-ports.js";
import type { Bus, Clock, Quotas, Records } from "../../ports.js";
import { type Route, route } from "../http/app.js";

/** Track calls per workspace per minute: far above a site's real traffic, low enough to stop a flood. */
export const TRACK_PER_MINUTE = 6_000;

const Id = z.string().regex(/^[\w.:@-]{1,128}$/, "1 to 128 letters, digits or . : @ _ -");
const common = { writeKey: z.string().min(1).max(128).optional(), visitorId: Id, contactId: Id.optional() };

export const PageCall = z.strictObject({
  ...common,
  type: z.literal("page"),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  path: z.string().max(2048).optional(),
  referrer: z.string().max(2048).optional(),
  utm: Utm.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const IdentifyCall = z
  .strictObject({ ...common, type: z.literal("identify"), email: z.email().max(320).optional() })
  .refine((b) => b.contactId !== undefined || b.email !== undefined, {
    message: "give contactId or email",
    path: ["contactId"],
  });

/** The body of `POST /track`: a page visit or an identify call. */
export const TrackCall = z.discriminatedUnion("type", [PageCall, IdentifyCall]);
export type TrackCall = z.infer<typeof TrackCall>;

export interface TrackDeps {
  writeKeys: WriteKeys;
  visitors: Visitors;
  emailIndex: EmailIndex;
  records: Records;
  quotas: Quotas;
  bus: Bus;
  clock: Clock;
  /** Overrides TRACK_PER_MINUTE (tests). */
  trackPerMinute?: number;
}

async function admit(deps: TrackDeps, tenantId: string): Promise<void> {
  const now = deps.clock.now();
  const minute = now.toISOString().slice(0, 16);
  const cap = deps.trackPerMinute ?? TRACK_PER_MINUTE;
  const r = await deps.quotas.reserve(`T#${tenantId}#track#${minute}`, cap);
  if (!r.ok) throw new RateLimitedError(`${cap} track calls per minute`, 60 - now.getUTCSeconds());
}

/** Publishes a visitor's kept visits for its contact, then drops them: a second replay finds none. */
async function replay(deps: TrackDeps, tenantId: string, visitorId: string, contactId: string) {
  const kept = await deps.visitors.kept(tenantId, visitorId);
  if (kept.length === 0) return 0;
  // Ids derive from the stored keys: a crash before `forget` replays the same ids, deduplicated.
  await deps.bus.publish(
    kept.map((k) => pageVisitedEvent(tenantId, contactId, visitorId, k.visit, ["kept", k.key])),
  );
  await deps.visitors.forget(
    tenantId,
    visitorId,
    kept.map((k) => k.key),
  );
  return kept.length;
}

async function page(deps: TrackDeps, tenantId: string, call: z.infer<typeof PageCall>) {
  const at = call.at ? new Date(call.at).toISOString() : deps.clock.now().toISOString();
  const visit = visitOf({ url: call.url, path: call.path, referrer: call.referrer, utm: call.utm, at });
  const contactId = call.contactId ?? (await deps.visitors.contactOf(tenantId, call.visitorId));
  if (contactId) {
    // Same visit, same id: a retried call (with its `at`) is deduplicated by the router.
    const event = pageVisitedEvent(tenantId, contactId, call.visitorId, visit, [contactId, visit.url, at]);
    await deps.bus.publish([event]);
    return { published: 1, kept: 0 };
  }
  await deps.visitors.keep(tenantId, call.visitorId, visit);
  // An identify may have linked the visitor between our read and our write, and replayed before
  // the visit was kept: read the link again, so that one of the two replays it.
  const linked = await deps.visitors.contactOf(tenantId, call.visitorId);
  if (linked) return { published: await replay(deps, tenantId, call.visitorId, linked), kept: 0 };
  return { published: 0, kept: 1 };
}

async function identify(deps: TrackDeps, tenantId: string, call: z.infer<typeof IdentifyCall>) {
  let contactId = call.contactId;
  if (contactId !== undefined) {
    const contact = await deps.records.get(tenantId, "contact", contactId);
    if (!contact) throw new NotFoundError(`contact ${contactId}`);
    // Index the email only when the contact holds it: the write key is public, and anyone with it
    // could otherwise point someone's address at another contact.
    const held = typeof contact.email === "string" ? contact.email.toLowerCase() : undefined;
    if (call.email && held === call.email.toLowerCase()) await deps.emailIndex.put(tenantId, held, contactId);
  } else if (call.email !== undefined) {
    contactId = await deps.emailIndex.contactOf(tenantId, call.email);
    if (!contactId) throw new NotFoundError(`contact with email ${call.email}`);
  }
  if (contactId === undefined) throw new NotFoundError("contact");
  await deps.visitors.link(tenantId, call.visitorId, contactId);
  return { published: await replay(deps, tenantId, call.visitorId, contactId), kept: 0 };
}

/**
 * `POST /track` (public, with the workspace's write key in the body or `x-write-key`): page
 * visits and identify calls from websites. A known contact's visit is published as
 * `page.visited`; an anonymous visitor's visits are kept and replayed when it is identified.
 * @example
 * POST /track {"writeKey":"wk_…","type":"page","visitorId":"v1","url":"https://acme.test/pricing"}
 * → 202 {"published":0,"kept":1}
 */
export function trackRoutes(deps: TrackDeps): Route[] {
  return [
    route({
      route: "POST /track",
      public: true,
      body: TrackCall,
      status: 202,
      fn: async ({ body, headers }) => {
        const key = body.writeKey ?? headers["x-write-key"];
        const tenantId = key ? await deps.writeKeys.tenantOf(key) : undefined;
        if (!tenantId) throw new UnauthorizedError("a valid write key is required");
        await admit(deps, tenantId);
        return body.type === "page" ? page(deps, tenantId, body) : identify(deps, tenantId, body);
      },
    }),
  ];
}
