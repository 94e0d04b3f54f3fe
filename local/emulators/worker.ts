import { Worker } from "node:worker_threads";

/** What an emulator's worker says to the thread that started it. */
export type FromWorker =
  | { kind: "ready"; port: number }
  | { kind: "closed"; error?: string }
  | { kind: "reply"; id: number; status: number; headers: Record<string, string>; body: string };

export interface EmulatorWorker {
  worker: Worker;
  /** The loopback port the emulator listens on. */
  port: number;
  close(): Promise<void>;
}

/**
 * Runs an emulator in a worker thread, so that its work runs on another core than the handlers'
 * and its memory (a mailbox, a table) is its own. `body` is plain CommonJS (no TypeScript loader
 * in the worker) defining `async function start()` that returns
 * `{ port, close(): Promise<void>, request?(message) }`; `workerData` is passed on.
 */
export async function startEmulatorWorker(
  body: string,
  workerData: Record<string, unknown>,
): Promise<EmulatorWorker> {
  const source = `
const { parentPort, workerData } = require("node:worker_threads");
${body}
start().then((s) => {
  parentPort.on("message", (m) => {
    if (m.kind === "close")
      s.close().then(
        () => parentPort.postMessage({ kind: "closed" }),
        (e) => parentPort.postMessage({ kind: "closed", error: String(e) }),
      );
    else if (m.kind === "request" && s.request) s.request(m);
  });
  parentPort.postMessage({ kind: "ready", port: s.port });
});
`;
  const worker = new Worker(source, { eval: true, workerData });
  const message = <K extends FromWorker["kind"]>(kind: K) =>
    new Promise<Extract<FromWorker, { kind: K }>>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      const listen = (m: FromWorker) => {
        if (m.kind !== kind) return;
        worker.off("message", listen);
        worker.off("error", fail);
        resolve(m as Extract<FromWorker, { kind: K }>);
      };
      worker.once("error", fail);
      worker.on("message", listen);
    });
  const { port } = await message("ready");
  return {
    worker,
    port,
    async close() {
      const closed = message("closed");
      worker.postMessage({ kind: "close" });
      const { error } = await closed;
      await worker.terminate();
      if (error) throw new Error(`the emulator did not close: ${error}`);
    },
  };
}
