import type { AddressInfo } from "node:net";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import sesLocal from "aws-ses-v2-local";
import { emulatorClientConfig } from "./client-config.js";

/** One mail as aws-ses-v2-local keeps it (`GET /store`). */
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

/** aws-ses-v2-local on a loopback port; its web UI at `url` shows every mail sent. */
export async function startSes(
  port = 0,
): Promise<{ url: string; client: SESv2Client; mails(): Promise<StoredMail[]>; close(): Promise<void> }> {
  const start = ((sesLocal as unknown as { default?: typeof sesLocal }).default ??
    sesLocal) as typeof sesLocal;
  const server = await start({ host: "127.0.0.1", port });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SESv2Client(emulatorClientConfig(url, "ses"));
  return {
    url,
    client,
    async mails() {
      const store = (await (await fetch(`${url}/store`)).json()) as { emails: StoredMail[] };
      return store.emails;
    },
    async close() {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
