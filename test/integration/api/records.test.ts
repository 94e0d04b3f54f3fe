import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoRecords } from "../../../lambdas/aws/dynamo-records.js";
import { RandomIds } from "../../../lambdas/aws/ids.js";
import { recordRoutes } from "../../../lambdas/handlers/api/records.js";
import { createHttpApp } from "../../../lambdas/handlers/http/app.js";
import { DevTokens } from "../../../local/auth.js";
import { type LocalDynamo, startDynalite } from "../../../local/emulators/dynalite.js";
import { startHttpServer } from "../../../local/http/server.js";

let dynamo: LocalDynamo;
let close: () => Promise<void>;
let base: string;
let ws1: string;
let ws2: string;
let rep: string;
const tokens = new DevTokens(randomBytes(32));
const logged: string[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
  const clock = { now: () => new Date("2027-03-01T10:00:00Z") };
  const routes = recordRoutes({
    records: new DynamoRecords(dynamo.doc, dynamo.tableName),
    clock,
    ids: new RandomIds(clock),
  });
  const server = await startHttpServer({
    port: 0,
    routes: routes.map((r) => r.route),
    handler: createHttpApp(routes, (l) => logged.push(l)) as never,
    tokens,
  });
  base = server.url;
  close = server.close;
  ws1 = await tokens.sign({ tenant: "ws1", user: "usr_admin", role: "admin" });
  ws2 = await tokens.sign({ tenant: "ws2", user: "usr_other", role: "admin" });
  rep = await tokens.sign({ tenant: "ws1", user: "usr_rep", role: "rep" });
});
afterAll(async () => {
  await close();
  await dynamo.close();
});

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("records API", () => {
  it("creates a contact with custom fields, reads, patches and deletes it", async () => {
    const created = await call("POST", "/records/contact", rep, {
      firstName: "Ada",
      email: "ada@example.com",
      favouriteColour: "teal",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ firstName: "Ada", favouriteColour: "teal", version: 1 });
    expect(created.body.id).toMatch(/^ctc_[0-9A-Z]{26}$/);
    const id = created.body.id;
    expect((await call("GET", `/records/contact/${id}`, ws1)).body.email).toBe("ada@example.com");
    const patched = await call("PATCH", `/records/contact/${id}`, ws1, {
      lifecycleStage: "sql",
      favouriteColour: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ lifecycleStage: "sql", version: 2 });
    expect(patched.body).not.toHaveProperty("favouriteColour");
    expect((await call("DELETE", `/records/contact/${id}`, ws1)).status).toBe(204);
    expect((await call("GET", `/records/contact/${id}`, ws1)).status).toBe(404);
  });

  it("answers 404 for another workspace's id, on every verb, exactly as for a missing one", async () => {
    const { body } = await call("POST", "/records/deal", ws1, { name: "Acme", amount: 12000 });
    for (const [method, payload] of [["GET"], ["PATCH", { name: "x" }], ["DELETE"]] as const) {
      const other = await call(method, `/records/deal/${body.id}`, ws2, payload);
      const missing = await call(method, "/records/deal/deal_nope", ws2, payload);
      expect(other.status).toBe(404);
      expect({ ...other.body, message: "" }).toEqual({ ...missing.body, message: "" });
    }
    expect((await call("GET", `/records/deal/${body.id}`, ws1)).body.name).toBe("Acme");
  });

  it("refuses a tenantId in the body, naming the field", async () => {
    const r = await call("POST", "/records/contact", ws1, { tenantId: "ws2", firstName: "Eve" });
    expect(r).toEqual({
      status: 400,
      body: {
        error: "invalid_request",
        issues: [{ path: "tenantId", message: "the workspace comes from your token, not the body" }],
      },
    });
  });

  it("names the field and the reason for bad input, and never answers 500", async () => {
    const bad = await call("POST", "/records/contact", ws1, {
      email: "not-an-email",
      timezone: "Mars/Base",
      score: "high",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "email",
      "score",
      "timezone",
    ]);
    expect((await call("POST", "/records/contact", ws1, "{ not json")).body).toEqual({
      error: "invalid_request",
      issues: [{ path: "(body)", message: "not JSON" }],
    });
    expect((await call("POST", "/records/planet", ws1, {})).body.issues).toEqual([
      { path: "type", message: 'unknown record type "planet" (one of contact, deal, company, activity)' },
    ]);
    expect(logged).toEqual([]);
  });

  it("answers 401 without a valid token", async () => {
    expect((await call("GET", "/records/contact", undefined)).status).toBe(401);
    expect((await call("GET", "/records/contact", `${ws1}x`)).status).toBe(401);
    const forged = await new DevTokens(randomBytes(32)).sign({ tenant: "ws1", user: "u", role: "admin" });
    expect((await call("GET", "/records/contact", forged)).status).toBe(401);
  });

  it("lists a workspace's records in pages", async () => {
    const t = await tokens.sign({ tenant: "ws-list", user: "u", role: "admin" });
    for (let i = 0; i < 3; i++) await call("POST", "/records/company", t, { name: `Co ${i}` });
    const first = await call("GET", "/records/company?limit=2", t);
    expect(first.body.items).toHaveLength(2);
    const second = await call("GET", `/records/company?limit=2&next=${first.body.next}`, t);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeUndefined();
  });
});
