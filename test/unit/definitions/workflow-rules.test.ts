import { describe, expect, it } from "vitest";
import { example, get, mutate, problemsOf } from "./mutate.js";

describe("workflow rules", () => {
  it("refuses a triggers array: a workflow has exactly one trigger", () => {
    const d = example("workflow-assign-by-location");
    const d2 = mutate("workflow-assign-by-location", { triggers: [d.trigger], trigger: undefined });
    expect(problemsOf(d2)).toEqual([
      'triggers: a workflow has exactly one trigger: write "trigger" (a journey takes several)',
    ]);
  });

  it("refuses a fifth action", () => {
    const d = mutate("workflow-big-deal-proposal", { "actions.4": { type: "sms", text: "Hi" } });
    expect(problemsOf(d)).toEqual(["actions: a workflow has at most 4 actions (got 5)"]);
  });

  it("refuses a workflow with no actions", () => {
    const d = mutate("workflow-big-deal-proposal", { actions: [] });
    expect(problemsOf(d)).toEqual(["actions: a workflow needs at least one action"]);
  });

  it("refuses a trigger that is not a record event, naming the event it got", () => {
    const d = mutate("workflow-assign-by-location", { trigger: { event: "page.visited" } });
    expect(problemsOf(d)).toEqual([
      'trigger.event: must be one of "record.created", "record.updated", "record.deleted" (got "page.visited")',
      "trigger.recordType: required",
    ]);
  });

  it("refuses a journey-only action (score) and says to use a journey", () => {
    const d = mutate("workflow-assign-by-location", { "actions.1": { type: "score", add: 5 } });
    expect(problemsOf(d)).toEqual([
      'actions.1.type: "score" is not a workflow action (one of email, sms, notify, createTask, updateRecord, assign, webhook, enrollInSequence; use a journey for scoring and lists)',
    ]);
  });

  it("refuses changedTo in the condition of a workflow triggered by record.created", () => {
    const d = mutate("workflow-assign-by-location", {
      condition: { field: "record.stage", op: "changedTo", value: "won" },
    });
    expect(problemsOf(d)).toEqual(["condition.op: changedTo applies only to a record.updated trigger"]);
  });

  it("accepts changedTo in the trigger of a record.updated workflow", () => {
    const d = example("workflow-big-deal-proposal");
    expect(get(d, "trigger.where.op")).toBe("changedTo");
    expect(problemsOf(d)).toEqual([]);
  });
});
