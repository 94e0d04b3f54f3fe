import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "../../../lambdas/core/record-events.js";
import { createEmailIndexer } from "../../../lambdas/handlers/email-index.js";
import { type IngressHarness, startIngress } from "../../support/ingress-harness.js";

let h: IngressHarness;
let key: string;
const at = new Date("2027-03-01T10:00:00Z");

const visits = (visitorId: string) =>
  h.bus.published.filter((e) => e["detail-type"] === "page.visited" && e.detail.visitorId === visitorId);
const page = (visitorId: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", "/track", {
    body: {
      writeKey: key,
      type: "page",
      visitorId,
      url: "https://acme.test/pricing?utm_source=ads",
      ...extra,
    },
  });

beforeAll(async () => {
  h = await startIngress();
  await h.records.create("acme", "contact", "ctc_ada", { email: "Ada@Example.com" }, at);
  key = (await h.call("POST", "/workspace/write-key", { token: await h.token("acme") })).body.writeKey;
});
afterAll(async () => {
  expect(h.logged).toStrictEqual([]);
  await h.close();
});

describe("POST /track", () => {
  it("refuses a call without a write key, or with an unknown one (401)", async () => {
    const body = { type: "page", visitorId: "v0", url: "https://acme.test/" };
    expect(await h.call("POST", "/track", { body })).toMatchObject({
      status: 401,
      body: { error: "unauthorized" },
    });
    const wrong = await h.call("POST", "/track", { body: { ...body, writeKey: "wk_nope" } });
    expect(wrong).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    const header = await h.call("POST", "/track", { body, headers: { "x-write-key": key } });
    expect(header.status).toBe(202);
  });

  it("names the field of a bad body (400)", async () => {
    const res = await h.call("POST", "/track", { body: { writeKey: key, type: "page", visitorId: "v0" } });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_request", issues: [{ path: "url" }] } });
    const bad = await h.call("POST", "/track", {
      body: { writeKey: key, type: "identify", visitorId: "v0" },
    });
    expect(bad.body.issues).toStrictEqual([{ path: "contactId", message: "give contactId or email" }]);
  });

  it("answers the browser's CORS preflight", async () => {
    const res = await h.call("OPTIONS", "/track");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("publishes a known contact's visit as page.visited, with path and utm from the URL", async () => {
    const res = await page("v-known", { contactId: "ctc_ada", referrer: "https://search.test/" });
    expect(res).toMatchObject({ status: 202, body: { published: 1, kept: 0 } });
    expect(visits("v-known")).toStrictEqual([
      {
        id: expect.stringMatching(/^pv_/),
        source: "autopilot.track",
        "detail-type": "page.visited",
        time: at.toISOString(),
        detail: {
          tenantId: "acme",
          contactId: "ctc_ada",
          visitorId: "v-known",
          url: "https://acme.test/pricing?utm_source=ads",
          path: "/pricing",
          referrer: "https://search.test/",
          utm: { source: "ads" },
        },
      },
    ]);
  });

  it("gives a retried visit (same at) the same event id", async () => {
    await page("v-retry", { contactId: "ctc_ada", at: "2027-03-01T09:00:00Z" });
    await page("v-retry", { contactId: "ctc_ada", at: "2027-03-01T09:00:00Z" });
    const [a, b] = visits("v-retry");
    expect(a?.id).toBe(b?.id);
  });

  it("keeps an anonymous visitor's visits, and replays them once when it is identified", async () => {
    for (const minute of ["01", "02", "03"]) {
      const res = await page("v-anon", {
        at: `2027-03-01T09:${minute}:00Z`,
        url: `https://acme.test/p${minute}`,
      });
      expect(res.body).toStrictEqual({ published: 0, kept: 1 });
    }
    expect(visits("v-anon")).toStrictEqual([]);
    const identify = { writeKey: key, type: "identify", visitorId: "v-anon", contactId: "ctc_ada" };
    expect((await h.call("POST", "/track", { body: identify })).body).toStrictEqual({
      published: 3,
      kept: 0,
    });
    const replayed = visits("v-anon");
    expect(replayed.map((e) => [e.detail.contactId, e.detail.path, e.time])).toStrictEqual([
      ["ctc_ada", "/p01", "2027-03-01T09:01:00.000Z"],
      ["ctc_ada", "/p02", "2027-03-01T09:02:00.000Z"],
      ["ctc_ada", "/p03", "2027-03-01T09:03:00.000Z"],
    ]);
    expect(new Set(replayed.map((e) => e.id)).size).toBe(3);
    expect((await h.call("POST", "/track", { body: identify })).body.published).toBe(0);
    expect(visits("v-anon")).toHaveLength(3);
    // Linked now: the next visit is published at once.
    expect((await page("v-anon")).body).toStrictEqual({ published: 1, kept: 0 });
  });

  it("keeps at most the last 100 visits of a visitor", async () => {
    const minute = (i: number) => new Date(Date.UTC(2027, 1, 1) + i * 60_000).toISOString();
    for (let i = 0; i < 103; i++)
      await h.visitors.keep("acme", "v-busy", { url: "https://acme.test/", path: "/", at: minute(i) });
    const kept = await h.visitors.kept("acme", "v-busy");
    expect(kept).toHaveLength(100);
    expect(kept[0]?.visit.at).toBe(minute(3));
  });

  it("identifies by email once the contact holds it, and 404s for an unknown email", async () => {
    const byEmail = { writeKey: key, type: "identify", visitorId: "v-mail", email: "ada@example.com" };
    expect(await h.call("POST", "/track", { body: byEmail })).toMatchObject({
      status: 404,
      body: { message: "contact with email ada@example.com not found" },
    });
    // identify with both indexes the email, since the contact's record holds it …
    await h.call("POST", "/track", { body: { ...byEmail, visitorId: "v-both", contactId: "ctc_ada" } });
    expect((await h.call("POST", "/track", { body: byEmail })).status).toBe(202);
    expect(await h.visitors.contactOf("acme", "v-mail")).toBe("ctc_ada");
    // … but never for an address the contact does not hold (the write key is public).
    const claim = { ...byEmail, visitorId: "v-x", email: "eve@example.com", contactId: "ctc_ada" };
    await h.call("POST", "/track", { body: claim });
    expect(await h.emailIndex.contactOf("acme", "eve@example.com")).toBeUndefined();
  });

  it("keeps the email index in step with contact record events", async () => {
    const index = createEmailIndexer({ emailIndex: h.emailIndex });
    const event = (type: string, record: object, previous?: object): BusEvent => ({
      id: type,
      source: "autopilot.records",
      "detail-type": type,
      time: at.toISOString(),
      detail: {
        tenantId: "acme",
        recordType: "contact",
        recordId: "ctc_bo",
        record,
        ...(previous ? { previous } : {}),
      },
    });
    await index(event("record.created", { email: "bo@example.com" }));
    expect(await h.emailIndex.contactOf("acme", "BO@example.com")).toBe("ctc_bo");
    await index(event("record.updated", { email: "bo@new.test" }, { email: "bo@example.com" }));
    expect(await h.emailIndex.contactOf("acme", "bo@example.com")).toBeUndefined();
    expect(await h.emailIndex.contactOf("acme", "bo@new.test")).toBe("ctc_bo");
    await index(event("record.deleted", { email: "bo@new.test" }));
    expect(await h.emailIndex.contactOf("acme", "bo@new.test")).toBeUndefined();
  });
});
