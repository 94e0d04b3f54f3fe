import { decodeMessageTags } from "../lambdas/core/mail-tags.js";
import { type Route, route } from "../lambdas/handlers/http/app.js";
import type { Clock, OutgoingSms, Sms } from "../lambdas/ports.js";

/** A text message as the local sink keeps it. */
export interface SentSms extends OutgoingSms {
  messageId: string;
  /** When it was sent, on the runtime's clock. */
  at: string;
}

/**
 * The local stand-in for AWS End User Messaging SMS (no emulator exists): keeps every message
 * in memory, in order, so the API (`GET /_local/sms`) and tests can read what was sent.
 * @example
 * const sms = new LocalSms(clock);
 * await sms.send({ to: "+15550100", body: "Hi" }); // { messageId: "sms_1" }
 */
export class LocalSms implements Sms {
  private readonly sent: SentSms[] = [];

  constructor(private readonly clock: Clock) {}

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    const messageId = `sms_${this.sent.length + 1}`;
    this.sent.push({ ...sms, messageId, at: this.clock.now().toISOString() });
    return { messageId };
  }

  /** Every message sent so far, oldest first. */
  messages(): SentSms[] {
    return [...this.sent];
  }
}

/**
 * `GET /_local/sms`: the messages sent for the caller's workspace (the tenant is read from the
 * engagement tags each message carries), oldest first.
 */
export function localSmsRoutes(sms: LocalSms): Route[] {
  return [
    route({
      route: "GET /_local/sms",
      fn: async ({ caller }) => ({
        messages: sms.messages().filter((m) => decodeMessageTags(m.tags ?? {})?.tenantId === caller.tenantId),
      }),
    }),
  ];
}
