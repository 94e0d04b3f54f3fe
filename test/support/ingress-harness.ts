import { randomBytes } from "node:crypto";
import { DynamoWorkspaces } from "../../lambdas/aws/dynamo-automations.js";
import { DynamoQuotas } from "../../lambdas/aws/dynamo-quotas.js";
import { DynamoRecords } from "../../lambdas/aws/dynamo-records.js";
import { DynamoSecrets } from "../../lambdas/aws/dynamo-secrets.js";
import { RandomIds } from "../../lambdas/aws/ids.js";
import type { Role } from "../../lambdas/handlers/http/caller.js";
import { DevTokens } from "../../local/auth.js";
import { LocalBus } from "../../local/bus.js";
import { VirtualClock } from "../../local/clock.js";
import { type LocalDynamo, startDynalite } from "../../local/emulators/dynalite.js";
import { serveRoutes } from "../../local/http/server.js";
import { ingressRoutes, ingressStores } from "../../local/ingress.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;

export interface CallOptions {
  token?: string;
  /** JSON-encoded unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The ingress routes (track, events, unsubscribe, workspace, local SES events) on an in-memory
 * dynalite, with a LocalBus that records what they publish, behind the local HTTP server.
 */
export async function startIngress(options: { trackPerMinute?: number } = {}) {
  const dynamo: LocalDynamo = await startDynalite();
  const { doc: db, tableName } = dynamo;
  const clock = new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true });
  const bus = new LocalBus();
  const records = new DynamoRecords(db, tableName);
  const workspaces = new DynamoWorkspaces(db, tableName);
  const secrets = new DynamoSecrets(db, tableName, randomBytes(32));
  const stores = ingressStores(db, tableName);
  const routes = ingressRoutes({
    ...stores,
    records,
    workspaces,
    secrets,
    bus,
    clock,
    quotas: new DynamoQuotas(db, tableName),
    ids: new RandomIds(clock),
    ...(options.trackPerMinute === undefined ? {} : { trackPerMinute: options.trackPerMinute }),
  });
  const tokens = new DevTokens(randomBytes(32));
  const logged: string[] = [];
  const server = await serveRoutes({ routes, tokens, log: (l) => logged.push(l) });
  return {
    dynamo,
    clock,
    bus,
    records,
    workspaces,
    secrets,
    ...stores,
    logged,
    token: (tenant: string, role: Role = "admin") => tokens.sign({ tenant, user: "usr_admin", role }),
    async call(method: string, path: string, o: CallOptions = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          "content-type":
            typeof o.body === "string" ? "application/x-www-form-urlencoded" : "application/json",
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o.headers,
        },
        ...(o.body === undefined
          ? {}
          : { body: typeof o.body === "string" ? o.body : JSON.stringify(o.body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: (text ? JSON.parse(text) : undefined) as AnyJson,
      };
    },
    async close() {
      await server.close();
      await dynamo.close();
    },
  };
}
export type IngressHarness = Awaited<ReturnType<typeof startIngress>>;
