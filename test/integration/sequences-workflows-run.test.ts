import { describe, expect, it } from "vitest";
import { compile } from "../../statemachines/compiler/index.js";
import { placeholder } from "../../statemachines/contract.js";
import { loadExample } from "../support/load-example.js";
import { outcomes, runSegment } from "../support/run-segment.js";

const ctx = expect.objectContaining({ enrollmentId: "enr_1" });

describe("sequence-quote-follow-up (manual: each step after its delay)", () => {
  const { asl } = loadExample("sequence-quote-follow-up.json");

  it("sends the quote at once (delay PT0S) and schedules the bump after 3 days", async () => {
    const run = await runSegment(asl, "_Start");
    expect(run.states).toEqual(["_Claim", "_Dispatch", "quote", "quote.route", "bump.delay"]);
    expect(run.calls.at(-1)?.input).toEqual({ ctx, step: "bump", resumeAt: "bump" });
  });

  it("after the bump, creates the call task at its delay", async () => {
    const bump = await runSegment(asl, "bump");
    expect(bump.calls.map((c) => [c.kind, c.input.step])).toEqual([
      ["claim", undefined],
      ["email", "bump"],
      ["scheduleResume", "call"],
    ]);
  });

  it("waits for the call task to be completed before the next step's delay starts", async () => {
    const run = await runSegment(asl, "call");
    expect(run.states).toEqual(["_Claim", "_Dispatch", "call", "call.route", "call.await"]);
    expect(run.calls.at(-1)?.input).toEqual({
      ctx,
      step: "call",
      event: "task.completed",
      next: "personal.delay",
    });
  });

  it("a manual email waits for the rep to send it, then the text follows a day later", async () => {
    const personal = await runSegment(asl, "personal");
    expect(personal.calls.map((c) => [c.kind, c.state])).toEqual([
      ["claim", "_Claim"],
      ["createTask", "personal"],
      ["awaitEvent", "personal.await"],
    ]);
    const gate = await runSegment(asl, "personal.delay");
    expect(gate.calls.at(-1)?.input).toEqual({ ctx, step: "personal", resumeAt: "personal" });
  });

  it("completes after the last step", async () => {
    const run = await runSegment(asl, "text");
    expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "text", "_Complete"]);
    expect(run.calls.at(-1)?.input).toEqual({ ctx, reason: "completed" });
  });

  it("an SMS over its cap is deferred to the same step", async () => {
    const run = await runSegment(asl, "text", outcomes({ text: "deferred" }));
    expect(run.states.at(-1)).toBe("_Defer");
  });
});

describe("sequence-classic-discount (classic: day N, with criteria, until day 90)", () => {
  const { asl } = loadExample("sequence-classic-discount.json");

  it("sends the day-1 offer at enrollment and gates the reminder at day 15", async () => {
    const run = await runSegment(asl, "_Start");
    expect(run.calls.map((c) => [c.state, c.input.step])).toEqual([
      ["_Claim", undefined],
      ["offer", "offer"],
      ["reminder.day", "reminder"],
    ]);
    expect(run.calls.at(-1)?.input).toEqual({ ctx, step: "reminder", resumeAt: "reminder", day: 15 });
  });

  it("a step whose criteria do not match is skipped and the next day's gate is set", async () => {
    const run = await runSegment(asl, "reminder", outcomes({ reminder: "skipped" }));
    expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "reminder", "call.day"]);
  });

  it("after the last step, the enrollment stays until day 91 starts, then completes", async () => {
    const last = await runSegment(asl, "last-call");
    expect(last.calls.at(-1)?.input).toEqual({ ctx, step: "_End", resumeAt: "_Complete", day: 91 });
    const end = await runSegment(asl, "_Complete");
    expect(end.calls.map((c) => c.state)).toEqual(["_Claim", "_Complete"]);
  });
});

describe("sequence-smart-onboarding (smart: every 3 days, the first pending matching step)", () => {
  const { asl } = loadExample("sequence-smart-onboarding.json");

  it.each(["setup", "invite", "csm-call"])(
    "runs %s when the tick picks it, then waits for the next interval",
    async (step) => {
      const run = await runSegment(asl, "_Start", outcomes({ _Tick: `step:${step}` }));
      expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "_Tick", step, "_Interval"]);
      expect(run.calls[1]?.input).toEqual({
        ctx,
        step: "_Tick",
        candidates: ["setup", "invite", "csm-call"],
      });
      expect(run.calls.at(-1)?.input).toEqual({ ctx, step: "_Interval", resumeAt: "_Tick", days: 3 });
    },
  );

  it("runs a step whose id is also an outcome's name (complete), and still completes on `complete`", async () => {
    const { definition } = loadExample("sequence-smart-onboarding.json");
    if (definition.kind !== "sequence") throw new Error("not a sequence");
    const renamed = {
      ...definition,
      steps: definition.steps.map((s, i) => (i === 2 ? { ...s, id: "complete" } : s)),
    };
    const asl = compile(renamed);
    const pick = await runSegment(asl, "_Tick", outcomes({ _Tick: "step:complete" }));
    expect(pick.calls.map((c) => c.state)).toEqual(["_Claim", "_Tick", "complete", "_Interval"]);
    const done = await runSegment(asl, "_Tick", outcomes({ _Tick: "complete" }));
    expect(done.calls.map((c) => c.state)).toEqual(["_Claim", "_Tick", "_Complete"]);
  });

  it("waits for the next interval when nothing matches", async () => {
    const run = await runSegment(asl, "_Tick", outcomes({ _Tick: "none" }));
    expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "_Tick", "_Interval"]);
  });

  it("completes when every step has run", async () => {
    const run = await runSegment(asl, "_Tick", outcomes({ _Tick: "complete" }));
    expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "_Tick", "_Complete"]);
  });
});

describe("workflows (condition, then at most four actions, no waits)", () => {
  it("big-deal-proposal: condition true runs the four actions in order", async () => {
    const { asl } = loadExample("workflow-big-deal-proposal.json");
    const run = await runSegment(asl, "_Start", outcomes({ condition: "then" }));
    expect(run.calls.map((c) => [c.kind, c.input.step])).toEqual([
      ["claim", undefined],
      ["condition", "condition"],
      ["createTask", "action-1"],
      ["notify", "action-2"],
      ["webhook", "action-3"],
      ["updateRecord", "action-4"],
      ["finish", undefined],
    ]);
    const waits = Object.entries(asl.States).filter(
      ([name, s]) =>
        s.Type === "Task" &&
        name !== "_Defer" &&
        [placeholder("scheduleResume"), placeholder("awaitEvent")].includes(s.Resource),
    );
    expect(waits).toEqual([]);
  });

  it("big-deal-proposal: condition false runs no action", async () => {
    const { asl } = loadExample("workflow-big-deal-proposal.json");
    const run = await runSegment(asl, "_Start", outcomes({ condition: "else" }));
    expect(run.calls.map((c) => c.state)).toEqual(["_Claim", "condition", "_Exit"]);
  });

  it("assign-by-location: the notify over the daily cap is deferred and resumes at the same action", async () => {
    const { asl } = loadExample("workflow-assign-by-location.json");
    const first = await runSegment(asl, "_Start", outcomes({ condition: "then", "action-2": "deferred" }));
    expect(first.calls.map((c) => c.state)).toEqual([
      "_Claim",
      "condition",
      "action-1",
      "action-2",
      "_Defer",
    ]);
    const later = await runSegment(asl, "action-2");
    expect(later.calls.map((c) => c.state)).toEqual(["_Claim", "action-2", "_Complete"]);
  });
});
