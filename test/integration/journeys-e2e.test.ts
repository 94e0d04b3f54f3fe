import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activate,
  advance,
  contact,
  enrollmentOf,
  example,
  sesEvent,
  stepsRan,
} from "../support/journey-harness.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;
let h: RuntimeHarness;

beforeAll(async () => {
  h = await startRuntimeHarness("growth");
  for (const id of ["usr_amer", "usr_emea", "usr_1", "usr_2", "usr_3"])
    await h.call("POST", "/users", { id, email: `${id}@acme.test`, role: "rep" });
  await activate(h, example("journey-webinar-nurture.json"));
});
afterAll(() => h.runtime.close());

/** A webinar attendee in London (inside the Mon–Fri 09:00–17:00 window at the start): enrolled. */
const attendee = (firstName: string, extra: Record<string, unknown> = {}) =>
  contact(h, {
    firstName,
    email: `${firstName.toLowerCase()}@acme.test`,
    source: "webinar",
    timezone: "Europe/London",
    ...extra,
  });

const mailsTo = async (address: string) =>
  (await h.runtime.mails()).filter((m) => m.destination.to.includes(address)).map((m) => m.subject);

/** The message a step sent, from the enrollment's ledger (the SES event carries the same ref). */
function click(e: AnyJson, step: string, kind: "Open" | "Click" = "Click") {
  const visit = Object.keys(e.ledger?.visits ?? {}).find((v) => v.startsWith(`${step}#`));
  const sent = e.trace.find((t: AnyJson) => t.step === step && t.what === "ran");
  const messageId = /\(([^)]+)\)/.exec(sent?.detail ?? "")?.[1] ?? "m";
  return sesEvent(
    kind,
    {
      tenantId: "acme",
      automationId: e.automationId,
      enrollmentId: e.id,
      stepId: step,
      token: visit?.split("#")[1] ?? "t",
      contactId: e.contactId,
    },
    messageId,
    "2027-03-03T12:00:00.000Z",
  );
}

describe("journey-webinar-nurture, end to end on the local runtime with the virtual clock", () => {
  it("sends the welcome, skips the resend after an open, and routes a clicker to the AMER rep with a task", async () => {
    const id = await attendee("Ana", { country: "US" });
    let e = await enrollmentOf(h, "webinar-nurture", id);
    expect(await mailsTo("ana@acme.test")).toEqual(["Thanks for joining, Ana"]);
    expect(e).toMatchObject({ status: "active", at: "wait-2d" });
    expect((await h.call("POST", "/_local/ses-events", click(e, "welcome", "Open"))).status).toBe(200);
    await h.runtime.settle();
    await advance(h, "P2D");
    e = await enrollmentOf(h, "webinar-nurture", id);
    expect(stepsRan(e)).toEqual(
      [
        "welcome",
        "opened-welcome",
        "ab-follow-up",
        expect.stringMatching(/case-study|demo-offer|done/),
      ].slice(0, stepsRan(e).length),
    );
    if (e.status !== "active") {
      // The 10% holdout (the bucket comes from the enrollment id) ends without a message.
      expect(e).toMatchObject({ status: "exited", at: "done" });
      return;
    }
    const offer = e.at === "wait-click" ? stepsRan(e)[3] : undefined;
    expect(offer).toMatch(/case-study|demo-offer/);
    const twice = click(e, String(offer));
    await h.call("POST", "/_local/ses-events", twice);
    await h.call("POST", "/_local/ses-events", twice); // the same SES event delivered again
    await h.runtime.settle();
    e = await enrollmentOf(h, "webinar-nurture", id);
    expect(e.status).toBe("exited");
    expect(stepsRan(e).slice(-5)).toEqual(["wait-click", "hot-lead", "route", "call-task", "mark"]);
    // What woke it is written by the resumed segment's claim, once, before the steps it ran.
    expect(e.trace.filter((t: AnyJson) => t.step === "wait-click" && t.what === "ran")).toMatchObject([
      { detail: "email.clicked arrived: on to hot-lead" },
    ]);
    const ana = (await h.call("GET", `/records/contact/${id}`)).body;
    expect(ana).toMatchObject({ score: 20, ownerId: "usr_amer", lifecycleStage: "sql" });
    const tasks = (await h.call("GET", "/records/activity")).body.items.filter(
      (t: AnyJson) => t.contactId === id,
    );
    expect(tasks).toMatchObject([
      { title: "Call Ana about a demo", assigneeId: "usr_amer", taskType: "call" },
    ]);
  });

  it("resends to a contact who did not open, and ends at the timeout when nobody clicks", async () => {
    const id = await attendee("Bo", { country: "DE" });
    await advance(h, "P2D");
    let e = await enrollmentOf(h, "webinar-nurture", id);
    expect(stepsRan(e).slice(0, 3)).toEqual(["welcome", "opened-welcome", "resend"]);
    await advance(h, "P3D");
    e = await enrollmentOf(h, "webinar-nurture", id);
    expect(e.status).toBe("exited");
    expect(e.at).toBe("done");
    expect((await mailsTo("bo@acme.test")).slice(0, 2)).toEqual([
      "Thanks for joining, Bo",
      "In case you missed the recording",
    ]);
  });

  it("exits at the goal when the contact becomes a customer while waiting", async () => {
    const id = await attendee("Cy");
    await h.call("PATCH", `/records/contact/${id}`, { lifecycleStage: "customer" });
    await h.runtime.settle();
    await advance(h, "P2D");
    const e = await enrollmentOf(h, "webinar-nurture", id);
    expect(e.status).toBe("exited");
    expect(e.trace.at(-1)).toMatchObject({ what: "exited", detail: "goal reached", step: "opened-welcome" });
    expect(await mailsTo("cy@acme.test")).toEqual(["Thanks for joining, Cy"]);
  });

  it("does not enroll a contact twice (re-entry never), however many triggers match", async () => {
    const id = await attendee("Di");
    await h.call("PATCH", `/records/contact/${id}`, { lists: ["webinar-2026"] });
    await h.runtime.settle();
    expect(await enrollmentOf(h, "webinar-nurture", id)).toMatchObject({ status: "active" });
  });

  it("runs a duplicate segment start without a second effect", async () => {
    const id = await attendee("Ed");
    const e = await enrollmentOf(h, "webinar-nurture", id);
    const timer = e.timer ?? { name: "none" };
    // Start the pending segment twice at once, as an at-least-once scheduler might.
    const input = {
      tenantId: "acme",
      automationId: "webinar-nurture",
      version: 1,
      enrollmentId: e.id,
      contactId: id,
      resume: { stepId: "opened-welcome", token: timer.name },
    };
    await Promise.all([h.runtime.engine.start(input), h.runtime.engine.start(input)]);
    await h.runtime.settle();
    const after = await enrollmentOf(h, "webinar-nurture", id);
    expect(after.trace.filter((t: AnyJson) => t.step === "opened-welcome")).toHaveLength(1);
  });

  it("lets exactly one of a click and the timeout win when they come at the same instant", async () => {
    const id = await attendee("Fa");
    await advance(h, "P2D");
    const e = await enrollmentOf(h, "webinar-nurture", id);
    if (e.at !== "wait-click") {
      expect(e).toMatchObject({ status: "exited", at: "done" }); // the holdout
      return;
    }
    const offer = stepsRan(e)[stepsRan(e).length - 1] === "ab-follow-up" ? undefined : stepsRan(e).at(-1);
    await Promise.all([
      h.call("POST", "/_local/clock", { to: e.until }),
      h.call("POST", "/_local/ses-events", click(e, String(offer ?? "case-study"))),
    ]);
    await h.runtime.settle();
    const after = await enrollmentOf(h, "webinar-nurture", id);
    const paths =
      stepsRan(after).filter((s: string) => s === "hot-lead").length +
      (after.at === "done" && !stepsRan(after).includes("hot-lead") ? 1 : 0);
    expect(paths).toBe(1);
    expect(after.status).toBe("exited");
  });

  it("reports per-step stats: entered, sent, opened, clicked and split paths", async () => {
    const stats = (await h.call("GET", "/automations/webinar-nurture/stats")).body;
    expect(stats.totals.enrolled).toBeGreaterThanOrEqual(6);
    expect(stats.steps.welcome).toMatchObject({ type: "email", opened: 1 });
    expect(stats.steps.welcome.sent).toBeGreaterThanOrEqual(6);
    const paths = stats.steps["ab-follow-up"].paths;
    expect(Object.keys(paths).sort()).toEqual(["case-study", "demo-offer", "holdout"]);
    const split = Object.values(paths).reduce((n: number, p: AnyJson) => n + p.count, 0);
    expect(split).toBe(stats.steps["ab-follow-up"].entered);
  });
});

describe("a new version with migration, end to end", () => {
  it("resumes moved enrollments where the new version leads: its wait-2d goes to a new step first", async () => {
    const m = await startRuntimeHarness("growth");
    try {
      const v1 = example("journey-webinar-nurture.json");
      await activate(m, v1);
      const id = await contact(m, { firstName: "Mo", email: "mo@acme.test", source: "webinar" });
      const v2 = structuredClone(v1);
      v2.steps["wait-2d"].next = "survey";
      v2.steps.survey = { type: "email", subject: "Two questions", html: "<p>?</p>", next: "opened-welcome" };
      expect((await m.call("PUT", "/automations/webinar-nurture", v2)).status).toBe(200);
      const r = await m.call("POST", "/automations/webinar-nurture/activate", {
        version: 2,
        migrate: "matching-steps",
      });
      expect(r.body.migration).toEqual({ moved: 1, stayed: 0, exited: 0 });
      await advance(m, "P2D");
      const e = await enrollmentOf(m, "webinar-nurture", id);
      expect(e.version).toBe(2);
      expect(stepsRan(e).slice(0, 3)).toEqual(["welcome", "survey", "opened-welcome"]);
      const subjects = (await m.runtime.mails()).map((x) => x.subject);
      expect(subjects).toContain("Two questions");
    } finally {
      await m.runtime.close();
    }
  });
});
