import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Mailer, OutgoingMail } from "../ports.js";

/** SES v2 `SendEmail` (simple content, custom headers, message tags). */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: mail.to },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: "UTF-8" },
            Body: {
              ...(mail.html ? { Html: { Data: mail.html, Charset: "UTF-8" } } : {}),
              ...(mail.text ? { Text: { Data: mail.text, Charset: "UTF-8" } } : {}),
            },
            Headers: Object.entries(mail.headers ?? {}).map(([Name, Value]) => ({ Name, Value })),
          },
        },
        EmailTags: Object.entries(mail.tags ?? {}).map(([Name, Value]) => ({
          Name,
          // SES tag values allow letters, digits, _ - . @ only.
          Value: Value.replace(/[^\w.@-]/g, "_"),
        })),
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return { messageId: out.MessageId ?? "" };
  }
}
