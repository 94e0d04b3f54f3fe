import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiWorkspace } from "../../support/api-harness.js";
import { readExample } from "../../support/load-example.js";

const example = readExample;
let api: ApiHarness;
let admin: string;
let rep: string;
let other: string;

beforeAll(async () => {
  ({ api, admin, rep, other } = await startApiWorkspace("starter"));
});
afterAll(async () => {
  await api.close();
});

describe("automations API", () => {
  it("stores an example as a draft, activates it, pauses and resumes it", async () => {
    const created = await api.call("POST", "/automations", admin, example("workflow-big-deal-proposal"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      automation: { id: "big-deal-proposal", kind: "workflow", status: "draft", latestVersion: 1 },
      warnings: [],
    });
    const activated = await api.call("POST", "/automations/big-deal-proposal/activate", admin, {});
    expect(activated.status).toBe(200);
    expect(activated.body.automation).toMatchObject({ status: "active", activeVersion: 1 });
    expect(activated.body.stateMachine.states).toBeGreaterThan(5);
    expect(
      (await api.call("POST", "/automations/big-deal-proposal/pause", admin)).body.automation.status,
    ).toBe("paused");
    expect((await api.call("POST", "/automations/big-deal-proposal/pause", admin)).status).toBe(409);
    expect(
      (await api.call("POST", "/automations/big-deal-proposal/resume", admin)).body.automation.status,
    ).toBe("active");
    expect((await api.call("GET", "/automations/big-deal-proposal", admin)).body.automation.status).toBe(
      "active",
    );
  });

  it("refuses an invalid definition with every problem and its path", async () => {
    const wf = example("workflow-assign-by-location");
    wf.actions.push(...wf.actions, wf.actions[0]);
    wf.condition.all[0].op = "exist";
    const r = await api.call("POST", "/automations", admin, wf);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_request");
    expect(r.body.issues).toEqual(
      expect.arrayContaining([
        { path: "actions", message: "a workflow has at most 4 actions (got 5)" },
        { path: "condition.all.0.op", message: 'unknown operator "exist"' },
      ]),
    );
  });

  it("refuses a second automation with the same id (409), and versions with PUT", async () => {
    const journey = example("journey-webinar-nurture");
    expect((await api.call("POST", "/automations", admin, journey)).status).toBe(201);
    expect((await api.call("POST", "/automations", admin, journey)).status).toBe(409);
    const put = await api.call("PUT", "/automations/webinar-nurture", admin, {
      ...journey,
      name: "Nurture, v2",
    });
    expect(put.body.automation).toMatchObject({ latestVersion: 2, name: "Nurture, v2" });
    const wrongId = await api.call("PUT", "/automations/webinar-nurture", admin, { ...journey, id: "other" });
    expect(wrongId.body.issues).toEqual([
      { path: "id", message: 'must be "webinar-nurture", as in the URL' },
    ]);
  });

  it("lets a rep create sequences but not workflows (403)", async () => {
    expect((await api.call("POST", "/automations", rep, example("workflow-assign-by-location"))).status).toBe(
      403,
    );
  });

  it("refuses sequences on Starter (0 per user) with 409 limit_reached, the limit and the plan", async () => {
    const r = await api.call("POST", "/automations", rep, example("sequence-quote-follow-up"));
    expect(r).toEqual({
      status: 409,
      body: { error: "limit_reached", limit: "sequences per user", plan: "starter", max: 0, used: 0 },
    });
  });

  it("activates at most 10 workflows on Starter, even when 15 activations race", async () => {
    const token = await api.token("ws-cap", "usr_a", "admin");
    await api.workspaces.put({ tenantId: "ws-cap", plan: "starter", timezone: "UTC" });
    const wf = example("workflow-assign-by-location");
    for (let i = 0; i < 15; i++) await api.call("POST", "/automations", token, { ...wf, id: `wf-${i}` });
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => api.call("POST", `/automations/wf-${i}/activate`, token, {})),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    expect(refused[0]?.body).toEqual({
      error: "limit_reached",
      limit: "workflows per workspace",
      plan: "starter",
      max: 10,
      used: 10,
    });
  });

  it("serves the ASL and a Mermaid graph", async () => {
    const asl = await api.call("GET", "/automations/webinar-nurture/asl", admin);
    expect(asl.body.StartAt).toBe("_Claim");
    const graph = await api.call("GET", "/automations/webinar-nurture/graph", admin);
    expect(graph.body.mermaid.startsWith("flowchart TD")).toBe(true);
  });

  it("answers 404 for another workspace's automation, on every route", async () => {
    for (const [method, path] of [
      ["GET", "/automations/webinar-nurture"],
      ["GET", "/automations/webinar-nurture/asl"],
      ["POST", "/automations/webinar-nurture/activate"],
      ["POST", "/automations/webinar-nurture/pause"],
      ["PUT", "/automations/webinar-nurture"],
    ] as const) {
      const r = await api.call(
        method,
        path,
        other,
        method === "PUT" ? example("journey-webinar-nurture") : method === "POST" ? {} : undefined,
      );
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    expect((await api.call("GET", "/automations", other)).body.items).toEqual([]);
    expect(api.logged).toEqual([]);
  });
});
