import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../local/clock.js";
import { activate, advance, contact, enrollmentOf, example, sesEvent } from "../support/journey-harness.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;
const sentAt = (e: AnyJson, step: string) =>
  e.trace.find((t: AnyJson) => t.step === step && t.what === "ran")?.at;

const nineLocal = {
  kind: "journey",
  id: "nine-local",
  name: "Morning note at 09:00 local",
  triggers: [{ event: "record.created", recordType: "contact" }],
  start: "nine",
  steps: {
    nine: { type: "wait", until: { at: "09:00", timezone: "contact" }, next: "note" },
    note: { type: "email", subject: "Good morning", html: "<p>hi</p>", next: "monday" },
    monday: { type: "wait", until: { days: ["mon"], at: "09:00", timezone: "contact" }, next: "weekly" },
    weekly: { type: "email", subject: "Weekly", html: "<p>w</p>" },
  },
};

describe("time zones and daylight saving", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("growth");
    await activate(h, nineLocal);
  });
  afterAll(() => h.runtime.close());

  it("sends the same step at 09:00 local to a contact in Tokyo and one in Los Angeles", async () => {
    const tokyo = await contact(h, { email: "t@acme.test", timezone: "Asia/Tokyo" });
    const la = await contact(h, { email: "l@acme.test", timezone: "America/Los_Angeles" });
    await advance(h, "P1D");
    // 2027-03-01 10:00Z: Tokyo's next 09:00 is 03-02 00:00Z; LA's (PST, UTC-8) is 03-01 17:00Z.
    expect(sentAt(await enrollmentOf(h, "nine-local", tokyo), "note")).toBe("2027-03-02T00:00:00.000Z");
    expect(sentAt(await enrollmentOf(h, "nine-local", la), "note")).toBe("2027-03-01T17:00:00.000Z");
  });

  it("keeps 09:00 local across the week daylight saving time starts in the US", async () => {
    const la = await contact(h, { email: "dst@acme.test", timezone: "America/Los_Angeles" });
    await advance(h, "P14D");
    const e = await enrollmentOf(h, "nine-local", la);
    // DST starts 2027-03-14: Monday 03-08 09:00 PST is 17:00Z; Monday 03-15 09:00 PDT would be 16:00Z.
    expect(sentAt(e, "weekly")).toBe("2027-03-08T17:00:00.000Z");
    const after = await contact(h, { email: "dst2@acme.test", timezone: "America/Los_Angeles" });
    await advance(h, "P8D");
    expect(sentAt(await enrollmentOf(h, "nine-local", after), "weekly")).toBe("2027-03-22T16:00:00.000Z");
  });
});

const renewal = {
  kind: "journey",
  id: "renewal-reminder",
  name: "Three days before renewal, at 09:00 local",
  triggers: [{ event: "date", field: "contact.renewalDate", offset: "-P3D", at: "09:00" }],
  start: "remind",
  steps: {
    remind: { type: "email", subject: "Your renewal is in three days", html: "<p>r</p>", next: "end" },
    end: { type: "exit" },
  },
};

describe("a date trigger relative to a contact's date field", () => {
  it("follows the field: set at activation, changed later, moved away, or on a contact created later", async () => {
    const h = await startRuntimeHarness("growth");
    const person = (name: string, fields: Record<string, unknown>) =>
      contact(h, { email: `${name}@acme.test`, ...fields });
    const ada = await person("ada", { renewalDate: "2027-03-10", timezone: "Europe/Berlin" });
    const bo = await person("bo", { renewalDate: "2027-03-20" });
    const dee = await person("dee", { renewalDate: "2027-03-09" });
    await activate(h, renewal);
    await advance(h, "PT1M"); // the activation's scan runs: three contacts in their buckets
    await h.call("PATCH", `/records/contact/${bo}`, { renewalDate: "2027-03-08" }); // sooner
    await h.call("PATCH", `/records/contact/${dee}`, { renewalDate: "2027-04-30" }); // later
    const cy = await person("cy", { renewalDate: "2027-03-06" }); // a new contact
    await h.runtime.settle();
    await advance(h, "P10D");
    const sent = async () =>
      Object.fromEntries(
        (await h.enrollments())
          .filter((e) => e.automationId === "renewal-reminder")
          .map((e) => [
            e.contactId,
            e.trace.filter((t) => t.step === "remind" && t.what === "ran").map((t) => t.at),
          ]),
      );
    expect(await sent()).toEqual({
      [ada]: ["2027-03-07T08:00:00.000Z"], // 09:00 in Berlin
      [bo]: ["2027-03-05T09:00:00.000Z"],
      [cy]: ["2027-03-03T09:00:00.000Z"],
    });
    await advance(h, "P60D");
    expect((await sent())[dee]).toEqual(["2027-04-27T09:00:00.000Z"]);
    expect(Object.values(await sent()).flat()).toHaveLength(4);
    await h.runtime.close();
  });
});

describe("a fixed-date blast and contacts who join the list after its first scan", () => {
  it("sends to those whose zone has not reached the date yet, at 10:00 local; not to the others", async () => {
    const h = await startRuntimeHarness("growth", {
      clock: new VirtualClock({ start: new Date("2027-02-27T00:00:00Z"), frozen: true }),
    });
    const tokyo = await contact(h, { email: "t@acme.test", timezone: "Asia/Tokyo" });
    await activate(h, example("journey-spring-blast.json"));
    await h.runtime.clock.to(new Date("2027-02-28T20:30:00Z")); // the scan ran: nobody on the list
    const la = await contact(h, {
      email: "la@acme.test",
      timezone: "America/Los_Angeles",
      lists: ["newsletter"],
    });
    await h.call("PATCH", `/records/contact/${tokyo}`, { lists: ["newsletter"] });
    // Kiritimati (UTC+14) reached March 1, 10:00 at 20:00 UTC: too late for this one.
    await contact(h, { email: "k@acme.test", timezone: "Pacific/Kiritimati", lists: ["newsletter"] });
    await h.runtime.settle();
    await advance(h, "P2D");
    const sent = (await h.enrollments())
      .filter((e) => e.automationId === "spring-sale-blast")
      .map((e) => [e.contactId, e.trace.find((t) => t.step === "announce" && t.what === "ran")?.at]);
    expect(Object.fromEntries(sent)).toEqual({
      [tokyo]: "2027-03-01T01:00:00.000Z",
      [la]: "2027-03-01T18:00:00.000Z",
    });
    await h.runtime.close();
  });
});

describe("journey-spring-blast, the click path", () => {
  it("puts a contact who clicked the announcement on spring-sale-interested a day later", async () => {
    const h = await startRuntimeHarness("growth", {
      clock: new VirtualClock({ start: new Date("2027-02-28T00:00:00Z"), frozen: true }),
    });
    const clicker = await contact(h, { email: "c@acme.test", timezone: "UTC", lists: ["newsletter"] });
    const other = await contact(h, { email: "o@acme.test", timezone: "UTC", lists: ["newsletter"] });
    await activate(h, example("journey-spring-blast.json"));
    await h.runtime.clock.to(new Date("2027-03-01T12:00:00Z"));
    const e = await enrollmentOf(h, "spring-sale-blast", clicker);
    const sent = e.trace.find((t: AnyJson) => t.step === "announce" && t.what === "ran");
    const messageId = /\(([^)]+)\)/.exec(sent.detail)?.[1] as string;
    const ref = {
      tenantId: "acme",
      automationId: "spring-sale-blast",
      enrollmentId: e.id,
      stepId: "announce",
    };
    await h.call(
      "POST",
      "/_local/ses-events",
      sesEvent("Click", { ...ref, token: "t", contactId: clicker }, messageId, "2027-03-01T12:30:00Z"),
    );
    await h.runtime.settle();
    await advance(h, "P1D");
    const lists = async (id: string) => (await h.call("GET", `/records/contact/${id}`)).body.lists;
    expect(await lists(clicker)).toEqual(["newsletter", "spring-sale-interested"]);
    expect(await lists(other)).toEqual(["newsletter"]);
    const after = await enrollmentOf(h, "spring-sale-blast", clicker);
    expect(after.trace.filter((t: AnyJson) => t.what === "ran").map((t: AnyJson) => t.step)).toEqual([
      "announce",
      "clicked",
      "tag",
    ]);
    expect(after.status).toBe("exited");
    await h.runtime.close();
  });
});

describe("a fixed-date blast paused over its date", () => {
  it("is made up on resume: every listed contact gets the mail once", async () => {
    const h = await startRuntimeHarness("growth", {
      clock: new VirtualClock({ start: new Date("2027-02-27T00:00:00Z"), frozen: true }),
    });
    for (const [i, zone] of ["Asia/Tokyo", "Europe/Berlin", "America/New_York"].entries())
      await contact(h, { email: `p${i}@acme.test`, timezone: zone, lists: ["newsletter"] });
    await activate(h, example("journey-spring-blast.json"));
    expect((await h.call("POST", "/automations/spring-sale-blast/pause", {})).status).toBe(200);
    await advance(h, "P3D"); // the sweeps fire while paused, and start nothing
    const sent = async () =>
      (await h.runtime.mails()).filter((m) => m.subject === "The spring sale starts today");
    expect(await sent()).toHaveLength(0);
    expect((await h.call("POST", "/automations/spring-sale-blast/resume", {})).status).toBe(200);
    await advance(h, "PT1M");
    expect((await sent()).map((m) => m.destination.to[0]).sort()).toEqual([
      "p0@acme.test",
      "p1@acme.test",
      "p2@acme.test",
    ]);
    // A second resume scans again: the starts are idempotent, nobody gets it twice.
    await h.call("POST", "/automations/spring-sale-blast/pause", {});
    await h.call("POST", "/automations/spring-sale-blast/resume", {});
    await advance(h, "P2D");
    expect(await sent()).toHaveLength(3);
    await h.runtime.close();
  });
});

describe("a restart while contacts wait", () => {
  it("goes on after the restart: nothing lost, nothing doubled", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopilot-restart-"));
    const start = new Date("2027-03-01T10:00:00Z");
    let h = await startRuntimeHarness("growth", {
      memory: false,
      dataDir: dir,
      clock: new VirtualClock({ start, frozen: true }),
    });
    await activate(h, example("journey-webinar-nurture.json"));
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(await contact(h, { email: `r${i}@acme.test`, source: "webinar", timezone: "Europe/London" }));
    await h.runtime.close();
    h = await startRuntimeHarness("growth", {
      memory: false,
      dataDir: dir,
      clock: new VirtualClock({ start, frozen: true }),
    });
    await advance(h, "P2D");
    for (const id of ids) {
      const e = await enrollmentOf(h, "webinar-nurture", id);
      expect(e.trace.filter((t: AnyJson) => t.step === "welcome" && t.what === "ran")).toHaveLength(1);
      expect(e.trace.filter((t: AnyJson) => t.step === "opened-welcome")).toHaveLength(1);
    }
    await h.runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

/** The contact visits /pricing, as the website's tracking snippet reports it (`POST /track`). */
async function visitPricing(h: RuntimeHarness, contactId: string): Promise<void> {
  const key = (await h.call("POST", "/workspace/write-key", {})).body.writeKey;
  const res = await fetch(`${h.runtime.url}/track`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      writeKey: key,
      type: "page",
      visitorId: `v-${contactId}`,
      contactId,
      url: "https://acme.test/pricing",
      path: "/pricing",
    }),
  });
  expect(res.status).toBeLessThan(300);
  await h.runtime.settle();
}

describe("journey-pricing-page-visitors from the tracking endpoint", () => {
  it("scores a visit to /pricing, waits for a Tue–Thu 10:00 slot, nudges, and records the sequence enrollment", async () => {
    const h = await startRuntimeHarness("growth");
    await activate(h, example("journey-pricing-page-visitors.json"));
    const id = await contact(h, { email: "p@acme.test", firstName: "Pia", timezone: "Europe/London" });
    await visitPricing(h, id);
    await advance(h, "P3D");
    const e = await enrollmentOf(h, "pricing-page-visitors", id);
    // 2027-03-01 is a Monday: the next Tue/Wed/Thu 10:00 London is Tuesday 03-02 10:00Z.
    expect(sentAt(e, "nudge")).toBe("2027-03-02T10:00:00.000Z");
    expect(e.trace.find((t: AnyJson) => t.step === "enroll")?.detail).toMatch(/quote-follow-up/);
    expect((await h.call("GET", `/records/contact/${id}`)).body.score).toBe(10);
    expect(e.status).toBe("exited");
    await h.runtime.close();
  });

  it("tells the owner about a hot visitor (score ≥ 50) and calls the CRM hook, which fails here and is traced", async () => {
    const h = await startRuntimeHarness("growth");
    await h.call("POST", "/users", { id: "usr_owner", email: "owner@acme.test", role: "rep" });
    await activate(h, example("journey-pricing-page-visitors.json"));
    const id = await contact(h, {
      email: "hot@acme.test",
      firstName: "Hal",
      score: 45,
      ownerId: "usr_owner",
    });
    await visitPricing(h, id);
    const e = await enrollmentOf(h, "pricing-page-visitors", id);
    expect(e.trace.filter((t: AnyJson) => t.what === "ran").map((t: AnyJson) => t.step)).toEqual([
      "score",
      "hot?",
      "notify-owner",
    ]);
    // hooks.example.com is out of reach from here: the step says so, and the journey goes on.
    expect(e.trace.find((t: AnyJson) => t.step === "crm-hook")).toMatchObject({ what: "failed" });
    expect(e.status).toBe("exited");
    const mails = (await h.runtime.mails()).filter((m) => m.destination.to.includes("owner@acme.test"));
    expect(mails.map((m) => m.subject)).toEqual(["Hal is looking at pricing again"]);
    expect((await h.call("GET", `/records/contact/${id}`)).body.score).toBe(55);
    await h.runtime.close();
  });
});
