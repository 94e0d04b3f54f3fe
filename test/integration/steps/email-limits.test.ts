import { describe, expect, it } from "vitest";
import { runEmail } from "../../../lambdas/handlers/steps/email.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = (settings?: Record<string, unknown>) => ({
  kind: "journey",
  id: "blast",
  name: "Blast",
  triggers: [],
  start: "welcome",
  steps: { welcome: { type: "email", subject: "Hello", text: "Hello there" } },
  ...(settings ? { settings } : {}),
});

describe("limits on the email step", () => {
  it("sends 100 emails in a trial and defers the 101st to the next day with trial_limit", async () => {
    const h = await emulators.harness({
      workspace: { plan: "trial", timezone: "Europe/Berlin" },
    });
    const a = await h.automation(journey());
    const enrolled = await Promise.all(
      Array.from({ length: 101 }, (_, i) => h.enroll(a, { email: `t${i}@trial.test` })),
    );
    const results = await Promise.all(enrolled.map(async (e) => runEmail(await h.context(a, e, "welcome"))));
    expect(results.filter((r) => r.outcome === "done")).toHaveLength(100);
    const deferred = results.filter((r) => r.outcome === "deferred");
    expect(deferred).toHaveLength(1);
    expect(deferred[0]?.reason).toMatch(/^trial_limit/);
    // Midnight starting 2027-03-02 in Berlin.
    expect(deferred[0]?.until).toBe("2027-03-01T23:00:00.000Z");
    expect(
      (await emulators.ses.mails()).filter((m) => m.destination.to[0]?.endsWith("@trial.test")),
    ).toHaveLength(100);
  }, 60_000);

  it("defers a journey email over 4 × active contacts a month to the start of the next month", async () => {
    const h = await emulators.harness({ workspace: { plan: "growth" } });
    const a = await h.automation(journey());
    // One active contact and one that has been quiet for a year: a cap of 4.
    await h.deps.records.create(
      h.tenantId,
      "contact",
      "ctc_old",
      { email: "old@cap.test" },
      new Date("2026-01-01T00:00:00Z"),
    );
    const e = await h.enroll(a, { email: "cap@cap.test" });
    const results = [];
    for (let token = 1; token <= 5; token++)
      results.push(await runEmail(await h.context(a, e, "welcome", `tok-${token}`)));
    expect(results.map((r) => r.outcome)).toEqual(["done", "done", "done", "done", "deferred"]);
    expect(results[4]?.reason).toBe(
      "monthly_cap: 4 journey emails a month (4 × 1 active contacts) on growth",
    );
    expect(results[4]?.until).toBe("2027-04-01T00:00:00.000Z");
    // Deferred before the claim: the visit left no ledger entry.
    expect((await h.enrollment(e.enrollmentId)).fx?.["welcome#tok-5"]).toBeUndefined();
  });

  it("recounts active contacts before deferring a contact created after the count", async () => {
    const h = await emulators.harness({ workspace: { plan: "growth" } });
    const a = await h.automation(journey());
    const first = await h.enroll(a, { email: "first@recount.test" });
    for (let token = 1; token <= 4; token++)
      await runEmail(await h.context(a, first, "welcome", `tok-${token}`));
    await h.clock.advance("PT1H");
    const later = await h.enroll(a, { email: "later@recount.test" });
    const result = await runEmail(await h.context(a, later, "welcome"));
    expect(result.outcome).toBe("done");
    expect(await h.deps.quotas.used(`T#${h.tenantId}#mail#journey#2027-03`)).toBe(5);
  });

  it("defers a send outside the window to the next opening in the contact's zone, across a DST change", async () => {
    // Saturday 2027-03-13 12:00 in Los Angeles; daylight time starts on Sunday.
    const h = await emulators.harness({ start: "2027-03-13T20:00:00Z" });
    const window = {
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "09:00",
      to: "17:00",
      timezone: "contact",
    };
    const a = await h.automation(journey({ window }));
    const e = await h.enroll(a, { email: "la@window.test", timezone: "America/Los_Angeles" });
    const result = await runEmail(await h.context(a, e, "welcome"));
    expect(result).toMatchObject({
      outcome: "deferred",
      // Monday 09:00 PDT (UTC-7), not 09:00 PST (UTC-8).
      until: "2027-03-15T16:00:00.000Z",
      reason: "outside the execution window (mon/tue/wed/thu/fri 09:00–17:00 America/Los_Angeles)",
    });
    expect(await h.deps.quotas.used(`T#${h.tenantId}#mail#journey#2027-03`)).toBe(0);

    await h.clock.to(new Date(result.until ?? ""));
    expect((await runEmail(await h.context(a, e, "welcome", "tok-2"))).outcome).toBe("done");
  });
});
