import { describe, expect, it } from "vitest";
import { DynamoEnrollments } from "../../../lambdas/aws/dynamo-enrollments.js";
import { DynamoLedger } from "../../../lambdas/aws/dynamo-ledger.js";
import { DynamoQuotas } from "../../../lambdas/aws/dynamo-quotas.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();

describe("quotas on dynalite", () => {
  it("lets exactly 250 of 1,000 concurrent reservations through a cap of 250", async () => {
    const quotas = new DynamoQuotas(dynamo.current.doc, dynamo.current.tableName);
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => quotas.reserve("T#ws1#wf-email#usr_1#2027-03-01", 250)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(250);
    expect(results.filter((r) => !r.ok)).toHaveLength(750);
    expect(await quotas.used("T#ws1#wf-email#usr_1#2027-03-01")).toBe(250);
    const counts = results.flatMap((r) => (r.ok ? [r.used] : [])).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it("gives back a released reservation", async () => {
    const quotas = new DynamoQuotas(dynamo.current.doc, dynamo.current.tableName);
    expect(await quotas.reserve("k-release", 1)).toEqual({ ok: true, used: 1 });
    expect(await quotas.reserve("k-release", 1)).toEqual({ ok: false, used: 1 });
    await quotas.release("k-release");
    expect(await quotas.reserve("k-release", 1)).toEqual({ ok: true, used: 1 });
  });

  it("refuses a first reservation larger than the cap, and leaves the counter at zero", async () => {
    const quotas = new DynamoQuotas(dynamo.current.doc, dynamo.current.tableName);
    expect(await quotas.reserve("k-big", 5, 6)).toEqual({ ok: false, used: 0 });
    expect(await quotas.used("k-big")).toBe(0);
  });

  it("refuses everything under a cap of zero (Starter sequences)", async () => {
    const quotas = new DynamoQuotas(dynamo.current.doc, dynamo.current.tableName);
    expect(await quotas.reserve("k-zero", 0)).toEqual({ ok: false, used: 0 });
  });
});

describe("ledger on dynalite", () => {
  const at = new Date("2027-03-01T10:00:00Z");
  // The ledger lives in the enrollment's item.
  const key = async (visit: string) => {
    const enrollments = new DynamoEnrollments(dynamo.current.doc, dynamo.current.tableName);
    const id = `enr_${visit}`;
    await enrollments.create({
      id,
      tenantId: "ws1",
      automationId: "a",
      version: 1,
      contactId: "c",
      status: "active",
      trace: [],
      createdAt: at.toISOString(),
    });
    return { tenantId: "ws1", enrollmentId: id, visit: `welcome#${visit}` };
  };

  it("lets one of many concurrent claims of the same key through", async () => {
    const ledger = new DynamoLedger(dynamo.current.doc, dynamo.current.tableName);
    const k = await key("tok1");
    const claims = await Promise.all(Array.from({ length: 50 }, () => ledger.claim(k, at)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
  });

  it("tells a retry that the effect is done, with its result", async () => {
    const ledger = new DynamoLedger(dynamo.current.doc, dynamo.current.tableName);
    const k = await key("k-done");
    expect(await ledger.claim(k, at)).toEqual({ claimed: true });
    await ledger.markDone(k, { messageId: "m-1" }, at, [
      { at: at.toISOString(), step: "branch", what: "ran", detail: "condition met" },
      { at: at.toISOString(), step: "welcome", what: "ran", detail: "sent" },
    ]);
    const enrollments = new DynamoEnrollments(dynamo.current.doc, dynamo.current.tableName);
    expect((await enrollments.get("ws1", k.enrollmentId))?.trace.map((t) => t.detail)).toEqual([
      "condition met",
      "sent",
    ]);
    expect(await ledger.claim(k, at)).toEqual({
      claimed: false,
      state: "done",
      result: { messageId: "m-1" },
    });
  });

  it("tells a retry that finds a claim without done that it must reconcile, not resend", async () => {
    const ledger = new DynamoLedger(dynamo.current.doc, dynamo.current.tableName);
    const k = await key("k-half");
    await ledger.claim(k, at);
    expect(await ledger.claim(k, at)).toEqual({ claimed: false, state: "claimed", result: undefined });
  });
});
