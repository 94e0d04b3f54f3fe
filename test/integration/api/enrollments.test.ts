import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, startApiWorkspace } from "../../support/api-harness.js";
import { placeEnrollment } from "../../support/enrollment-fixtures.js";
import { readExample } from "../../support/load-example.js";

const journey = readExample("journey-webinar-nurture.json");
const at = "2027-03-01T10:00:00.000Z";
const where = { tenantId: "ws1", automationId: "webinar-nurture" };
let api: ApiHarness;
let admin: string;
let rep: string;
let other: string;

beforeAll(async () => {
  ({ api, admin, rep, other } = await startApiWorkspace("growth"));
  expect((await api.call("POST", "/automations", admin, journey)).status).toBe(201);
  expect((await api.call("POST", "/automations/webinar-nurture/activate", admin, {})).status).toBe(200);
  const sent = (step: string) => ({ at, step, what: "ran" as const, detail: "sent" });
  const split = (path: string) => ({
    at,
    step: "ab-follow-up",
    what: "ran" as const,
    detail: `path ${path} (bucket 3)`,
  });
  await placeEnrollment(api.enrollments, {
    ...where,
    id: "enr_a",
    waitAt: "wait-2d",
    trace: [sent("welcome")],
  });
  await placeEnrollment(api.enrollments, {
    ...where,
    id: "enr_b",
    waitAt: "wait-2d",
    trace: [sent("welcome")],
  });
  await placeEnrollment(api.enrollments, {
    ...where,
    id: "enr_c",
    waitAt: "wait-click",
    trace: [sent("welcome"), split("case-study"), sent("case-study")],
  });
  await api.enrollments.engage("ws1", "enr_a", "welcome", "opened");
  await api.enrollments.engage("ws1", "enr_c", "welcome", "opened");
  await api.enrollments.engage("ws1", "enr_c", "welcome", "clicked");
  await api.enrollments.finish("ws1", "enr_b", "exited", {
    at,
    what: "exited",
    detail: "contact unsubscribed",
  });
});
afterAll(async () => {
  expect(api.logged).toEqual([]);
  await api.close();
});

describe("enrollments API", () => {
  it("lists who is where, by status and step", async () => {
    const waiting = await api.call(
      "GET",
      "/automations/webinar-nurture/enrollments?status=active&step=wait-2d",
      rep,
    );
    expect(waiting.status).toBe(200);
    expect(waiting.body).toEqual({
      items: [
        {
          id: "enr_a",
          contactId: "ctc_enr_a",
          version: 1,
          status: "active",
          at: "wait-2d",
          until: expect.any(String),
          createdAt: at,
        },
      ],
    });
    const all = await api.call("GET", "/automations/webinar-nurture/enrollments", rep);
    expect(all.body.items.map((e: { id: string }) => e.id).sort()).toEqual(["enr_a", "enr_b", "enr_c"]);
  });

  it("pages through a listing with next", async () => {
    const first = await api.call("GET", "/automations/webinar-nurture/enrollments?limit=2", rep);
    expect(first.body.items).toHaveLength(2);
    const second = await api.call(
      "GET",
      `/automations/webinar-nurture/enrollments?limit=2&next=${first.body.next}`,
      rep,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeUndefined();
  });

  it("refuses an unknown status or a garbled page token, naming the field", async () => {
    const bad = await api.call("GET", "/automations/webinar-nurture/enrollments?status=waiting", rep);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("status");
    const next = await api.call("GET", "/automations/webinar-nurture/enrollments?next=nonsense", rep);
    expect(next.status).toBe(400);
    expect(next.body.issues[0].path).toBe("next");
  });

  it("shows one enrollment with its trace and a summary of its ledger, not its token", async () => {
    const r = await api.call("GET", "/enrollments/enr_c", rep);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "enr_c", status: "active", at: "wait-click", ledger: { done: 0 } });
    expect(r.body.trace.map((t: { what: string }) => t.what)).toEqual([
      "matched",
      "ran",
      "ran",
      "ran",
      "waited",
    ]);
    expect(r.body.pendingToken).toBeUndefined();
    expect(r.body.fx).toBeUndefined();
  });

  it("answers 404 for unknown ids and for another workspace's", async () => {
    expect((await api.call("GET", "/enrollments/enr_nope", rep)).status).toBe(404);
    expect((await api.call("GET", "/enrollments/enr_a", other)).status).toBe(404);
    expect((await api.call("DELETE", "/enrollments/enr_a", other)).status).toBe(404);
    expect((await api.call("GET", "/automations/webinar-nurture/enrollments", other)).status).toBe(404);
    expect((await api.call("GET", "/automations/webinar-nurture/stats", other)).status).toBe(404);
  });

  it("counts per step: entered, sent, opened, clicked, waiting, split paths, and rates", async () => {
    const r = await api.call("GET", "/automations/webinar-nurture/stats", rep);
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ enrolled: 3, active: 2, completed: 0, exited: 1, failed: 0 });
    expect(r.body.steps.welcome).toMatchObject({ entered: 3, sent: 3, opened: 2, clicked: 1 });
    expect(r.body.steps.welcome.rates).toEqual({ opened: 0.6667, clicked: 0.3333 });
    expect(r.body.steps["wait-2d"]).toMatchObject({ entered: 2, waiting: 1 });
    expect(r.body.steps["ab-follow-up"].paths["case-study"]).toEqual({ count: 1, share: 1 });
    expect(r.body.steps.resend).toMatchObject({ entered: 0, sent: 0, rates: { opened: null } });
  });

  it("lets a rep not unenroll; an admin unenrolls once, then gets 409", async () => {
    expect((await api.call("DELETE", "/enrollments/enr_a", rep)).status).toBe(403);
    const r = await api.call("DELETE", "/enrollments/enr_a", admin);
    expect(r).toEqual({ status: 200, body: { id: "enr_a", status: "exited" } });
    expect(api.timers.cancelled.map((c) => c.name)).toContain("tok_enr_a_1");
    const trace = (await api.call("GET", "/enrollments/enr_a", rep)).body.trace;
    expect(trace.at(-1)).toMatchObject({
      what: "exited",
      step: "wait-2d",
      detail: "unenrolled by usr_admin",
    });
    expect((await api.call("DELETE", "/enrollments/enr_a", admin)).status).toBe(409);
  });

  it("retries a failed enrollment at the step that failed, with the failed segment's token", async () => {
    await placeEnrollment(api.enrollments, { ...where, id: "enr_f" });
    const failedAt = {
      at,
      step: "resend",
      what: "failed" as const,
      detail: "Error: boom; gave up after 5 failures",
    };
    await api.enrollments.finish("ws1", "enr_f", "failed", failedAt);
    expect((await api.call("POST", "/enrollments/enr_f/retry", rep)).status).toBe(403);
    expect((await api.call("POST", "/enrollments/enr_c/retry", admin)).status).toBe(409); // not failed
    expect((await api.call("POST", "/enrollments/enr_none/retry", admin)).status).toBe(404);
    const r = await api.call("POST", "/enrollments/enr_f/retry", admin);
    expect(r).toMatchObject({ status: 200, body: { id: "enr_f", status: "active", at: "resend" } });
    expect(api.started.at(-1)).toMatchObject({
      enrollmentId: "enr_f",
      resume: { stepId: "resend", token: "tok_enr_f_0" },
    });
    expect(await api.enrollments.get("ws1", "enr_f")).toMatchObject({
      status: "active",
      at: "resend",
      pendingToken: "tok_enr_f_0",
    });
    expect(
      (await api.call("GET", "/automations/webinar-nurture/enrollments?status=active&step=resend", admin))
        .body.items,
    ).toMatchObject([{ id: "enr_f" }]);
    expect((await api.call("POST", "/enrollments/enr_f/retry", admin)).status).toBe(409); // once
  });
});
