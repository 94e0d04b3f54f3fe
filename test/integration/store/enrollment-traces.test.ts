import { beforeAll, describe, expect, it } from "vitest";
import { DynamoEnrollmentTraces } from "../../../lambdas/aws/dynamo-enrollment-traces.js";
import { DynamoEnrollments } from "../../../lambdas/aws/dynamo-enrollments.js";
import type { Enrollment } from "../../../lambdas/ports.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();
let traces: DynamoEnrollmentTraces;
const ids = Array.from({ length: 250 }, (_, i) => `enr_${String(i).padStart(3, "0")}`);
const enrollment = (tenantId: string, id: string): Enrollment => ({
  id,
  tenantId,
  automationId: "webinar-nurture",
  version: 1,
  contactId: `ctc_${id}`,
  status: "active",
  pendingToken: "tok_secret",
  event: { type: "record.created" },
  trace: [{ at: "2027-03-01T10:00:00.000Z", step: "welcome", what: "ran", detail: "sent" }],
  createdAt: "2027-03-01T10:00:00.000Z",
});

beforeAll(async () => {
  const { doc, tableName } = dynamo.current;
  traces = new DynamoEnrollmentTraces(doc, tableName);
  const enrollments = new DynamoEnrollments(doc, tableName);
  await Promise.all(ids.map((id) => enrollments.create(enrollment("ws1", id))));
  await enrollments.create(enrollment("ws2", "enr_other"));
});

describe("enrollment traces in batches", () => {
  it("reads more than one BatchGetItem's 100 keys, every one once", async () => {
    const out = await traces.read("ws1", ids);
    expect(out.map((t) => t.id).sort()).toEqual(ids);
  });

  it("reads only what stats need: no ledger, no token, no event", async () => {
    const [t] = await traces.read("ws1", ["enr_007"]);
    expect(t).toEqual({
      id: "enr_007",
      status: "active",
      at: "",
      eng: {},
      trace: [{ at: "2027-03-01T10:00:00.000Z", step: "welcome", what: "ran", detail: "sent" }],
    });
  });

  it("skips unknown ids and never reads another workspace's", async () => {
    expect(await traces.read("ws1", ["enr_nope", "enr_other"])).toEqual([]);
    expect(await traces.read("ws1", [])).toEqual([]);
  });
});
