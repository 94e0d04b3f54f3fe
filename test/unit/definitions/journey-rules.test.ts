import { describe, expect, it } from "vitest";
import { mutate, problemsOf } from "./mutate.js";

const webinar = "journey-webinar-nurture";

describe("journey rules: the step graph", () => {
  it("refuses an unknown start", () => {
    expect(problemsOf(mutate(webinar, { start: "welcom" }))).toEqual(['start: unknown step "welcom"']);
  });

  it.each([
    ["steps.wait-2d.next", "opend"],
    ["steps.opened-welcome.then", "ghost"],
    ["steps.opened-welcome.else", "ghost"],
    ["steps.wait-click.next", "ghost"],
    ["steps.wait-click.onTimeout", "ghost"],
    ["steps.ab-follow-up.paths.1.next", "ghost"],
  ])("refuses an unknown target at %s, at that path", (path, target) => {
    expect(problemsOf(mutate(webinar, { [path]: target }))).toContain(`${path}: unknown step "${target}"`);
  });

  it("refuses a step that cannot be reached from start", () => {
    const d = mutate(webinar, { "steps.orphan": { type: "exit" } });
    expect(problemsOf(d)).toEqual(['steps.orphan: not reachable from start "welcome"']);
  });

  it("counts a step reachable only from an unreachable step as unreachable too", () => {
    const d = mutate(webinar, {
      "steps.orphan": { type: "score", add: 1, next: "orphan-end" },
      "steps.orphan-end": { type: "exit" },
    });
    expect(problemsOf(d)).toEqual([
      'steps.orphan: not reachable from start "welcome"',
      'steps.orphan-end: not reachable from start "welcome"',
    ]);
  });

  it("refuses a loop that never waits, and lists the loop", () => {
    const d = mutate("journey-pricing-page-visitors", { "steps.crm-hook.next": "score" });
    expect(problemsOf(d)).toEqual([
      "steps.crm-hook: this loop never waits (crm-hook → score → hot? → notify-owner → crm-hook); put a wait or waitFor in it",
    ]);
  });

  it("refuses a step that leads to itself", () => {
    const d = mutate("journey-spring-blast", { "steps.tag.next": "tag" });
    expect(problemsOf(d)).toContain(
      "steps.tag: this loop never waits (tag → tag); put a wait or waitFor in it",
    );
  });

  it("accepts a loop through a wait", () => {
    expect(problemsOf(mutate("journey-spring-blast", { "steps.tag.next": "announce" }))).toEqual([]);
  });

  it("accepts a loop through a waitFor", () => {
    expect(problemsOf(mutate(webinar, { "steps.mark.next": "wait-click" }))).toEqual([]);
  });
});

describe("journey rules: splits", () => {
  it("refuses weights that do not add up to 100", () => {
    const d = mutate(webinar, { "steps.ab-follow-up.paths.2.weight": 20 });
    expect(problemsOf(d)).toEqual(["steps.ab-follow-up.paths: weights add up to 110, not 100"]);
  });

  it("refuses a weight of zero even when the sum is 100", () => {
    const d = mutate(webinar, {
      "steps.ab-follow-up.paths.1.weight": 55,
      "steps.ab-follow-up.paths.2.weight": 0,
    });
    expect(problemsOf(d)).toEqual(["steps.ab-follow-up.paths.2.weight: must be positive (got 0)"]);
  });

  it("refuses a negative weight", () => {
    const d = mutate(webinar, {
      "steps.ab-follow-up.paths.0.weight": 65,
      "steps.ab-follow-up.paths.2.weight": -10,
    });
    expect(problemsOf(d)).toEqual(["steps.ab-follow-up.paths.2.weight: must be positive (got -10)"]);
  });

  it("refuses two paths with the same name", () => {
    const d = mutate(webinar, { "steps.ab-follow-up.paths.1.name": "case-study" });
    expect(problemsOf(d)).toEqual(['steps.ab-follow-up.paths.1.name: duplicate path name "case-study"']);
  });
});

describe("journey rules: triggers and waitFor", () => {
  it("refuses a journey with no triggers", () => {
    expect(problemsOf(mutate(webinar, { triggers: [] }))).toEqual([
      "triggers: a journey needs at least one trigger",
    ]);
  });

  it("refuses a waitFor whose step is not a message step", () => {
    const d = mutate(webinar, { "steps.wait-click.step": "hot-lead" });
    expect(problemsOf(d)).toEqual([
      'steps.wait-click.step: "hot-lead" is not a message step of this journey',
    ]);
  });

  it("accepts a waitFor on engagement with one email step", () => {
    expect(problemsOf(mutate(webinar, { "steps.wait-click.step": "case-study" }))).toEqual([]);
  });

  it("refuses changedTo in the where of a record.created trigger", () => {
    const d = mutate(webinar, {
      "triggers.0.where": { field: "record.source", op: "changedTo", value: "webinar" },
    });
    expect(problemsOf(d)).toEqual([
      "triggers.0.where.op: changedTo applies only to a record.updated trigger",
    ]);
  });

  it("refuses changed in a branch condition, even in a journey with a record.updated trigger", () => {
    const d = mutate(webinar, {
      "triggers.0.event": "record.updated",
      "steps.opened-welcome.if": { field: "contact.stage", op: "changed" },
    });
    expect(problemsOf(d)).toEqual([
      "steps.opened-welcome.if.op: changed applies only to a record.updated trigger",
    ]);
  });

  it("accepts changedTo in the where of a record.updated trigger", () => {
    const d = mutate(webinar, {
      "triggers.0": {
        event: "record.updated",
        recordType: "contact",
        where: { field: "record.lifecycleStage", op: "changedTo", value: "mql" },
      },
    });
    expect(problemsOf(d)).toEqual([]);
  });
});
