import { describe, expect, it } from "vitest";
import { type EnrollmentTrace, journeyStats, outlineOf } from "../../../lambdas/core/journey-stats.js";
import type { TraceEntry } from "../../../lambdas/ports.js";
import { loadExample } from "../../support/load-example.js";

const { definition } = loadExample("journey-webinar-nurture.json");
const outline = outlineOf(definition);
const at = "2027-03-01T10:00:00.000Z";
const ran = (step: string, detail = "sent"): TraceEntry => ({ at, step, what: "ran", detail });
const enrollment = (
  id: string,
  trace: TraceEntry[],
  extra: Partial<EnrollmentTrace> = {},
): EnrollmentTrace => ({
  id,
  status: "active",
  trace: [{ at, what: "matched", detail: "record.created contact" }, ...trace],
  ...extra,
});

describe("journey stats", () => {
  it("lists every step of the definition in order, with zeros before anyone enrolls", () => {
    const stats = journeyStats(outline, []);
    expect(Object.keys(stats.steps)).toEqual(
      Object.keys(definition.kind === "journey" ? definition.steps : {}),
    );
    expect(stats.totals).toEqual({ enrolled: 0, active: 0, completed: 0, exited: 0, failed: 0 });
    expect(stats.steps.welcome).toMatchObject({
      type: "email",
      entered: 0,
      sent: 0,
      rates: { opened: null },
    });
    expect(stats.steps["ab-follow-up"]?.paths).toEqual({
      "case-study": { count: 0, share: null },
      "demo-offer": { count: 0, share: null },
      holdout: { count: 0, share: null },
    });
  });

  it("counts sends, opens and clicks per message step, and rates them against sends", () => {
    const stats = journeyStats(outline, [
      enrollment("e1", [ran("welcome")], { eng: { "welcome|opened": true, "welcome|clicked": true } }),
      enrollment("e2", [ran("welcome")], { eng: { "welcome|opened": true } }),
      enrollment("e3", [ran("welcome")]),
    ]);
    expect(stats.steps.welcome).toMatchObject({ entered: 3, sent: 3, opened: 2, clicked: 1 });
    expect(stats.steps.welcome?.rates).toEqual({ opened: 0.6667, clicked: 0.3333 });
  });

  it("counts an enrollment once per step however often it was deferred there", () => {
    const deferred: TraceEntry = { at, step: "welcome", what: "deferred", detail: "daily cap" };
    const stats = journeyStats(outline, [enrollment("e1", [deferred, deferred, deferred, ran("welcome")])]);
    expect(stats.steps.welcome).toMatchObject({ entered: 1, deferred: 1, sent: 1 });
  });

  it("does not count a run of a non-message step as a send", () => {
    const stats = journeyStats(outline, [enrollment("e1", [ran("hot-lead", "score +20")])]);
    expect(stats.steps["hot-lead"]).toMatchObject({ entered: 1, sent: 0 });
  });

  it("counts a split's paths from the split handler's trace and gives each path its share", () => {
    const split = (path: string) => ran("ab-follow-up", `path ${path} (bucket 17 of 100)`);
    const stats = journeyStats(outline, [
      enrollment("e1", [split("case-study")]),
      enrollment("e2", [split("case-study")]),
      enrollment("e3", [split("demo-offer")]),
    ]);
    expect(stats.steps["ab-follow-up"]?.paths).toEqual({
      "case-study": { count: 2, share: 0.6667 },
      "demo-offer": { count: 1, share: 0.3333 },
      holdout: { count: 0, share: 0 },
    });
  });

  it("counts who waits where, and the totals by status", () => {
    const stats = journeyStats(outline, [
      enrollment("e1", [{ at, step: "wait-2d", what: "waited", detail: "2 days" }], { at: "wait-2d" }),
      enrollment("e2", [], { status: "completed", at: "done" }),
      enrollment("e3", [{ at, step: "wait-2d", what: "exited", detail: "unenrolled by usr_1" }], {
        status: "exited",
        at: "wait-2d",
      }),
    ]);
    expect(stats.totals).toEqual({ enrolled: 3, active: 1, completed: 1, exited: 1, failed: 0 });
    expect(stats.steps["wait-2d"]).toMatchObject({ entered: 2, waiting: 1 });
    expect(stats.steps.done?.waiting).toBe(0);
  });

  it("counts enrollments whose step failed, once each, and the failed ones in the totals", () => {
    const failed = (detail: string) => ({ at, step: "welcome", what: "failed" as const, detail });
    const stats = journeyStats(outline, [
      enrollment("e1", [failed("Error: x; trying again at …"), ran("welcome")], { at: "wait-2d" }),
      enrollment(
        "e2",
        [failed("Error: x; trying again at …"), failed("Error: x; gave up after 5 failures")],
        {
          status: "failed",
          at: "welcome",
        },
      ),
    ]);
    expect(stats.totals).toMatchObject({ enrolled: 2, active: 1, failed: 1 });
    expect(stats.steps.welcome).toMatchObject({ entered: 2, failed: 2, sent: 1 });
  });

  it("keeps steps that only an older version had, without a type, and ignores internal states", () => {
    const stats = journeyStats(outline, [
      enrollment("e1", [ran("old-step"), { at, step: "_Complete", what: "completed" }], { at: "old-step" }),
    ]);
    expect(stats.steps["old-step"]).toMatchObject({ entered: 1, waiting: 1, sent: 0 });
    expect(stats.steps["old-step"]?.type).toBeUndefined();
    expect(stats.steps._Complete).toBeUndefined();
  });

  it("names workflow actions action-1 … and sequence steps by their ids", () => {
    expect(outlineOf(loadExample("workflow-big-deal-proposal.json").definition)[0]?.id).toBe("action-1");
    const seq = loadExample("sequence-quote-follow-up.json").definition;
    expect(outlineOf(seq).map((s) => s.id)).toEqual(
      seq.kind === "sequence" ? seq.steps.map((s) => s.id) : [],
    );
  });
});
