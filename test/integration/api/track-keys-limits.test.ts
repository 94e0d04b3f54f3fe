import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngressHarness, startIngress } from "../../support/ingress-harness.js";

let h: IngressHarness;
let key: string;

beforeAll(async () => {
  h = await startIngress();
  key = (await h.call("POST", "/workspace/write-key", { token: await h.token("acme") })).body.writeKey;
});
afterAll(async () => {
  expect(h.logged).toStrictEqual([]);
  await h.close();
});

describe("write keys", () => {
  it("shows the key, and rotating it retires the old one at once", async () => {
    const admin = await h.token("acme");
    expect((await h.call("GET", "/workspace", { token: admin })).body).toStrictEqual({
      plan: "trial",
      timezone: "UTC",
      writeKey: key,
    });
    const rotated = (await h.call("POST", "/workspace/write-key", { token: admin })).body.writeKey;
    expect(rotated).not.toBe(key);
    expect((await h.call("GET", "/workspace", { token: admin })).body.writeKey).toBe(rotated);
    const body = { type: "page", visitorId: "v0", url: "https://acme.test/" };
    expect((await h.call("POST", "/track", { body: { ...body, writeKey: key } })).status).toBe(401);
    expect((await h.call("POST", "/track", { body: { ...body, writeKey: rotated } })).status).toBe(202);
    key = rotated;
  });

  it("survives a change of plan or time zone", async () => {
    await h.workspaces.put({ tenantId: "acme", plan: "growth", timezone: "Europe/Berlin" });
    const admin = await h.token("acme");
    expect((await h.call("GET", "/workspace", { token: admin })).body).toStrictEqual({
      plan: "growth",
      timezone: "Europe/Berlin",
      writeKey: key,
    });
    await h.workspaces.put({ tenantId: "acme", plan: "trial", timezone: "UTC" });
  });

  it("is for admins only", async () => {
    const rep = await h.token("acme", "rep");
    expect((await h.call("POST", "/workspace/write-key", { token: rep })).status).toBe(403);
    expect((await h.call("GET", "/workspace")).status).toBe(401);
  });
});

describe("rate limit", () => {
  it("answers 429 with retryAfter over the workspace's calls per minute, and lets calls in the next minute", async () => {
    const limited = await startIngress({ trackPerMinute: 3 });
    try {
      const k = (await limited.call("POST", "/workspace/write-key", { token: await limited.token("acme") }))
        .body.writeKey;
      await limited.clock.to(new Date("2027-03-01T10:00:45Z"));
      const body = { writeKey: k, type: "page", visitorId: "v1", url: "https://acme.test/" };
      for (let i = 0; i < 3; i++) expect((await limited.call("POST", "/track", { body })).status).toBe(202);
      const over = await limited.call("POST", "/track", { body });
      expect(over).toMatchObject({ status: 429, body: { error: "rate_limited", retryAfter: 15 } });
      expect(over.headers.get("retry-after")).toBe("15");
      await limited.clock.advance("PT15S");
      expect((await limited.call("POST", "/track", { body })).status).toBe(202);
    } finally {
      await limited.close();
    }
  });
});
