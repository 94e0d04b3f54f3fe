import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTableInput } from "../../lambdas/aws/table.js";
import { emulatorClientConfig } from "./client-config.js";

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  close(): Promise<void>;
}

/**
 * dynalite in a worker thread: its validation and LevelDB work run on the second core while the
 * handlers run on the first. The SDK's requests reach dynalite's own request handler over the
 * worker's message port (no socket, no HTTP parsing on either side); dynalite also listens on a
 * loopback port for other tools. Plain CommonJS, so the worker needs no TypeScript loader.
 */
const WORKER = `
const { EventEmitter } = require("node:events");
const { parentPort, workerData } = require("node:worker_threads");
const dynalite = require(workerData.dynalite);
const server = dynalite(workerData.options);
const handle = server.listeners("request")[0];
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ kind: "ready", port: server.address().port }));
parentPort.on("message", (m) => {
  if (m.kind === "close") {
    server.close((e) => parentPort.postMessage({ kind: "closed", error: e ? String(e) : undefined }));
    return;
  }
  const req = new EventEmitter();
  req.method = m.method;
  req.url = m.url;
  req.headers = m.headers;
  const headers = {};
  const res = {
    statusCode: 200,
    setHeader(name, value) { headers[name.toLowerCase()] = String(value); },
    end(body) {
      parentPort.postMessage({ kind: "reply", id: m.id, status: res.statusCode, headers, body: body === undefined ? "" : String(body) });
    },
  };
  handle(req, res);
  if (m.body) req.emit("data", Buffer.from(m.body));
  req.emit("end");
});
`;

type FromWorker =
  | { kind: "ready"; port: number }
  | { kind: "closed"; error?: string }
  | { kind: "reply"; id: number; status: number; headers: Record<string, string>; body: string };

const utf8 = new TextDecoder();

/** The SDK's HTTP handler, swapped for one that hands each request to the worker. */
class WorkerRequestHandler {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (r: FromWorker) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly worker: Worker) {
    worker.on("message", (m: FromWorker) => {
      if (m.kind !== "reply") return;
      this.waiting.get(m.id)?.resolve(m);
      this.waiting.delete(m.id);
    });
    const fail = (e: Error) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`dynalite's worker exited (${code})`)));
  }

  async handle(request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
  }) {
    const id = this.nextId++;
    const body =
      request.body === undefined || typeof request.body === "string"
        ? request.body
        : // The SDK's JSON bodies are byte arrays that warn when read as strings: decode the bytes.
          utf8.decode(request.body);
    const reply = await new Promise<FromWorker>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({
        id,
        method: request.method,
        url: request.path,
        headers: request.headers,
        body,
      });
    });
    const r = reply as Extract<FromWorker, { kind: "reply" }>;
    return { response: { statusCode: r.status, headers: r.headers, body: Buffer.from(r.body, "utf8") } };
  }

  updateHttpClientConfig(): void {}
  httpHandlerConfigs() {
    return {};
  }
  destroy(): void {}
}

/**
 * Starts dynalite on a free loopback port, in memory or persisted under `path`, and creates the
 * table if it is missing. The AWS SDK talks to it exactly as to DynamoDB.
 */
export async function startDynalite(
  options: { path?: string; tableName?: string } = {},
): Promise<LocalDynamo> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      dynalite: createRequire(import.meta.url).resolve("dynalite"),
      options: {
        createTableMs: 0,
        deleteTableMs: 0,
        updateTableMs: 0,
        ...(options.path ? { path: options.path } : {}),
      },
    },
  });
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
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    ...emulatorClientConfig(endpoint, "dynamodb"),
    requestHandler: new WorkerRequestHandler(worker) as never,
    maxAttempts: 3,
  });
  const tableName = options.tableName ?? "autopilot";
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint,
    client,
    doc,
    tableName,
    async close() {
      client.destroy();
      const closed = message("closed");
      worker.postMessage({ kind: "close" });
      const { error } = await closed;
      await worker.terminate();
      if (error) throw new Error(`dynalite did not close: ${error}`);
    },
  };
}
