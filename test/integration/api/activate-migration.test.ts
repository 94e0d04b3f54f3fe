import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumableSteps, resumeTarget } from "../../../lambdas/handlers/migrate-enrollments.js";
import { compile } from "../../../statemachines/compiler/index.js";
import { type ApiHarness, startApi } from "../../support/api-harness.js";
import { placeEnrollment } from "../../support/enrollment-fixtures.js";
import { loadExample, readExample } from "../../support/load-example.js";

const v1 = readExample("journey-webinar-nurture.json");
/** Version 2 drops the wait for a click: both offers go straight to scoring. */
const v2 = structuredClone(v1);
delete v2.steps["wait-click"];
v2.steps["case-study"].next = "hot-lead";
v2.steps["demo-offer"].next = "hot-lead";
const where = { tenantId: "ws1", automationId: "webinar-nurture" };
let api: ApiHarness;
let admin: string;

beforeAll(async () => {
  api = await startApi();
  await api.workspaces.put({ tenantId: "ws1", plan: "growth", timezone: "UTC" });
  admin = await api.token("ws1", "usr_admin", "admin");
  expect((await api.call("POST", "/automations", admin, v1)).status).toBe(201);
  expect((await api.call("POST", "/automations/webinar-nurture/activate", admin, {})).status).toBe(200);
  expect((await api.call("PUT", "/automations/webinar-nurture", admin, v2)).status).toBe(200);
  await placeEnrollment(api.enrollments, { ...where, id: "enr_wait", waitAt: "wait-2d" });
  await placeEnrollment(api.enrollments, {
    ...where,
    id: "enr_click",
    waitAt: "wait-click",
    waiter: api.waiters,
  });
  // Running right now: its segment claimed the token the timer brought.
  await placeEnrollment(api.enrollments, { ...where, id: "enr_run", waitAt: "wait-2d" });
  await api.enrollments.claim("ws1", "enr_run", "tok_enr_run_1");
  await placeEnrollment(api.enrollments, { ...where, id: "enr_v2", version: 2, waitAt: "wait-2d" });
  await placeEnrollment(api.enrollments, { ...where, id: "enr_done", waitAt: "wait-2d" });
  await api.enrollments.finish("ws1", "enr_done", "completed", {
    at: "2027-03-01T11:00:00Z",
    what: "completed",
  });
});
afterAll(async () => {
  expect(api.logged).toEqual([]);
  await api.close();
});

const activate = (body: unknown) => api.call("POST", "/automations/webinar-nurture/activate", admin, body);

describe("activating a version with migration", () => {
  it("resumes at any step of the version, and only there", () => {
    const steps = resumableSteps(compile(loadExample("journey-webinar-nurture.json").definition));
    expect(steps.has("wait-2d")).toBe(true);
    expect(steps.has("wait-click")).toBe(true);
    expect(steps.has("wait-click.route")).toBe(false);
  });

  it("sends a moved enrollment where the same edge leads in the new version", () => {
    const from = loadExample("journey-webinar-nurture.json").definition;
    const to = structuredClone(from) as typeof from & { steps: Record<string, Record<string, unknown>> };
    Object.assign(to.steps["wait-2d"] as object, { next: "resend" });
    Object.assign(to.steps["wait-click"] as object, { next: "mark", onTimeout: "resend" });
    expect(resumeTarget(from, to, "wait-2d", "opened-welcome")).toBe("resend");
    expect(resumeTarget(from, to, "wait-click", "hot-lead")).toBe("mark"); // the event came
    expect(resumeTarget(from, to, "wait-click", "done")).toBe("resend"); // the timeout
    expect(resumeTarget(from, to, "welcome", "welcome")).toBe("welcome"); // a deferral: same step
  });

  it("refuses orphans without migrate matching-steps, and migrates nothing by default", async () => {
    const bad = await activate({ orphans: "exit" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("orphans");
    const plain = await activate({ version: 2 });
    expect(plain.status).toBe(200);
    expect(plain.body.migration).toBeUndefined();
    expect((await api.enrollments.get("ws1", "enr_wait"))?.version).toBe(1);
  });

  it("moves those waiting at a step the version has; orphans and running ones stay", async () => {
    const r = await activate({ version: 2, migrate: "matching-steps" });
    expect(r.status).toBe(200);
    expect(r.body.migration).toEqual({ moved: 1, stayed: 2, exited: 0 });
    expect(await api.enrollments.get("ws1", "enr_wait")).toMatchObject({
      version: 2,
      at: "wait-2d",
      pendingToken: "tok_enr_wait_1",
    });
    expect((await api.enrollments.get("ws1", "enr_click"))?.version).toBe(1);
    expect((await api.enrollments.get("ws1", "enr_run"))?.version).toBe(1);
  });

  it("with orphans exit, ends those whose step is gone, cancelling timer and waiter", async () => {
    const r = await activate({ version: 2, migrate: "matching-steps", orphans: "exit" });
    expect(r.body.migration).toEqual({ moved: 0, stayed: 1, exited: 1 });
    const click = await api.enrollments.get("ws1", "enr_click");
    expect(click).toMatchObject({ status: "exited", version: 1 });
    expect(click?.trace.at(-1)).toMatchObject({
      what: "exited",
      detail: "step wait-click is not in version 2",
    });
    expect(api.timers.cancelled.map((c) => c.name)).toContain("tok_enr_click_1");
    expect(await api.waiters.forContact("ws1", "ctc_enr_click")).toEqual([]);
    expect((await api.enrollments.get("ws1", "enr_run"))?.status).toBe("active");
  });

  it("moves back to version 1 those that version 1 can resume", async () => {
    const r = await activate({ version: 1, migrate: "matching-steps", orphans: "exit" });
    // enr_wait and enr_v2 move back; enr_run is still running on version 1 already.
    expect(r.body.migration).toEqual({ moved: 2, stayed: 0, exited: 0 });
  });
});
