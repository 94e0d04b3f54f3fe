import { describe, expect, it } from "vitest";
import { parseSesEvent } from "../../../lambdas/core/ses-events.js";
import {
  bounce,
  click,
  complaint,
  delivery,
  mail,
  onEventBridge,
  open,
  REF,
} from "../../support/ses-fixtures.js";

const ours = {
  tenantId: "acme",
  contactId: "ctc_1",
  automationId: "aut_welcome",
  enrollmentId: "enr_1",
  stepId: "welcome?",
  token: "tok_1",
  messageId: mail().messageId,
};

describe("parseSesEvent", () => {
  it("turns an Open record into email.opened, timed by the open, for the enrollment in its tags", () => {
    const parsed = parseSesEvent(open());
    expect(parsed).toStrictEqual({
      ok: true,
      event: {
        id: expect.stringMatching(/^ses_[\w-]{22}$/),
        source: "autopilot.engagement",
        "detail-type": "email.opened",
        time: "2017-08-09T22:00:19.652Z",
        detail: ours,
      },
    });
  });

  it("keeps the link of a Click, and tells two links of one message apart by id", () => {
    const a = parseSesEvent(click("https://acme.test/a"));
    const b = parseSesEvent(click("https://acme.test/b"));
    expect(a.ok && a.event.detail).toStrictEqual({ ...ours, link: "https://acme.test/a" });
    expect(a.ok && a.event["detail-type"]).toBe("email.clicked");
    expect(a.ok && b.ok && a.event.id !== b.event.id).toBe(true);
  });

  it("gives the same SES event the same id every time it arrives", () => {
    const first = parseSesEvent(click());
    const again = parseSesEvent(JSON.parse(JSON.stringify(click())));
    expect(first.ok && again.ok && first.event.id === again.event.id).toBe(true);
  });

  it("suppresses the contact on a permanent bounce, not on a transient one", () => {
    const hard = parseSesEvent(bounce("Permanent"));
    const soft = parseSesEvent(bounce("Transient"));
    expect(hard).toMatchObject({ ok: true, suppress: "bounced", event: { "detail-type": "email.bounced" } });
    expect(hard.ok && hard.event.detail.bounceType).toBe("Permanent");
    expect(soft.ok && soft.suppress).toBeUndefined();
    expect(soft.ok && soft.event.detail.bounceType).toBe("Transient");
  });

  it("suppresses the contact on a complaint", () => {
    expect(parseSesEvent(complaint())).toMatchObject({
      ok: true,
      suppress: "complained",
      event: { "detail-type": "email.complained", time: "2017-08-05T00:41:02.669Z", detail: ours },
    });
  });

  it("reads a Delivery as email.delivered", () => {
    expect(parseSesEvent(delivery())).toMatchObject({
      ok: true,
      event: { "detail-type": "email.delivered" },
    });
  });

  it("reads the record inside an EventBridge event from aws.ses, with the same id as over SNS", () => {
    const direct = parseSesEvent(open());
    const viaBridge = parseSesEvent(onEventBridge("Email Opened", open()));
    expect(viaBridge).toStrictEqual(direct);
  });

  it("reads the record inside an SNS notification", () => {
    const sns = { Type: "Notification", MessageId: "x", Message: JSON.stringify(click()) };
    expect(parseSesEvent(sns)).toStrictEqual(parseSesEvent(click()));
  });

  it("skips mail no step sent (no ap-* tags), with why", () => {
    expect(parseSesEvent({ ...open(), mail: mail(null) })).toStrictEqual({
      ok: false,
      reason: `message ${mail().messageId} was not sent by a step`,
    });
  });

  it("skips events that are not engagement, and what is not an SES record", () => {
    expect(parseSesEvent({ eventType: "Send", mail: mail(), send: {} })).toStrictEqual({
      ok: false,
      reason: "Send event is not engagement",
    });
    expect(parseSesEvent({ hello: "world" })).toStrictEqual({ ok: false, reason: "not an SES event record" });
    expect(parseSesEvent("Open")).toMatchObject({ ok: false });
  });

  it("carries no contactId when the tags name none (the router finds the enrollment)", () => {
    const { contactId: _, ...withoutContact } = REF;
    const parsed = parseSesEvent(open(withoutContact));
    expect(parsed.ok && "contactId" in parsed.event.detail).toBe(false);
  });
});
