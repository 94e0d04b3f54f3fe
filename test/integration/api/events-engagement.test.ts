import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngressHarness, startIngress } from "../../support/ingress-harness.js";
import { bounce, click, complaint, onEventBridge, open, REF } from "../../support/ses-fixtures.js";

let h: IngressHarness;
let token: string;
const at = new Date("2027-03-01T10:00:00Z");

beforeAll(async () => {
  h = await startIngress();
  token = await h.token("acme", "rep");
  for (const id of ["ctc_1", "ctc_2", "ctc_3"]) await h.records.create("acme", "contact", id, {}, at);
});
afterAll(async () => {
  expect(h.logged).toStrictEqual([]);
  await h.close();
});

describe("POST /events", () => {
  it("publishes a custom event for the contact and answers 202 with its id", async () => {
    const res = await h.call("POST", "/events", {
      token,
      body: { name: "trial.started", contactId: "ctc_1", properties: { seats: 5 } },
    });
    expect(res.status).toBe(202);
    expect(h.bus.published.find((e) => e.id === res.body.id)).toStrictEqual({
      id: expect.stringMatching(/^evt_/),
      source: "autopilot.custom",
      "detail-type": "custom",
      time: at.toISOString(),
      detail: { tenantId: "acme", name: "trial.started", contactId: "ctc_1", properties: { seats: 5 } },
    });
  });

  it("uses the idempotency id as the event id, so a retry is one event for the router", async () => {
    const body = { name: "order.paid", contactId: "ctc_1", id: "order-42" };
    expect((await h.call("POST", "/events", { token, body })).body).toStrictEqual({ id: "order-42" });
    expect((await h.call("POST", "/events", { token, body })).body).toStrictEqual({ id: "order-42" });
  });

  it("needs a token, and names the missing field", async () => {
    expect((await h.call("POST", "/events", { body: { name: "x", contactId: "ctc_1" } })).status).toBe(401);
    const res = await h.call("POST", "/events", { token, body: { contactId: "ctc_1" } });
    expect(res).toMatchObject({ status: 400, body: { issues: [{ path: "name" }] } });
  });
});

describe("POST /_local/ses-events", () => {
  const post = (body: unknown, tenant = "acme") =>
    h.token(tenant).then((t) => h.call("POST", "/_local/ses-events", { token: t, body }));

  it("publishes the same SES click twice with the same event id", async () => {
    const first = await post(click());
    const again = await post([click()]);
    expect(first.body).toStrictEqual({ published: 1, skipped: [] });
    expect(again.body).toStrictEqual({ published: 1, skipped: [] });
    const clicks = h.bus.published.filter((e) => e["detail-type"] === "email.clicked");
    expect(clicks).toHaveLength(2);
    expect(clicks[0]?.id).toBe(clicks[1]?.id);
    expect(clicks[0]?.detail).toMatchObject({
      contactId: "ctc_1",
      enrollmentId: "enr_1",
      stepId: "welcome?",
    });
  });

  it("marks the contact bounced on a permanent bounce, and not on a transient one", async () => {
    await post(bounce("Transient", { ...REF, contactId: "ctc_2" }));
    expect((await h.records.get("acme", "contact", "ctc_2"))?.bounced).toBeUndefined();
    const res = await post(bounce("Permanent", { ...REF, contactId: "ctc_2" }));
    expect(res.body.published).toBe(1);
    expect((await h.records.get("acme", "contact", "ctc_2"))?.bounced).toBe(true);
  });

  it("marks the contact complained on a complaint sent through EventBridge", async () => {
    await post(onEventBridge("Email Complaint Received", complaint({ ...REF, contactId: "ctc_3" })));
    expect((await h.records.get("acme", "contact", "ctc_3"))?.complained).toBe(true);
  });

  it("skips untagged mail and another workspace's mail, with why", async () => {
    const res = await post([open(null), open({ ...REF, tenantId: "other" }), open()]);
    expect(res.body).toStrictEqual({
      published: 1,
      skipped: [
        { index: 0, reason: expect.stringContaining("was not sent by a step") },
        { index: 1, reason: "mail of another workspace" },
      ],
    });
  });

  it("needs a token", async () => {
    expect((await h.call("POST", "/_local/ses-events", { body: open() })).status).toBe(401);
  });
});
