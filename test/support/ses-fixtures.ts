import { encodeMessageTags, type MessageRef } from "../../lambdas/core/mail-tags.js";

/** What a journey step tags its mail with (lambdas/core/mail-tags.ts). */
export const REF: MessageRef = {
  tenantId: "acme",
  automationId: "aut_welcome",
  enrollmentId: "enr_1",
  stepId: "welcome?",
  token: "tok_1",
  contactId: "ctc_1",
};

const MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

/** The `mail` object of the SES event publishing examples, with our tags beside SES's own. */
export function mail(ref: MessageRef | null = REF, messageId = MESSAGE_ID) {
  const ours = ref
    ? Object.fromEntries(Object.entries(encodeMessageTags(ref)).map(([k, v]) => [k, [v]]))
    : {};
  return {
    timestamp: "2017-08-09T21:59:49.927Z",
    source: "sender@example.com",
    sendingAccountId: "123456789012",
    messageId,
    destination: ["recipient@example.com"],
    headersTruncated: false,
    tags: {
      "ses:configuration-set": ["ConfigSet"],
      "ses:from-domain": ["example.com"],
      "ses:caller-identity": ["ses_user"],
      ...ours,
    },
  };
}

/** The documented `Open` record (SES → SNS), our tags added. */
export const open = (ref: MessageRef | null = REF) => ({
  eventType: "Open",
  mail: mail(ref),
  open: {
    ipAddress: "192.0.2.1",
    timestamp: "2017-08-09T22:00:19.652Z",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_3 like Mac OS X) AppleWebKit/603.3.8",
  },
});

/** The documented `Click` record. */
export const click = (
  link = "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html",
) => ({
  eventType: "Click",
  click: {
    ipAddress: "192.0.2.1",
    link,
    linkTags: { samplekey0: ["samplevalue0"] },
    timestamp: "2017-08-09T23:51:25.570Z",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
  },
  mail: mail(),
});

/** The documented `Bounce` record; `Transient` for a soft bounce. */
export const bounce = (bounceType: "Permanent" | "Transient" = "Permanent", ref?: MessageRef) => ({
  eventType: "Bounce",
  bounce: {
    bounceType,
    bounceSubType: "General",
    bouncedRecipients: [
      {
        emailAddress: "recipient@example.com",
        action: "failed",
        status: "5.1.1",
        diagnosticCode: "smtp; 550 5.1.1 user unknown",
      },
    ],
    timestamp: "2017-08-05T00:41:02.669Z",
    feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
    reportingMTA: "dsn; mta.example.com",
  },
  mail: mail(ref),
});

/** The documented `Complaint` record. */
export const complaint = (ref?: MessageRef) => ({
  eventType: "Complaint",
  complaint: {
    complainedRecipients: [{ emailAddress: "recipient@example.com" }],
    timestamp: "2017-08-05T00:41:02.669Z",
    feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    complaintFeedbackType: "abuse",
    arrivalDate: "2017-08-05T00:41:02.669Z",
  },
  mail: mail(ref),
});

/** The documented `Delivery` record. */
export const delivery = () => ({
  eventType: "Delivery",
  mail: mail(),
  delivery: {
    timestamp: "2016-10-19T23:21:04.133Z",
    processingTimeMillis: 11893,
    recipients: ["recipient@example.com"],
    smtpResponse: "250 2.6.0 Message received",
    reportingMTA: "mta.example.com",
  },
});

/** What an SES event destination on EventBridge delivers: the same record as `detail`. */
export const onEventBridge = (detailType: string, record: object) => ({
  version: "0",
  id: "7d1ae6fb-4b33-4ee0-8d0b-example",
  "detail-type": detailType,
  source: "aws.ses",
  account: "123456789012",
  time: "2017-08-09T22:00:20Z",
  region: "us-east-1",
  resources: ["arn:aws:ses:us-east-1:123456789012:configuration-set/ConfigSet"],
  detail: record,
});
