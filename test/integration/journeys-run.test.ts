import { describe, expect, it } from "vitest";
import { compile } from "../../statemachines/compiler/index.js";
import { loadExample } from "../support/load-example.js";
import { outcomes, runSegment } from "../support/run-segment.js";

const ctx = expect.objectContaining({
  enrollmentId: "enr_1",
  resume: expect.objectContaining({ token: "t-1" }),
});

describe("journey-webinar-nurture, run segment by segment", () => {
  const { asl } = loadExample("journey-webinar-nurture.json");

  it("sends the welcome email and ends the segment at the 2-day wait", async () => {
    const run = await runSegment(asl, "_Start");
    expect(run.status).toBe("succeeded");
    expect(run.states).toEqual(["_Claim", "_Dispatch", "welcome", "welcome.route", "wait-2d"]);
    expect(run.calls.map((c) => [c.kind, c.input])).toEqual([
      ["claim", { ctx }],
      ["email", { ctx, step: "welcome" }],
      ["scheduleResume", { ctx, step: "wait-2d", resumeAt: "opened-welcome" }],
    ]);
  });

  it("skips the resend when the welcome was opened, then takes the case-study path and waits for a click", async () => {
    const run = await runSegment(
      asl,
      "opened-welcome",
      outcomes({ "opened-welcome": "then", "ab-follow-up": "path:case-study" }),
    );
    expect(run.states).toEqual([
      "_Claim",
      "_Dispatch",
      "opened-welcome",
      "opened-welcome.route",
      "ab-follow-up",
      "ab-follow-up.route",
      "case-study",
      "case-study.route",
      "wait-click",
    ]);
    expect(run.calls.at(-1)).toEqual({
      state: "wait-click",
      kind: "awaitEvent",
      input: { ctx, step: "wait-click", next: "hot-lead", onTimeout: "done" },
    });
  });

  it("resends when the welcome was not opened, and takes the demo-offer path", async () => {
    const run = await runSegment(
      asl,
      "opened-welcome",
      outcomes({ "opened-welcome": "else", "ab-follow-up": "path:demo-offer" }),
    );
    expect(run.states.filter((s) => !s.endsWith(".route") && !s.startsWith("_"))).toEqual([
      "opened-welcome",
      "resend",
      "ab-follow-up",
      "demo-offer",
      "wait-click",
    ]);
  });

  it("ends the enrollment on the holdout path without a message", async () => {
    const run = await runSegment(asl, "ab-follow-up", outcomes({ "ab-follow-up": "path:holdout" }));
    expect(run.states).toEqual(["_Claim", "_Dispatch", "ab-follow-up", "ab-follow-up.route", "done"]);
    expect(run.calls.at(-1)?.input).toEqual({ ctx, step: "done", reason: "exit" });
    expect(run.calls.map((c) => c.kind)).not.toContain("email");
  });

  it("defers a send outside the window and schedules a resume at the same step", async () => {
    const run = await runSegment(asl, "resend", outcomes({ resend: "deferred" }));
    expect(run.states).toEqual(["_Claim", "_Dispatch", "resend", "resend.route", "_Defer"]);
    expect(run.calls.at(-1)).toEqual({
      state: "_Defer",
      kind: "scheduleResume",
      input: { ctx, last: { outcome: "deferred", step: "resend" } },
    });
  });

  it("resumes after a click: scores, routes, creates the call task, marks the contact, exits", async () => {
    const run = await runSegment(asl, "hot-lead");
    expect(run.calls.map((c) => [c.kind, c.input.step])).toEqual([
      ["claim", undefined],
      ["score", "hot-lead"],
      ["assign", "route"],
      ["createTask", "call-task"],
      ["updateRecord", "mark"],
      ["finish", "done"],
    ]);
    expect(run.status).toBe("succeeded");
  });

  it("exits mid-segment when a step finds the goal reached (exitWhen)", async () => {
    const run = await runSegment(asl, "hot-lead", outcomes({ route: "exit" }));
    expect(run.states.slice(-3)).toEqual(["route", "route.route", "_Exit"]);
    expect(run.calls.at(-1)).toEqual({
      state: "_Exit",
      kind: "finish",
      input: { ctx, last: { outcome: "exit", step: "route" } },
    });
  });

  it("ends without effects when another segment holds the cursor", async () => {
    const run = await runSegment(asl, "welcome", ({ kind }) =>
      kind === "claim" ? { claimed: false } : { outcome: "done" },
    );
    expect(run.states).toEqual(["_Claim", "_Dispatch", "_Duplicate"]);
    expect(run.calls.map((c) => c.kind)).toEqual(["claim"]);
  });

  it("fails loudly on a resume at a step that does not exist", async () => {
    const run = await runSegment(asl, "no-such-step");
    expect(run.status).toBe("failed");
    expect(run.states.at(-1)).toBe("_UnknownStep");
  });

  it("ends at _Exit on an exit outcome even when a split path is named exit", async () => {
    const { definition } = loadExample("journey-webinar-nurture.json");
    if (definition.kind !== "journey") throw new Error("not a journey");
    const split = definition.steps["ab-follow-up"];
    if (split?.type !== "split") throw new Error("not a split");
    const renamed = compile({
      ...definition,
      steps: {
        ...definition.steps,
        "ab-follow-up": {
          ...split,
          paths: split.paths.map((p, i) => (i === 2 ? { ...p, name: "exit" } : p)),
        },
      },
    });
    const exit = await runSegment(renamed, "ab-follow-up", outcomes({ "ab-follow-up": "exit" }));
    expect(exit.states.at(-1)).toBe("_Exit");
    const path = await runSegment(renamed, "ab-follow-up", outcomes({ "ab-follow-up": "path:exit" }));
    expect(path.states.at(-1)).toBe("done");
  });

  it("fails loudly when a split handler returns a path that does not exist", async () => {
    const run = await runSegment(asl, "ab-follow-up", outcomes({ "ab-follow-up": "path:nope" }));
    expect(run.status).toBe("failed");
    expect(run.states.at(-1)).toBe("_UnexpectedOutcome");
  });

  it.each([
    "welcome",
    "wait-2d",
    "opened-welcome",
    "resend",
    "ab-follow-up",
    "case-study",
    "demo-offer",
    "wait-click",
    "hot-lead",
    "route",
    "call-task",
    "mark",
    "done",
  ])("resumes at %s through Dispatch", async (step) => {
    const run = await runSegment(
      asl,
      step,
      outcomes({ "ab-follow-up": "path:case-study", "opened-welcome": "then" }),
    );
    expect(run.status).toBe("succeeded");
    expect(run.states.slice(0, 3)).toEqual(["_Claim", "_Dispatch", step]);
  });
});

describe("journey-pricing-page-visitors", () => {
  const { asl } = loadExample("journey-pricing-page-visitors.json");

  it("scores a hot lead, notifies the owner, calls the webhook and exits", async () => {
    const run = await runSegment(asl, "_Start", outcomes({ "hot?": "then" }));
    expect(run.calls.map((c) => [c.kind, c.input.step])).toEqual([
      ["claim", undefined],
      ["score", "score"],
      ["condition", "hot?"],
      ["notify", "notify-owner"],
      ["webhook", "crm-hook"],
      ["finish", "end"],
    ]);
  });

  it("waits for the next Tue–Thu 10:00 slot for a cold lead", async () => {
    const run = await runSegment(asl, "_Start", outcomes({ "hot?": "else" }));
    expect(run.calls.at(-1)).toEqual({
      state: "nudge-window",
      kind: "scheduleResume",
      input: { ctx, step: "nudge-window", resumeAt: "nudge" },
    });
  });

  it("after the wait, nudges by email and enrolls in the quote sequence", async () => {
    const run = await runSegment(asl, "nudge");
    expect(run.calls.map((c) => [c.kind, c.input.step])).toEqual([
      ["claim", undefined],
      ["email", "nudge"],
      ["enrollInSequence", "enroll"],
      ["finish", "end"],
    ]);
  });
});

describe("journey-spring-blast", () => {
  const { asl } = loadExample("journey-spring-blast.json");

  it("announces, then waits a day", async () => {
    const run = await runSegment(asl, "_Start");
    expect(run.states).toEqual(["_Claim", "_Dispatch", "announce", "announce.route", "wait-1d"]);
  });

  it.each([
    ["then", ["clicked", "tag", "end"]],
    ["else", ["clicked", "end"]],
  ])("after the day, a click (%s) decides the tag", async (outcome, steps) => {
    const run = await runSegment(asl, "clicked", outcomes({ clicked: outcome }));
    expect(run.calls.slice(1).map((c) => c.input.step)).toEqual(steps);
  });
});
