import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../../statemachines/definitions/validate.js";
import { mutate, problemsOf } from "./mutate.js";

const webinar = "journey-webinar-nurture";

describe("content rules", () => {
  it("refuses an email without a subject", () => {
    expect(problemsOf(mutate(webinar, { "steps.welcome.subject": undefined }))).toEqual([
      "steps.welcome.subject: required (unless replyToThread)",
    ]);
  });

  it("accepts a sequence email without a subject when it replies in the thread", () => {
    const d = mutate("sequence-quote-follow-up", { "steps.1.subject": undefined });
    expect(problemsOf(d)).toEqual([]);
    expect(problemsOf(mutate("sequence-quote-follow-up", { "steps.1.replyToThread": undefined }))).toEqual([
      "steps.1.subject: required (unless replyToThread)",
    ]);
  });

  it("refuses an email with neither html nor text", () => {
    expect(problemsOf(mutate(webinar, { "steps.welcome.html": undefined }))).toEqual([
      "steps.welcome: an email needs html or text",
    ]);
  });

  it("accepts an email with text only", () => {
    const d = mutate(webinar, {
      "steps.welcome.html": undefined,
      "steps.welcome.text": "Here is the recording.",
    });
    expect(problemsOf(d)).toEqual([]);
  });

  it("refuses A/B variants whose weights do not add up to 100", () => {
    const d = mutate(webinar, {
      "steps.welcome.variants": [
        { name: "a", weight: 50, subject: "A" },
        { name: "b", weight: 40, subject: "B" },
      ],
    });
    expect(problemsOf(d)).toEqual(["steps.welcome.variants: variant weights add up to 90, not 100"]);
  });

  it("refuses a score step with both add and rules", () => {
    const d = mutate(webinar, {
      "steps.hot-lead.rules": [{ if: { field: "contact.country", op: "eq", value: "US" }, add: 5 }],
    });
    expect(problemsOf(d)).toEqual(["steps.hot-lead: a score step has either add or rules"]);
  });

  it("refuses a score step with neither add nor rules", () => {
    expect(problemsOf(mutate(webinar, { "steps.hot-lead.add": undefined }))).toEqual([
      "steps.hot-lead: a score step has either add or rules",
    ]);
  });

  it("refuses a round-robin assignment without users", () => {
    expect(problemsOf(mutate("workflow-assign-by-location", { "actions.0.users": undefined }))).toEqual([
      "actions.0.users: required by strategy roundRobin",
    ]);
  });

  it("refuses a round-robin fallback without users", () => {
    expect(problemsOf(mutate(webinar, { "steps.route.otherwise.users": undefined }))).toEqual([
      "steps.route.otherwise.users: required by strategy roundRobin",
    ]);
  });

  it("refuses a wait with both duration and until", () => {
    const d = mutate(webinar, { "steps.wait-2d.until": { days: ["mon"], at: "09:00" } });
    expect(problemsOf(d)).toEqual(["steps.wait-2d: a wait has either duration or until"]);
  });

  it("refuses a wait with neither duration nor until", () => {
    expect(problemsOf(mutate(webinar, { "steps.wait-2d.duration": undefined }))).toEqual([
      "steps.wait-2d: a wait has either duration or until",
    ]);
  });
});

describe("strict objects", () => {
  it.each([
    [webinar, "steps.welcome.subjet"],
    [webinar, "colour"],
    [webinar, "triggers.1.recordType"],
    [webinar, "settings.window.zone"],
    ["workflow-big-deal-proposal", "actions.0.priority"],
    ["sequence-quote-follow-up", "steps.0.cc"],
  ] as const)("refuses an unknown field (%s: %s)", (name, path) => {
    expect(problemsOf(mutate(name, { [path]: "x" }))).toEqual([`${path}: unknown field`]);
  });
});

describe("problem reports", () => {
  it("tells a value of the wrong type from a missing one", () => {
    expect(problemsOf(mutate(webinar, { "steps.mark.set": undefined }))).toEqual([
      "steps.mark.set: required",
    ]);
    expect(problemsOf(mutate(webinar, { "steps.wait-click.timeout": 3 }))).toEqual([
      "steps.wait-click.timeout: Invalid input: expected string, received number",
    ]);
  });

  it("reports every problem of a definition at once, each at its path", () => {
    const d = mutate(webinar, {
      "steps.wait-2d.next": "opend",
      "steps.wait-click.timeout": "3 days",
      "steps.resend.subject": "Hi {{contat.firstName}}",
      "steps.ab-follow-up.paths.2.weight": 20,
      "steps.welcome.subjet": "typo",
      "settings.window.timezone": "Mars/Base",
      "steps.hot-lead.next": "hot-lead",
      triggers: [],
    });
    const v = validateDefinition(d);
    expect(v.ok).toBe(false);
    expect(problemsOf(d)).toEqual(
      expect.arrayContaining([
        'steps.wait-2d.next: unknown step "opend"',
        'steps.wait-click.timeout: not an ISO 8601 duration (got "3 days")',
        'steps.resend.subject: unknown template root "contat" in "contat.firstName" (one of record, contact, event, user, score, lists, engagement, enrollment)',
        "steps.ab-follow-up.paths: weights add up to 110, not 100",
        "steps.welcome.subjet: unknown field",
        'settings.window.timezone: not an IANA time zone, "contact" or "user" (got "Mars/Base")',
        "steps.hot-lead: this loop never waits (hot-lead → hot-lead); put a wait or waitFor in it",
        "triggers: a journey needs at least one trigger",
      ]),
    );
  });
});
