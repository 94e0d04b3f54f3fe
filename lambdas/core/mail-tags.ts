/**
 * What a sent message carries so that its engagement (SES events: delivery, open, click, bounce,
 * complaint) finds the enrollment and the step visit that sent it. SES tag values allow only
 * letters, digits, `_`, `-`, `.` and `@`, and step ids may hold `?` or `!`: values are base64url.
 */
export interface MessageRef {
  tenantId: string;
  automationId: string;
  enrollmentId: string;
  stepId: string;
  /** The segment token of the visit: with the step, the ledger key inside the enrollment. */
  token: string;
  contactId?: string;
}

const FIELDS = {
  t: "tenantId",
  a: "automationId",
  e: "enrollmentId",
  s: "stepId",
  v: "token",
  c: "contactId",
} as const satisfies Record<string, keyof MessageRef>;

const enc = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const dec = (s: string) => Buffer.from(s, "base64url").toString("utf8");

/** The tags to send with a message (`ap-t`, `ap-a`, …), every value base64url. */
export function encodeMessageTags(ref: MessageRef): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [short, long] of Object.entries(FIELDS)) {
    const value = ref[long];
    if (value !== undefined && value !== "") tags[`ap-${short}`] = enc(value);
  }
  return tags;
}

/**
 * Reads tags back (SES events give `mail.tags` as name → [values]); undefined when the message
 * was not sent by a step (a notify alert, a test mail).
 */
export function decodeMessageTags(
  tags: Record<string, string | string[] | undefined>,
): MessageRef | undefined {
  const one = (name: string) => {
    const v = tags[`ap-${name}`];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined ? undefined : dec(s);
  };
  const ref: Partial<MessageRef> = {};
  for (const [short, long] of Object.entries(FIELDS)) {
    const value = one(short);
    if (value !== undefined) ref[long] = value;
  }
  return ref.tenantId && ref.automationId && ref.enrollmentId && ref.stepId && ref.token
    ? (ref as MessageRef)
    : undefined;
}
