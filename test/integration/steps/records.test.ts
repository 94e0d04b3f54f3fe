import { describe, expect, it } from "vitest";
import { runEnrollInSequence } from "../../../lambdas/handlers/steps/enroll-in-sequence.js";
import { runList } from "../../../lambdas/handlers/steps/list.js";
import { runScore } from "../../../lambdas/handlers/steps/score.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = (steps: Record<string, unknown>) => ({
  kind: "journey",
  id: "records",
  name: "Records",
  triggers: [],
  start: Object.keys(steps)[0],
  steps,
});

describe("the score step", () => {
  it("adds its points once when the same visit runs twice, and traces the change", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey({ hot: { type: "score", add: 20 } }));
    const e = await h.enroll(a, { score: 10 });
    await runScore(await h.context(a, e, "hot"));
    await runScore(await h.context(a, e, "hot"));
    expect(await h.contact(e.contactId)).toMatchObject({ score: 30, version: 2 });
    const trace = (await h.enrollment(e.enrollmentId)).trace;
    expect(trace.map((t) => t.detail)).toEqual(["score 10 → 30", "already done in this visit"]);
  });

  it("gives the first matching rule's points, and hands the new score to later steps", async () => {
    const h = await emulators.harness();
    const rules = [
      { if: { field: "contact.country", op: "eq", value: "DE" }, add: 5 },
      { if: { field: "contact.country", op: "in", value: ["US", "CA"] }, add: 15 },
      { if: { field: "contact.country", op: "exists" }, add: 1 },
    ];
    const a = await h.automation(journey({ fit: { type: "score", rules, add: -3 } }));
    const ctx = await h.context(a, await h.enroll(a, { country: "US" }), "fit");
    const result = await runScore(ctx);
    expect(ctx.facts.score).toBe(15);
    expect(result.seg?.contact).toMatchObject({ score: 15 });
  });

  it("falls back to `add` when no rule matches", async () => {
    const h = await emulators.harness();
    const rules = [{ if: { field: "contact.country", op: "eq", value: "DE" }, add: 5 }];
    const a = await h.automation(journey({ fit: { type: "score", rules, add: -3 } }));
    const e = await h.enroll(a, { country: "FR", score: 4 });
    await runScore(await h.context(a, e, "fit"));
    expect((await h.contact(e.contactId))?.score).toBe(1);
  });
});

describe("the list steps", () => {
  it("adds the contact to a list once when the same visit runs twice", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey({ tag: { type: "addToList", list: "spring-sale" } }));
    const e = await h.enroll(a, { lists: ["newsletter"] });
    await runList(await h.context(a, e, "tag"));
    await runList(await h.context(a, e, "tag"));
    expect(await h.contact(e.contactId)).toMatchObject({ lists: ["newsletter", "spring-sale"], version: 2 });
  });

  it("writes nothing for a contact already on the list", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey({ tag: { type: "addToList", list: "newsletter" } }));
    const e = await h.enroll(a, { lists: ["newsletter"] });
    await runList(await h.context(a, e, "tag"));
    expect(await h.contact(e.contactId)).toMatchObject({ lists: ["newsletter"], version: 1 });
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toBe("already on list newsletter");
  });

  it("removes the contact from a list, and skips one it is not on", async () => {
    const h = await emulators.harness();
    const a = await h.automation(
      journey({
        leave: { type: "removeFromList", list: "newsletter", next: "again" },
        again: { type: "removeFromList", list: "newsletter" },
      }),
    );
    const e = await h.enroll(a, { lists: ["newsletter", "vip"] });
    await runList(await h.context(a, e, "leave"));
    expect((await h.contact(e.contactId))?.lists).toEqual(["vip"]);
    await runList(await h.context(a, e, "again"));
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)).toMatchObject({
      what: "skipped",
      detail: "not on list newsletter",
    });
    expect((await h.contact(e.contactId))?.version).toBe(2);
  });
});

describe("the enrollInSequence step", () => {
  it("records the enrollment once, says sequences do not run yet, and goes on", async () => {
    const h = await emulators.harness();
    const a = await h.automation(
      journey({ enroll: { type: "enrollInSequence", sequence: "quote-follow-up" } }),
    );
    const e = await h.enroll(a, { ownerId: "usr_rep" });
    expect((await runEnrollInSequence(await h.context(a, e, "enroll"))).outcome).toBe("done");
    await runEnrollInSequence(await h.context(a, e, "enroll"));
    const stored = await h.enrollment(e.enrollmentId);
    expect(stored.fx?.["enroll#tok-1"]).toMatchObject({
      state: "done",
      result: { sequence: "quote-follow-up", sendAs: "usr_rep" },
    });
    expect(stored.trace[0]).toMatchObject({
      what: "ran",
      detail: "enrollment in sequence quote-follow-up recorded; sequences do not run yet (sequences issue)",
    });
  });
});
