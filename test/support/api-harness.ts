import { randomBytes } from "node:crypto";
import { DynamoAutomations, DynamoWorkspaces } from "../../lambdas/aws/dynamo-automations.js";
import { DynamoEnrollmentTraces } from "../../lambdas/aws/dynamo-enrollment-traces.js";
import { DynamoEnrollments } from "../../lambdas/aws/dynamo-enrollments.js";
import { DynamoQuotas } from "../../lambdas/aws/dynamo-quotas.js";
import { DynamoRecords } from "../../lambdas/aws/dynamo-records.js";
import { DynamoSecrets } from "../../lambdas/aws/dynamo-secrets.js";
import { DynamoUsers } from "../../lambdas/aws/dynamo-users.js";
import { DynamoWaiters } from "../../lambdas/aws/dynamo-waiters.js";
import { RandomIds } from "../../lambdas/aws/ids.js";
import type { PlanName } from "../../lambdas/core/plans.js";
import type { Role } from "../../lambdas/handlers/http/caller.js";
import { apiRoutes } from "../../local/api.js";
import { DevTokens } from "../../local/auth.js";
import { VirtualClock } from "../../local/clock.js";
import { type LocalDynamo, startDynalite } from "../../local/emulators/dynalite.js";
import { serveRoutes } from "../../local/http/server.js";
import type { SegmentInput } from "../../statemachines/contract.js";
import { RecordingTimers } from "./recording-timers.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;

export interface ApiHarness {
  dynamo: LocalDynamo;
  workspaces: DynamoWorkspaces;
  automations: DynamoAutomations;
  enrollments: DynamoEnrollments;
  waiters: DynamoWaiters;
  timers: RecordingTimers;
  clock: VirtualClock;
  /** Segments the API started (an enrollment retried by hand). */
  started: SegmentInput[];
  /** Lines the API logged (500s); tests expect none. */
  logged: string[];
  token(tenant: string, user: string, role: Role): Promise<string>;
  call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<{ status: number; body: AnyJson }>;
  close(): Promise<void>;
}

/** The HTTP API on an in-memory dynalite, on a free port, with a frozen virtual clock. */
export async function startApi(): Promise<ApiHarness> {
  const dynamo = await startDynalite();
  const clock = new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true });
  const db = dynamo.doc;
  const workspaces = new DynamoWorkspaces(db, dynamo.tableName);
  const automations = new DynamoAutomations(db, dynamo.tableName);
  const enrollments = new DynamoEnrollments(db, dynamo.tableName);
  const waiters = new DynamoWaiters(db, dynamo.tableName);
  const timers = new RecordingTimers();
  const started: SegmentInput[] = [];
  const routes = apiRoutes({
    engine: { start: async (input) => void started.push(input) },
    records: new DynamoRecords(db, dynamo.tableName),
    automations,
    enrollments,
    waiters,
    timers,
    traces: new DynamoEnrollmentTraces(db, dynamo.tableName),
    workspaces,
    quotas: new DynamoQuotas(db, dynamo.tableName),
    users: new DynamoUsers(db, dynamo.tableName),
    secrets: new DynamoSecrets(db, dynamo.tableName, randomBytes(32)),
    clock,
    ids: new RandomIds(clock),
  });
  const tokens = new DevTokens(randomBytes(32));
  const logged: string[] = [];
  const server = await serveRoutes({ routes, tokens, log: (l) => logged.push(l) });
  return {
    dynamo,
    workspaces,
    automations,
    enrollments,
    waiters,
    timers,
    started,
    clock,
    logged,
    token: (tenant, user, role) => tokens.sign({ tenant, user, role }),
    async call(method, path, token, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      const json =
        text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text || undefined;
      return { status: res.status, body: json };
    },
    async close() {
      await server.close();
      await dynamo.close();
    },
  };
}

/**
 * The API with workspace `ws1` on `plan`, and tokens: an admin and a rep of ws1, and an admin of
 * another workspace (`other`), for the 404-across-workspaces checks.
 */
export async function startApiWorkspace(plan: PlanName = "growth") {
  const api = await startApi();
  await api.workspaces.put({ tenantId: "ws1", plan, timezone: "UTC" });
  return {
    api,
    admin: await api.token("ws1", "usr_admin", "admin"),
    rep: await api.token("ws1", "usr_rep", "rep"),
    other: await api.token("ws2", "usr_x", "admin"),
  };
}
