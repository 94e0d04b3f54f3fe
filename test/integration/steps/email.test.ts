import { describe, expect, it } from "vitest";
import { decodeMessageTags } from "../../../lambdas/core/mail-tags.js";
import { readUnsubscribeToken } from "../../../lambdas/core/unsubscribe.js";
import { runEmail } from "../../../lambdas/handlers/steps/email.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = (welcome: Record<string, unknown>, settings?: Record<string, unknown>) => ({
  kind: "journey",
  id: "webinar",
  name: "Webinar",
  triggers: [],
  start: "welcome",
  steps: { welcome: { type: "email", ...welcome } },
  ...(settings ? { settings } : {}),
});
const welcome = { subject: "Thanks, {{contact.firstName}}", html: "<p>Hi {{contact.firstName}}</p>" };
const mailsTo = async (address: string) =>
  (await emulators.ses.mails()).filter((m) => m.destination.to.includes(address));

describe("the email step", () => {
  it("sends marketing mail with an unsubscribe link, the postal address, one-click headers and engagement tags", async () => {
    const h = await emulators.harness({
      workspace: { postalAddress: "Acme Inc, 1 Main St, Springfield", from: "Acme <hello@acme.test>" },
    });
    const a = await h.automation(journey(welcome));
    const e = await h.enroll(a, { email: "ana@example.com", firstName: "Ana" });
    const result = await runEmail(await h.context(a, e, "welcome"));

    expect(result.outcome).toBe("done");
    const [mail] = await mailsTo("ana@example.com");
    expect(mail?.subject).toBe("Thanks, Ana");
    expect(mail?.from).toBe("Acme <hello@acme.test>");
    expect(mail?.body.html).toContain("<p>Hi Ana</p>");
    expect(mail?.body.html).toContain("Acme Inc, 1 Main St, Springfield");
    // aws-ses-v2-local keeps neither headers nor tags: read them from the request it got.
    const request = h.sesRequests.at(-1);
    const headers = Object.fromEntries(
      (request?.Content?.Simple?.Headers ?? []).map((x) => [x.Name, x.Value]),
    );
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(https:\/\/api\.acme\.test\/unsubscribe\?token=(.+))>$/.exec(
      String(headers["List-Unsubscribe"]),
    );
    expect(mail?.body.html).toContain(url?.[1]);
    const key = await h.deps.secrets.get(h.tenantId, "unsubscribe");
    expect(readUnsubscribeToken(key, decodeURIComponent(url?.[2] ?? ""))).toEqual({
      tenantId: h.tenantId,
      contactId: e.contactId,
    });
    const tags = Object.fromEntries((request?.EmailTags ?? []).map((x) => [x.Name, x.Value]));
    expect(decodeMessageTags(tags as Record<string, string>)).toEqual({
      tenantId: h.tenantId,
      automationId: a,
      enrollmentId: e.enrollmentId,
      stepId: "welcome",
      token: "tok-1",
      contactId: e.contactId,
    });
    const stored = await h.enrollment(e.enrollmentId);
    expect(stored.fx?.["welcome#tok-1"]).toMatchObject({
      state: "done",
      result: { messageId: mail?.messageId },
    });
    expect(stored.trace.at(-1)).toMatchObject({
      what: "ran",
      detail: expect.stringMatching(/^sent to ana@example.com \(/),
    });
  });

  it("costs three DynamoDB operations once the container's caches are warm", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey(welcome));
    await runEmail(await h.context(a, await h.enroll(a, { email: "warm@example.com" }), "welcome"));
    const ctx = await h.context(a, await h.enroll(a, { email: "second@example.com" }), "welcome");
    h.requests.n = 0;
    expect((await runEmail(ctx)).outcome).toBe("done");
    expect(h.requests.n).toBe(3);
  });

  it("sends transactional mail (marketing: false) without unsubscribe headers", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey({ ...welcome, marketing: false }));
    await runEmail(await h.context(a, await h.enroll(a, { email: "receipt@example.com" }), "welcome"));
    expect(h.sesRequests.at(-1)?.Content?.Simple?.Headers).toEqual([]);
    expect((await mailsTo("receipt@example.com"))[0]?.body.html).not.toContain("unsubscribe");
  });

  it("skips an unsubscribed contact and says so in the trace", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey(welcome));
    const e = await h.enroll(a, { email: "gone@example.com", unsubscribed: true });
    expect((await runEmail(await h.context(a, e, "welcome"))).outcome).toBe("skipped");
    expect(await mailsTo("gone@example.com")).toEqual([]);
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)).toMatchObject({
      what: "skipped",
      detail: "suppressed: unsubscribed",
    });
  });

  it("skips a contact without an email address", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey(welcome));
    const e = await h.enroll(a, { phone: "+15550100" });
    expect((await runEmail(await h.context(a, e, "welcome"))).outcome).toBe("skipped");
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toBe("no email address");
  });

  it("sends once when the same visit runs twice, and gives the second reservation back", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey(welcome));
    const e = await h.enroll(a, { email: "twice@example.com" });
    await runEmail(await h.context(a, e, "welcome"));
    expect((await runEmail(await h.context(a, e, "welcome"))).outcome).toBe("done");
    expect(await mailsTo("twice@example.com")).toHaveLength(1);
    expect(await h.deps.quotas.used(`T#${h.tenantId}#mail#journey#2027-03`)).toBe(1);
    expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toBe("already done in this visit");
  });

  it("sends the A/B variant its enrollment falls in, every time, and names it in the trace", async () => {
    const h = await emulators.harness();
    const variants = [
      { name: "short", weight: 50, subject: "Short" },
      { name: "long", weight: 50, subject: "A much longer subject" },
    ];
    const a = await h.automation(journey({ ...welcome, variants }));
    const sent: string[] = [];
    for (let i = 0; i < 6; i++) {
      const e = await h.enroll(a, { email: `ab${i}@example.com` });
      expect((await runEmail(await h.context(a, e, "welcome"))).outcome).toBe("done");
      const variant = (await h.enrollment(e.enrollmentId)).fx?.["welcome#tok-1"]?.result?.variant as string;
      const subject = (await mailsTo(`ab${i}@example.com`))[0]?.subject;
      expect(subject).toBe(variants.find((v) => v.name === variant)?.subject);
      expect((await h.enrollment(e.enrollmentId)).trace.at(-1)?.detail).toContain(`variant ${variant}`);
      sent.push(variant);
    }
    expect(new Set(sent).size).toBe(2);
  });

  it("sends from the contact owner's identity when the step says owner", async () => {
    const h = await emulators.harness();
    await h.deps.users.put(h.tenantId, {
      id: "usr_rep",
      email: "rep@acme.test",
      sendAs: "Rita <rita@acme.test>",
      role: "rep",
      timezone: "UTC",
    });
    const a = await h.automation(journey({ ...welcome, from: "owner" }));
    await runEmail(
      await h.context(a, await h.enroll(a, { email: "own@example.com", ownerId: "usr_rep" }), "welcome"),
    );
    expect((await mailsTo("own@example.com"))[0]?.from).toBe("Rita <rita@acme.test>");
  });
});
