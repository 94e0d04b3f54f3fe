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
  });

  it("refuses a token that is not the expected one, and accepts the next one once set", async () => {
    await enrollments.create(enrollment("enr_next"));
    expect(await enrollments.claim("ws1", "enr_next", "t-2")).toBe(false);
    expect(await enrollments.claim("ws1", "enr_next", "t-1")).toBe(true);
    await enrollments.expect("ws1", "enr_next", "t-2");
    expect(await enrollments.claim("ws1", "enr_next", "t-2")).toBe(true);
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
    expect(await enrollments.claim("ws1", "enr_end", "t-1")).toBe(false);
    const e = await enrollments.get("ws1", "enr_end");
    expect(e?.status).toBe("exited");
    expect(e?.trace.map((t) => t.what)).toEqual(["matched", "ran", "exited"]);
  });
});
