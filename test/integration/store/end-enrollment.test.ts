import { beforeAll, describe, expect, it } from "vitest";
import { DynamoEnrollments } from "../../../lambdas/aws/dynamo-enrollments.js";
import { DynamoWaiters } from "../../../lambdas/aws/dynamo-waiters.js";
import { type EndDeps, endEnrollment } from "../../../lambdas/handlers/enrollment-ops.js";
import { VirtualClock } from "../../../local/clock.js";
import { useDynalite } from "../../support/dynalite.js";
import { placeEnrollment } from "../../support/enrollment-fixtures.js";
import { RecordingTimers } from "../../support/recording-timers.js";

const dynamo = useDynalite();
let deps: EndDeps & { enrollments: DynamoEnrollments; waiters: DynamoWaiters; timers: RecordingTimers };
const at = { tenantId: "ws1", automationId: "webinar-nurture" };

beforeAll(() => {
  const { doc, tableName } = dynamo.current;
  deps = {
    enrollments: new DynamoEnrollments(doc, tableName),
    waiters: new DynamoWaiters(doc, tableName),
    timers: new RecordingTimers(),
    clock: new VirtualClock({ start: new Date("2027-03-02T09:00:00Z"), frozen: true }),
  };
});

describe("ending an enrollment", () => {
  it("exits a waiting enrollment with the reason in its trace, at the step it waited at", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_wait", waitAt: "wait-2d" });
    const r = await endEnrollment(deps, "ws1", "enr_wait", "unenrolled by usr_1");
    expect(r.ended).toBe(true);
    const e = await deps.enrollments.get("ws1", "enr_wait");
    expect(e).toMatchObject({ status: "exited", at: "wait-2d", endedAt: "2027-03-02T09:00:00.000Z" });
    expect(e?.pendingToken).toBeUndefined();
    expect(e?.trace.at(-1)).toEqual({
      at: "2027-03-02T09:00:00.000Z",
      step: "wait-2d",
      what: "exited",
      detail: "unenrolled by usr_1",
    });
  });

  it("cancels the timer that would have resumed it", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_timer", waitAt: "wait-2d" });
    await endEnrollment(deps, "ws1", "enr_timer", "unenrolled by usr_1");
    expect(deps.timers.cancelled).toContainEqual({
      at: new Date("2027-03-03T10:00:00.000Z"),
      name: "tok_enr_timer_1",
    });
  });

  it("takes a waitFor's waiter, so neither the event nor the timeout can resume it", async () => {
    await placeEnrollment(deps.enrollments, {
      ...at,
      id: "enr_wf",
      waitAt: "wait-click",
      waiter: deps.waiters,
    });
    expect(await deps.waiters.forContact("ws1", "ctc_enr_wf")).toHaveLength(1);
    await endEnrollment(deps, "ws1", "enr_wf", "contact unsubscribed");
    expect(await deps.waiters.forContact("ws1", "ctc_enr_wf")).toEqual([]);
    expect(await deps.waiters.take("ws1", "ctc_enr_wf", "enr_wf", "tok_enr_wf_1")).toBe(false);
    expect(await deps.enrollments.claim("ws1", "enr_wf", "tok_enr_wf_1")).toBeUndefined();
  });

  it("adds who ended it to the trace when given", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_who", waitAt: "wait-2d" });
    await endEnrollment(deps, "ws1", "enr_who", "meeting booked", "usr_rep");
    expect((await deps.enrollments.get("ws1", "enr_who"))?.trace.at(-1)?.detail).toBe(
      "meeting booked (by usr_rep)",
    );
  });

  it("does nothing to an enrollment that has already ended, and cancels nothing", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_twice", waitAt: "wait-2d" });
    expect((await endEnrollment(deps, "ws1", "enr_twice", "first")).ended).toBe(true);
    const cancels = deps.timers.cancelled.length;
    const again = await endEnrollment(deps, "ws1", "enr_twice", "second");
    expect(again).toMatchObject({ ended: false, enrollment: { status: "exited" } });
    expect(deps.timers.cancelled).toHaveLength(cancels);
    const trace = (await deps.enrollments.get("ws1", "enr_twice"))?.trace ?? [];
    expect(trace.filter((t) => t.what === "exited").map((t) => t.detail)).toEqual(["first"]);
  });

  it("ends a running enrollment too: its segment then fails to expect a next step", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_run" });
    expect((await endEnrollment(deps, "ws1", "enr_run", "unenrolled by usr_1")).ended).toBe(true);
    expect(await deps.enrollments.expect("ws1", "enr_run", { token: "tok_x", step: "wait-2d" })).toBe(false);
  });

  it("answers an unknown id (or another workspace's) with no enrollment", async () => {
    await placeEnrollment(deps.enrollments, { ...at, id: "enr_mine", waitAt: "wait-2d" });
    expect(await endEnrollment(deps, "ws2", "enr_mine", "x")).toEqual({
      ended: false,
      enrollment: undefined,
    });
    expect((await deps.enrollments.get("ws1", "enr_mine"))?.status).toBe("active");
  });
});
