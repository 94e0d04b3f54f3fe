import { beforeAll, describe, expect, it } from "vitest";
import { DynamoEnrollments } from "../../../lambdas/aws/dynamo-enrollments.js";
import type { Enrollment } from "../../../lambdas/ports.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();
let enrollments: DynamoEnrollments;
const enrollment = (id: string): Enrollment => ({
  id,
  tenantId: "ws1",
  automationId: "webinar-nurture",
  version: 1,
  contactId: "ctc_1",
  status: "active",
  pendingToken: "t-1",
  trace: [{ at: "2027-03-01T10:00:00.000Z", what: "matched", detail: "record.created contact" }],
  createdAt: "2027-03-01T10:00:00.000Z",
});
beforeAll(() => {
  enrollments = new DynamoEnrollments(dynamo.current.doc, dynamo.current.tableName);
});

describe("enrollments on dynalite", () => {
  it("creates one enrollment per id: the same event twice does not enroll twice", async () => {
    expect(await enrollments.create(enrollment("enr_dup"))).toBe(true);
    expect(await enrollments.create(enrollment("enr_dup"))).toBe(false);
  });

  it("lets exactly one of many concurrent segment starts with the same token claim the cursor", async () => {
    await enrollments.create(enrollment("enr_race"));
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => enrollments.claim("ws1", "enr_race", "t-1")),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)?.id).toBe("enr_race");
  });

  it("refuses a token that is not the expected one, and accepts the next one once set", async () => {
    await enrollments.create(enrollment("enr_next"));
    expect(await enrollments.claim("ws1", "enr_next", "t-2")).toBeUndefined();
    expect(await enrollments.claim("ws1", "enr_next", "t-1")).toBeDefined();
    expect(await enrollments.expect("ws1", "enr_next", { token: "t-2", step: "wait-2d" })).toBe(true);
    expect((await enrollments.claim("ws1", "enr_next", "t-2"))?.at).toBe("wait-2d");
  });

  it("refuses every claim once the enrollment has ended, and keeps the trace in order", async () => {
    await enrollments.create(enrollment("enr_end"));
    await enrollments.trace("ws1", "enr_end", [
      { at: "2027-03-01T10:00:01.000Z", step: "welcome", what: "ran", detail: "sent" },
    ]);
    await enrollments.finish("ws1", "enr_end", "exited", {
      at: "2027-03-01T10:00:02.000Z",
      what: "exited",
      detail: "unenrolled",
    });
    expect(await enrollments.claim("ws1", "enr_end", "t-1")).toBeUndefined();
    expect(await enrollments.expect("ws1", "enr_end", { token: "t-9", step: "x" })).toBe(false);
    const e = await enrollments.get("ws1", "enr_end");
    expect(e?.status).toBe("exited");
    expect(e?.trace.map((t) => t.what)).toEqual(["matched", "ran", "exited"]);
  });
});

describe("who is where and re-entry", () => {
  it("lists an automation's enrollments by status and step", async () => {
    for (const id of ["enr_l1", "enr_l2", "enr_l3"])
      await enrollments.create({ ...enrollment(id), automationId: "listed" });
    await enrollments.expect("ws1", "enr_l1", { token: "a", step: "wait-2d" });
    await enrollments.expect("ws1", "enr_l2", { token: "b", step: "wait-click" });
    await enrollments.finish("ws1", "enr_l3", "completed", {
      at: "2027-03-01T10:00:00.000Z",
      what: "completed",
      step: "done",
    });
    const waiting = await enrollments.list("ws1", "listed", { status: "active", step: "wait-2d" });
    expect(waiting.items.map((e) => e.id)).toEqual(["enr_l1"]);
    expect((await enrollments.list("ws1", "listed", { status: "completed" })).items.map((e) => e.id)).toEqual(
      ["enr_l3"],
    );
    expect((await enrollments.list("ws1", "listed")).items).toHaveLength(3);
  });

  it("admits a contact once under never, again after it ended under always, and after the delay under after", async () => {
    const t0 = new Date("2027-03-01T10:00:00Z");
    expect(await enrollments.admit("ws1", "j-never", "ctc_9", "e1", "never", t0)).toBe(true);
    expect(await enrollments.admit("ws1", "j-never", "ctc_9", "e1", "never", t0)).toBe(true); // redelivery
    expect(await enrollments.admit("ws1", "j-never", "ctc_9", "e2", "never", t0)).toBe(false);

    await enrollments.create({ ...enrollment("e-a1"), automationId: "j-always", contactId: "ctc_9" });
    expect(await enrollments.admit("ws1", "j-always", "ctc_9", "e-a1", "always", t0)).toBe(true);
    expect(await enrollments.admit("ws1", "j-always", "ctc_9", "e-a2", "always", t0)).toBe(false); // still in it
    await enrollments.finish("ws1", "e-a1", "completed", { at: t0.toISOString(), what: "completed" });
    expect(await enrollments.admit("ws1", "j-always", "ctc_9", "e-a2", "always", t0)).toBe(true);

    await enrollments.create({
      ...enrollment("e-d1"),
      automationId: "j-after",
      contactId: "ctc_9",
      status: "completed",
    });
    const day = 86_400_000;
    const afterDays = (id: string, days: number) =>
      enrollments.admit(
        "ws1",
        "j-after",
        "ctc_9",
        id,
        { afterMs: 30 * day },
        new Date(t0.getTime() + days * day),
      );
    expect(await afterDays("e-d1", 0)).toBe(true);
    expect(await afterDays("e-d2", 29)).toBe(false);
    expect(await afterDays("e-d2", 30)).toBe(true);
  });
});
