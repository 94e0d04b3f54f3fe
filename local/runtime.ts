import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoAutomations, DynamoWorkspaces } from "../lambdas/aws/dynamo-automations.js";
import { DynamoQuotas } from "../lambdas/aws/dynamo-quotas.js";
import { DynamoRecords } from "../lambdas/aws/dynamo-records.js";
import { RandomIds } from "../lambdas/aws/ids.js";
import type { BusEvent } from "../lambdas/core/record-events.js";
import { createHttpApp } from "../lambdas/handlers/http/app.js";
import { createStreamHandler } from "../lambdas/handlers/stream.js";
import { apiRoutes } from "./api.js";
import { DevTokens } from "./auth.js";
import { LocalBus } from "./bus.js";
import { VirtualClock } from "./clock.js";
import { startDynalite } from "./emulators/dynalite.js";
import { startHttpServer } from "./http/server.js";
import { LocalStream } from "./stream.js";

export interface RuntimeOptions {
  /** Where data and the development key live; ignored with `memory`. */
  dataDir?: string;
  memory?: boolean;
  port?: number;
  clock?: VirtualClock;
  log?: (line: string) => void;
}

export interface Runtime {
  url: string;
  tokens: DevTokens;
  clock: VirtualClock;
  bus: LocalBus;
  workspaces: DynamoWorkspaces;
  /** Waits until record changes have reached the bus and every delivery has finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The key that signs development tokens: kept with the data, so tokens survive a restart. */
export function devKey(dataDir: string | undefined): Uint8Array {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, "dev-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
}

/**
 * Autopilot on one machine: dynalite (persisted under `dataDir`, or in memory), the record
 * stream and the in-process bus, and the HTTP API calling the same Lambda handlers as on AWS.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const dataDir = options.memory ? undefined : (options.dataDir ?? ".autopilot/data");
  const log = options.log ?? ((line: string) => console.log(line));
  const dynamo = await startDynalite(dataDir ? { path: join(dataDir, "dynamo") } : {});
  const clock = options.clock ?? new VirtualClock();
  const bus = new LocalBus();
  // The router lands with the workflow engine; until then the runtime shows what it would route.
  bus.on("router", async (e: BusEvent) => log(`event ${e["detail-type"]} (${e.detail.tenantId})`));
  const stream = new LocalStream(createStreamHandler({ bus }), clock);
  const db = dynamo.doc;
  const workspaces = new DynamoWorkspaces(db, dynamo.tableName);
  const routes = apiRoutes({
    records: new DynamoRecords(db, dynamo.tableName, stream.feed),
    automations: new DynamoAutomations(db, dynamo.tableName),
    workspaces,
    quotas: new DynamoQuotas(db, dynamo.tableName),
    clock,
    ids: new RandomIds(clock),
  });
  const tokens = new DevTokens(devKey(dataDir));
  const server = await startHttpServer({
    port: options.port ?? 3000,
    routes: routes.map((r) => r.route),
    handler: createHttpApp(routes, log) as never,
    tokens,
  });
  return {
    url: server.url,
    tokens,
    clock,
    bus,
    workspaces,
    async settle() {
      await stream.drain();
      await bus.drain();
    },
    async close() {
      await server.close();
      await stream.drain();
      await dynamo.close();
    },
  };
}
