import { describe, expect, it } from "vitest";
import { mutate, problemsOf } from "./mutate.js";

const webinar = "journey-webinar-nurture";

describe("primitives", () => {
  it.each(["2 days", "P", "PT", "P1.5D", "1D", "p2d"])("refuses the duration %j", (duration) => {
    expect(problemsOf(mutate(webinar, { "steps.wait-2d.duration": duration }))).toEqual([
      `steps.wait-2d.duration: not an ISO 8601 duration (got ${JSON.stringify(duration)})`,
    ]);
  });

  it.each(["PT0S", "PT4H", "P1W", "P1DT2H", "PT1.5S", "P1Y2M"])("accepts the duration %j", (duration) => {
    expect(problemsOf(mutate(webinar, { "steps.wait-2d.duration": duration }))).toEqual([]);
  });

  it('refuses the clock times "9:00" and "25:00", each at its path', () => {
    const d = mutate(webinar, { "settings.window.from": "9:00", "settings.window.to": "25:00" });
    expect(problemsOf(d)).toEqual([
      'settings.window.from: not a clock time HH:MM (got "9:00")',
      'settings.window.to: not a clock time HH:MM (got "25:00")',
    ]);
  });

  it('accepts the clock times "00:00" and "23:59"', () => {
    const d = mutate(webinar, { "settings.window.from": "00:00", "settings.window.to": "23:59" });
    expect(problemsOf(d)).toEqual([]);
  });

  it("refuses a time zone that is not IANA", () => {
    expect(problemsOf(mutate(webinar, { "settings.window.timezone": "Mars/Base" }))).toEqual([
      'settings.window.timezone: not an IANA time zone, "contact" or "user" (got "Mars/Base")',
    ]);
  });

  it.each(["Asia/Tokyo", "America/New_York", "UTC", "contact", "user"])("accepts the time zone %j", (tz) => {
    expect(problemsOf(mutate(webinar, { "settings.window.timezone": tz }))).toEqual([]);
  });
});

describe("templates", () => {
  it("refuses an unknown root when the definition is saved, at the template's path", () => {
    const d = mutate(webinar, { "steps.welcome.subject": "Thanks, {{contat.firstName}}" });
    expect(problemsOf(d)).toEqual([
      'steps.welcome.subject: unknown template root "contat" in "contat.firstName" (one of record, contact, event, user, score, lists, engagement, enrollment)',
    ]);
  });

  it("checks templates in sequences and workflows too", () => {
    const seq = mutate("sequence-quote-follow-up", { "steps.4.text": "Hi {{contakt.firstName}}" });
    expect(problemsOf(seq)).toEqual([
      'steps.4.text: unknown template root "contakt" in "contakt.firstName" (one of record, contact, event, user, score, lists, engagement, enrollment)',
    ]);
    const wf = mutate("workflow-assign-by-location", { "actions.1.subject": "New {{recrd.firstName}}" });
    expect(problemsOf(wf)).toEqual([
      'actions.1.subject: unknown template root "recrd" in "recrd.firstName" (one of record, contact, event, user, score, lists, engagement, enrollment)',
    ]);
  });

  it("refuses engagement.<stepId> naming a step that sends no message", () => {
    const d = mutate(webinar, { "steps.welcome.html": "<p>{{engagement.hot-lead.opened}}</p>" });
    expect(problemsOf(d)).toEqual([
      "steps.welcome.html: engagement.hot-lead names no message step of this definition",
    ]);
  });

  it("refuses engagement.<stepId> naming an unknown step", () => {
    const d = mutate(webinar, { "steps.welcome.html": "<p>{{engagement.nope.opened}}</p>" });
    expect(problemsOf(d)).toEqual([
      "steps.welcome.html: engagement.nope names no message step of this definition",
    ]);
  });

  it("refuses engagement.<stepId> in a condition naming a wait", () => {
    const d = mutate(webinar, { "steps.opened-welcome.if.field": "engagement.wait-2d.opened" });
    expect(problemsOf(d)).toEqual([
      "steps.opened-welcome.if.field: engagement.wait-2d names no message step of this definition",
    ]);
  });

  it("refuses an unknown engagement metric", () => {
    const d = mutate(webinar, { "steps.opened-welcome.if.field": "engagement.welcome.read" });
    expect(problemsOf(d)).toEqual([
      'steps.opened-welcome.if.field: unknown engagement metric "read" (one of delivered, opened, clicked, replied, bounced)',
    ]);
  });

  it("refuses an unclosed {{", () => {
    const d = mutate(webinar, { "steps.welcome.subject": "Thanks, {{contact.firstName" });
    expect(problemsOf(d)).toEqual(['steps.welcome.subject: unclosed "{{" at character 9']);
  });

  it("refuses a placeholder that is not a path", () => {
    const d = mutate(webinar, { "steps.welcome.subject": "Thanks, {{first name}}" });
    expect(problemsOf(d)).toEqual([
      'steps.welcome.subject: not a placeholder: {{first name}} (write {{contact.firstName}} or {{contact.firstName | "there"}})',
    ]);
  });

  it('accepts a fallback: {{contact.firstName | "there"}}', () => {
    const d = mutate(webinar, { "steps.welcome.subject": 'Thanks, {{contact.firstName | "there"}}' });
    expect(problemsOf(d)).toEqual([]);
  });
});
