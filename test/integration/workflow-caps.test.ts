import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

describe("the workflow email cap (Starter: 250 a day per user)", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("starter");
    await h.call("POST", "/users", { id: "usr_owner", email: "owner@acme.test", role: "rep" });
    await h.call("POST", "/automations", {
      kind: "workflow",
      id: "notify-new-contact",
      name: "Tell the owner about each new contact",
      trigger: { event: "record.created", recordType: "contact" },
      actions: [{ type: "notify", to: "owner", subject: "New contact {{record.firstName}}" }],
    });
    await h.call("POST", "/automations/notify-new-contact/activate", {});
  });
  afterAll(async () => {
    await h.runtime.close();
  });

  it("sends exactly 250 of 1,000 concurrent notifies, defers 750 to the next day, and sends 250 more then", async () => {
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        h.call("POST", "/records/contact", { firstName: `C${i}`, ownerId: "usr_owner" }),
      ),
    );
    await h.runtime.settle();
    expect(h.runtime.engine.failures).toEqual([]);
    expect(await h.runtime.mails()).toHaveLength(250);
    const deferred = (await h.enrollments()).filter((e) => e.trace.some((t) => t.what === "deferred"));
    expect(deferred).toHaveLength(750);
    expect(deferred[0]?.trace.find((t) => t.what === "deferred")?.detail).toBe(
      "until 2027-03-02T00:00:00.000Z: daily_cap: 250 workflow emails a day for usr_admin on starter",
    );

    const next = await h.call("POST", "/_local/clock", { advance: "P1D" });
    expect(next.body.now).toBe("2027-03-02T10:00:00.000Z");
    expect(await h.runtime.mails()).toHaveLength(500);
    const done = (await h.enrollments()).filter((e) => e.status === "completed");
    expect(done).toHaveLength(500);
  }, 180_000);
});
