import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../../statemachines/definitions/validate.js";
import { example, mutate, problemsOf, warningsOf } from "./mutate.js";

const classic = "sequence-classic-discount";
const smart = "sequence-smart-onboarding";
const manual = "sequence-quote-follow-up";

describe("sequence rules: classic", () => {
  it("refuses a classic sequence longer than 90 days", () => {
    expect(problemsOf(mutate(classic, { durationDays: 120 }))).toEqual([
      "durationDays: a classic sequence runs at most 90 days (got 120)",
    ]);
  });

  it("refuses a step on a day after the sequence's last day", () => {
    const d = mutate(classic, { durationDays: 60 });
    expect(problemsOf(d)).toEqual(["steps.3.day: day 85 is after the sequence's last day (60)"]);
  });

  it("refuses days out of order", () => {
    expect(problemsOf(mutate(classic, { "steps.2.day": 10 }))).toEqual([
      "steps.2.day: day 10 comes before the previous step's day 15",
    ]);
  });

  it("refuses a classic step without a day", () => {
    expect(problemsOf(mutate(classic, { "steps.2.day": undefined }))).toEqual([
      "steps.2.day: required in a classic sequence",
    ]);
  });

  it("refuses a classic sequence without durationDays", () => {
    expect(problemsOf(mutate(classic, { durationDays: undefined }))).toEqual([
      "durationDays: required in a classic sequence",
    ]);
  });
});

describe("sequence rules: smart and manual", () => {
  it("refuses a smart sequence with intervalDays 0", () => {
    expect(problemsOf(mutate(smart, { intervalDays: 0 }))).toEqual([
      "intervalDays: must be at least 1 (got 0)",
    ]);
  });

  it("refuses a smart sequence without intervalDays", () => {
    expect(problemsOf(mutate(smart, { intervalDays: undefined }))).toEqual([
      "intervalDays: required in a smart sequence",
    ]);
  });

  it("refuses a manual step without a delay", () => {
    expect(problemsOf(mutate(manual, { "steps.2.delay": undefined }))).toEqual([
      "steps.2.delay: required in a manual sequence",
    ]);
  });

  it("refuses a day in a manual sequence", () => {
    expect(problemsOf(mutate(manual, { "steps.1.day": 3 }))).toEqual([
      "steps.1.day: applies only to classic sequences; use delay",
    ]);
  });
});

describe("sequence rules: steps", () => {
  it("warns above 15 steps, and still accepts the sequence", () => {
    const d = example(manual);
    const steps = d.steps as unknown[];
    for (let i = 0; i < 11; i++) steps.push({ id: `extra-${i}`, type: "sms", delay: "P1D", text: "Hi" });
    const v = validateDefinition(d);
    expect(v.ok).toBe(true);
    expect(warningsOf(d)).toEqual(["steps: 16 steps; sequences work best with at most 15"]);
  });

  it("does not warn at 15 steps", () => {
    const d = example(manual);
    const steps = d.steps as unknown[];
    for (let i = 0; i < 10; i++) steps.push({ id: `extra-${i}`, type: "sms", delay: "P1D", text: "Hi" });
    expect(problemsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([]);
  });

  it("refuses two steps with the same id", () => {
    expect(problemsOf(mutate(manual, { "steps.1.id": "quote" }))).toEqual([
      'steps.1.id: duplicate step id "quote"',
    ]);
  });

  it("refuses replyToThread on the first step", () => {
    expect(problemsOf(mutate(manual, { "steps.0.replyToThread": true }))).toEqual([
      "steps.0.replyToThread: the first email has no thread to reply to",
    ]);
  });

  it("refuses replyToThread on the first email when an sms comes before it", () => {
    const d = example(manual);
    const [quote, bump, , , text] = d.steps as unknown[];
    expect(problemsOf({ ...d, steps: [text, bump] })).toEqual([
      "steps.1.replyToThread: the first email has no thread to reply to",
    ]);
    expect(problemsOf({ ...d, steps: [text, quote, bump] })).toEqual([]);
  });
});
