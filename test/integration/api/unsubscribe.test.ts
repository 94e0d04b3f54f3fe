import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsubscribeToken } from "../../../lambdas/core/unsubscribe.js";
import { type IngressHarness, startIngress } from "../../support/ingress-harness.js";

let h: IngressHarness;
let token: string;
const at = new Date("2027-03-01T10:00:00Z");
const ONE_CLICK = "List-Unsubscribe=One-Click";

beforeAll(async () => {
  h = await startIngress();
  await h.records.create("acme", "contact", "ctc_1", { email: "ada@example.com" }, at);
  token = unsubscribeToken(await h.secrets.get("acme", "unsubscribe"), {
    tenantId: "acme",
    contactId: "ctc_1",
  });
});
afterAll(async () => {
  expect(h.logged).toStrictEqual([]);
  await h.close();
});

const unsubscribed = () => h.bus.published.filter((e) => e["detail-type"] === "email.unsubscribed");

describe("unsubscribe", () => {
  it("GET (the link in the mail) confirms without unsubscribing: link scanners follow links", async () => {
    const res = await h.call("GET", `/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(res).toMatchObject({ status: 200, body: { unsubscribed: false, confirm: { method: "POST" } } });
    expect((await h.records.get("acme", "contact", "ctc_1"))?.unsubscribed).toBeUndefined();
  });

  it("one-click POST (RFC 8058, a form body) unsubscribes and publishes email.unsubscribed once a day", async () => {
    const path = `/unsubscribe?token=${encodeURIComponent(token)}`;
    const res = await h.call("POST", path, { body: ONE_CLICK });
    expect(res).toMatchObject({ status: 200, body: { unsubscribed: true } });
    expect((await h.records.get("acme", "contact", "ctc_1"))?.unsubscribed).toBe(true);
    expect(unsubscribed()).toStrictEqual([
      {
        id: expect.stringMatching(/^unsub_/),
        source: "autopilot.engagement",
        "detail-type": "email.unsubscribed",
        time: at.toISOString(),
        detail: { tenantId: "acme", contactId: "ctc_1" },
      },
    ]);
    await h.call("POST", path, { body: ONE_CLICK });
    expect(new Set(unsubscribed().map((e) => e.id)).size).toBe(1);
    expect((await h.call("GET", path)).body.unsubscribed).toBe(true);
  });

  it("refuses a missing, forged or tampered token (400)", async () => {
    const forged = unsubscribeToken("not-the-key", { tenantId: "acme", contactId: "ctc_1" });
    const tampered = `${token.slice(0, -2)}xx`;
    for (const query of ["", "?token=junk", `?token=${forged}`, `?token=${tampered}`]) {
      const res = await h.call("POST", `/unsubscribe${query}`, { body: ONE_CLICK });
      expect(res).toMatchObject({ status: 400, body: { issues: [{ path: "token" }] } });
      expect((await h.call("GET", `/unsubscribe${query}`)).status).toBe(400);
    }
  });

  it("refuses a token for a workspace that has no unsubscribe key, and creates none", async () => {
    const stranger = unsubscribeToken("any-key", { tenantId: "nobody", contactId: "ctc_1" });
    const res = await h.call("POST", `/unsubscribe?token=${encodeURIComponent(stranger)}`, {
      body: ONE_CLICK,
    });
    expect(res).toMatchObject({ status: 400, body: { issues: [{ path: "token" }] } });
    expect(await h.secrets.find("nobody", "unsubscribe")).toBeUndefined();
  });
});
