import { createRequire } from "node:module";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { emulatorClientConfig } from "./client-config.js";
import { startEmulatorWorker } from "./worker.js";

/** One mail as aws-ses-v2-local keeps it (`GET /store`). */
export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

/** aws-ses-v2-local, started in the worker (its mailbox is a module-level store: one per worker). */
const WORKER = `
const ses = require(workerData.ses);
async function start() {
  const server = await (ses.default ?? ses)({ host: "127.0.0.1", port: workerData.port });
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
`;

/**
 * aws-ses-v2-local on a loopback port, in a worker thread (its own core and its own mailbox, so
 * two runtimes in one process never see each other's mail); its web UI at `url` shows every mail.
 */
export async function startSes(
  port = 0,
): Promise<{ url: string; client: SESv2Client; mails(): Promise<StoredMail[]>; close(): Promise<void> }> {
  const emulator = await startEmulatorWorker(WORKER, {
    ses: createRequire(import.meta.url).resolve("aws-ses-v2-local"),
    port,
  });
  const url = `http://127.0.0.1:${emulator.port}`;
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
      await emulator.close();
    },
  };
}
