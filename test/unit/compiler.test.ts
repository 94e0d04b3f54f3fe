import { describe, expect, it } from "vitest";
import { CompileError, compile, compileSource } from "../../statemachines/compiler/index.js";
import { RETRIED_ERRORS } from "../../statemachines/contract.js";
import { bigJourney } from "../support/big-journey.js";
import { loadExample } from "../support/load-example.js";

const ctx = { "ctx.$": "$$.Execution.Input", "last.$": "$.last" };
const Retry = [{ ErrorEquals: [...RETRIED_ERRORS] }];
const Catch = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "_Failed" }];
const task = (resource: string, parameters: object, next: string) => ({
  Type: "Task",
  Resource: `\${${resource}}`,
  Parameters: { ...ctx, ...parameters },
  ResultPath: "$.last",
  Retry,
  Catch,
  Next: next,
});
const on = (outcome: string, next: string) => ({
  Variable: "$.last.outcome",
  StringEquals: outcome,
  Next: next,
});
const resume = (stepId: string) => ({ Variable: "$.resume.stepId", StringEquals: stepId, Next: stepId });

describe("compile", () => {
  it("renders workflow-assign-by-location as this exact state machine", () => {
    const { asl } = loadExample("workflow-assign-by-location.json");
    const { Next: _unused, ...finish } = task("FinishArn", { reason: "completed" }, "");
    const { Next: _n2, ...defer } = task("ScheduleResumeArn", {}, "");
    const { Next: _n3, ...exit } = task("FinishArn", {}, "");
    // The Task failures go to has no Catch of its own.
    const { Next: _n4, Catch: _c, ...recover } = task("RecoverArn", { "error.$": "$.error" }, "");
    expect(asl).toStrictEqual({
      Comment: "Autopilot workflow assign-new-contacts",
      StartAt: "_Claim",
      TimeoutSeconds: 300,
      States: {
        // The first Task has no `$.last` to pass.
        _Claim: {
          ...task("ClaimSegmentArn", {}, "_Dispatch"),
          Parameters: { "ctx.$": "$$.Execution.Input" },
        },
        _Dispatch: {
          Type: "Choice",
          Choices: [
            { Variable: "$.last.claimed", BooleanEquals: false, Next: "_Duplicate" },
            { Variable: "$.resume.stepId", StringEquals: "_Start", Next: "condition" },
            resume("condition"),
            resume("action-1"),
            resume("action-2"),
            resume("_Complete"),
          ],
          Default: "_UnknownStep",
        },
        condition: task("ConditionStepArn", { step: "condition" }, "condition.route"),
        "condition.route": {
          Type: "Choice",
          Choices: [on("then", "action-1"), on("else", "_Exit"), on("exit", "_Exit")],
          Default: "_UnexpectedOutcome",
        },
        "action-1": task("AssignStepArn", { step: "action-1" }, "action-1.route"),
        "action-1.route": { Type: "Choice", Choices: [on("exit", "_Exit")], Default: "action-2" },
        "action-2": task("NotifyStepArn", { step: "action-2" }, "action-2.route"),
        "action-2.route": {
          Type: "Choice",
          Choices: [on("deferred", "_Defer"), on("exit", "_Exit")],
          Default: "_Complete",
        },
        _Complete: { ...finish, End: true },
        _Defer: { ...defer, End: true },
        _Exit: { ...exit, End: true },
        // Every Task's failure past its retries: the enrollment tries the step again later.
        _Failed: { ...recover, End: true },
        _UnexpectedOutcome: {
          Type: "Fail",
          Error: "Autopilot.UnexpectedOutcome",
          Cause: "a handler returned an outcome this step does not route",
        },
        _Duplicate: { Type: "Succeed", Comment: "another segment holds the cursor" },
        _UnknownStep: { Type: "Fail", Error: "Autopilot.UnknownStep", Cause: "resume.stepId names no step" },
      },
    });
  });

  it("writes no Wait state: every wait ends the segment with a timer instead", () => {
    for (const file of [
      "journey-webinar-nurture.json",
      "sequence-classic-discount.json",
      "sequence-smart-onboarding.json",
    ]) {
      const { asl } = loadExample(file);
      expect(Object.values(asl.States).map((s) => s.Type)).not.toContain("Wait");
    }
  });

  it("refuses a definition whose ASL is over Step Functions' 1 MB limit, saying so", () => {
    expect(() => compile(bigJourney(2_500))).toThrow(CompileError);
    const r = compileSource(bigJourney(2_500));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.path).toBe("steps");
    expect(r.problems[0]?.message).toMatch(
      /^the compiled state machine is [\d,]+ bytes; Step Functions accepts at most 1,048,576 \(split it into smaller automations\)$/,
    );
  });

  it("compiles 1,500 steps within 1 MB", () => {
    const asl = compile(bigJourney(1_500));
    expect(new TextEncoder().encode(JSON.stringify(asl)).length).toBeLessThan(1_048_576);
  });

  it("makes every step of a journey a Dispatch target, so a segment can start anywhere", () => {
    const { asl, definition } = loadExample("journey-webinar-nurture.json");
    if (definition.kind !== "journey") throw new Error("not a journey");
    const dispatch = asl.States._Dispatch;
    if (dispatch?.Type !== "Choice") throw new Error("no dispatch");
    const targets = dispatch.Choices.map((c) => c.StringEquals).filter((s) => s !== undefined);
    for (const id of Object.keys(definition.steps)) expect(targets).toContain(id);
  });
});
