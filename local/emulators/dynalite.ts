import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTableInput } from "../../lambdas/aws/table.js";
import { emulatorClientConfig } from "./client-config.js";
import { type FromWorker, startEmulatorWorker } from "./worker.js";

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
 * loopback port for other tools.
 */
const WORKER = `
const { EventEmitter } = require("node:events");
const dynalite = require(workerData.dynalite);
async function start() {
  const server = dynalite(workerData.options);
  const handle = server.listeners("request")[0];
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
    request(m) {
      const req = new EventEmitter();
      req.method = m.method;
      req.url = m.url;
      req.headers = m.headers;
      const headers = {};
      const res = {
        statusCode: 200,
        setHeader(name, value) {
          headers[name.toLowerCase()] = String(value);
        },
        end(body) {
          const text = body === undefined ? "" : String(body);
          parentPort.postMessage({ kind: "reply", id: m.id, status: res.statusCode, headers, body: text });
        },
      };
      handle(req, res);
      if (m.body) req.emit("data", Buffer.from(m.body));
      req.emit("end");
    },
  };
}
`;

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
    worker.on("exit", (code) => fail(new Error(`the dynalite worker exited (${code})`)));
  }

  async handle(request: { method: string; path: string; headers: Record<string, string>; body?: unknown }) {
    const id = this.nextId++;
    // The SDK's JSON bodies are byte arrays that warn when read as strings: decode the bytes.
    const body = request.body instanceof Uint8Array ? utf8.decode(request.body) : request.body;
    const reply = await new Promise<FromWorker>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({
        kind: "request",
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

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

/**
 * Starts dynalite, in memory or persisted under `path`, and creates the table if it is missing.
 * The AWS SDK talks to it exactly as to DynamoDB.
 */
export async function startDynalite(
  options: { path?: string; tableName?: string } = {},
): Promise<LocalDynamo> {
  const emulator = await startEmulatorWorker(WORKER, {
    dynalite: createRequire(import.meta.url).resolve("dynalite"),
    options: {
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(options.path ? { path: options.path } : {}),
    },
  });
  const endpoint = `http://127.0.0.1:${emulator.port}`;
  const client = new DynamoDBClient({
    ...emulatorClientConfig(endpoint, "dynamodb"),
    requestHandler: new WorkerRequestHandler(emulator.worker) as never,
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
      await emulator.close();
    },
  };
}
