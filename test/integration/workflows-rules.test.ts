import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExample } from "../support/load-example.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

const example = readExample;

describe("workflow-assign-by-location, paused and looping workflows", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("growth");
    for (const id of ["usr_amer_1", "usr_amer_2"])
      await h.call("POST", "/users", {
        id,
        email: `${id}@acme.test`,
        role: "rep",
        timezone: "America/Chicago",
      });
    await h.call("POST", "/automations", example("workflow-assign-by-location"));
    await h.call("POST", "/automations/assign-new-contacts/activate", {});
  });
  afterAll(async () => {
    await h.runtime.close();
  });

  it("assigns new North American contacts in turn and emails each new owner", async () => {
    const made = [];
    for (const [firstName, country] of [
      ["Ada", "US"],
      ["Bo", "CA"],
      ["Cy", "US"],
      ["Di", "FR"],
    ]) {
      made.push(
        (
          await h.call("POST", "/records/contact", {
            firstName,
            lastName: "X",
            email: `${firstName}@x.test`,
            country,
          })
        ).body,
      );
    }
    await h.runtime.settle();
    const owners = [];
    for (const c of made) owners.push((await h.call("GET", `/records/contact/${c.id}`)).body.ownerId);
    expect(owners).toEqual(["usr_amer_1", "usr_amer_2", "usr_amer_1", undefined]);
    const mails = await h.runtime.mails();
    expect(mails.map((m) => [m.destination.to[0], m.subject]).sort()).toEqual([
      ["usr_amer_1@acme.test", "New contact Ada X"],
      ["usr_amer_1@acme.test", "New contact Cy X"],
      ["usr_amer_2@acme.test", "New contact Bo X"],
    ]);
    expect(h.runtime.engine.failures).toEqual([]);
  });

  it("runs no action for a paused workflow", async () => {
    await h.call("POST", "/automations/assign-new-contacts/pause");
    const before = (await h.runtime.mails()).length;
    const c = await h.call("POST", "/records/contact", {
      firstName: "Ed",
      email: "ed@x.test",
      country: "US",
    });
    await h.runtime.settle();
    expect((await h.call("GET", `/records/contact/${c.body.id}`)).body.ownerId).toBeUndefined();
    expect((await h.runtime.mails()).length).toBe(before);
    await h.call("POST", "/automations/assign-new-contacts/resume");
  });

  it("stops a workflow that would trigger itself forever, and says so in the trace", async () => {
    await h.call("POST", "/automations", {
      kind: "workflow",
      id: "bump-on-update",
      name: "Touch deals on every update",
      trigger: { event: "record.updated", recordType: "deal" },
      actions: [{ type: "updateRecord", set: { touched: "yes" } }],
    });
    await h.call("POST", "/automations/bump-on-update/activate", {});
    const deal = await h.call("POST", "/records/deal", { name: "Loop", stage: "new" });
    await h.call("PATCH", `/records/deal/${deal.body.id}`, { stage: "won" });
    await h.runtime.settle();
    const runs = (await h.enrollments()).filter((e) => e.automationId === "bump-on-update");
    expect(runs).toHaveLength(1);
    // The skip is traced when the change reaches the router, which may come before the step's own entry.
    expect(runs[0]?.trace.map((t) => t.what).sort()).toEqual(["completed", "matched", "ran", "skipped"]);
    expect(runs[0]?.trace.find((t) => t.what === "skipped")?.detail).toBe(
      "the change did not start bump-on-update again (loop protection)",
    );
    expect((await h.call("GET", `/records/deal/${deal.body.id}`)).body.touched).toBe("yes");
  });

  it("starts nothing twice when the same event is delivered twice", async () => {
    const event = h.runtime.bus.published.find(
      (e) => e["detail-type"] === "record.created" && e.detail.recordType === "contact",
    );
    if (!event) throw new Error("no contact event");
    const before = (await h.enrollments()).length;
    await h.runtime.bus.publish([event]);
    await h.runtime.settle();
    expect((await h.enrollments()).length).toBe(before);
  });
});

describe("webhooks to private addresses", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("growth");
  });
  afterAll(async () => {
    await h.runtime.close();
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is a private address"],
    ["http://10.0.0.1/hook", "10.0.0.1 is a private address"],
    ["http://[::1]/hook", "::1 is a private address"],
    ["http://localhost:9/hook", "localhost resolves to 127.0.0.1, a private address"],
  ])("refuses %s and records it in the trace", async (url, why) => {
    const id = `hook-${url.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`.slice(0, 60).replace(/-$/, "");
    await h.call("POST", "/automations", {
      kind: "workflow",
      id,
      name: "Hook",
      trigger: {
        event: "record.created",
        recordType: "company",
        where: { field: "record.name", op: "eq", value: id },
      },
      actions: [{ type: "webhook", url }],
    });
    await h.call("POST", `/automations/${id}/activate`, {});
    await h.call("POST", "/records/company", { name: id });
    await h.runtime.settle();
    const run = (await h.enrollments()).find((e) => e.automationId === id);
    const failed = run?.trace.find((t) => t.what === "failed");
    expect(failed?.detail).toContain(why);
  });
});
