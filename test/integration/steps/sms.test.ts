import { describe, expect, it } from "vitest";
import { decodeMessageTags } from "../../../lambdas/core/mail-tags.js";
import { runSms } from "../../../lambdas/handlers/steps/sms.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = (settings?: Record<string, unknown>) => ({
  kind: "journey",
  id: "texts",
  name: "Texts",
  triggers: [],
  start: "text",
  steps: { text: { type: "sms", text: "Hi {{contact.firstName}}, the webinar starts soon" } },
  ...(settings ? { settings } : {}),
});

describe("the sms step", () => {
  it("texts the contact's phone with engagement tags and traces it", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey());
    const e = await h.enroll(a, { phone: "+15550100", firstName: "Ana" });
    expect((await runSms(await h.context(a, e, "text"))).outcome).toBe("done");
    const [sent] = h.sms.messages();
    expect(sent).toMatchObject({
      to: "+15550100",
      body: "Hi Ana, the webinar starts soon",
      at: "2027-03-01T10:00:00.000Z",
    });
    expect(decodeMessageTags(sent?.tags ?? {})).toMatchObject({
      enrollmentId: e.enrollmentId,
      stepId: "text",
    });
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)).toMatchObject({
      what: "ran",
      detail: `texted +15550100 (${sent?.messageId})`,
    });
  });

  it("texts once when the same visit runs twice", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey());
    const e = await h.enroll(a, { phone: "+15550101" });
    await runSms(await h.context(a, e, "text"));
    await runSms(await h.context(a, e, "text"));
    expect(h.sms.messages()).toHaveLength(1);
  });

  it("skips a contact that bounced, on SMS too", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey());
    const e = await h.enroll(a, { phone: "+15550102", bounced: true });
    expect((await runSms(await h.context(a, e, "text"))).outcome).toBe("skipped");
    expect(h.sms.messages()).toEqual([]);
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toBe("suppressed: bounced");
  });

  it("skips a contact without a phone number", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey());
    const e = await h.enroll(a, { email: "nophone@example.com" });
    expect((await runSms(await h.context(a, e, "text"))).outcome).toBe("skipped");
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toBe("no phone number");
  });

  it("defers a text outside the window to its opening in the contact's zone", async () => {
    // 10:00 UTC is 19:00 in Tokyo: after hours there.
    const h = await emulators.harness();
    const a = await h.automation(journey({ window: { from: "09:00", to: "17:00" } }));
    const e = await h.enroll(a, { phone: "+815550100", timezone: "Asia/Tokyo" });
    expect(await runSms(await h.context(a, e, "text"))).toMatchObject({
      outcome: "deferred",
      until: "2027-03-02T00:00:00.000Z",
    });
    expect(h.sms.messages()).toEqual([]);
  });
});
