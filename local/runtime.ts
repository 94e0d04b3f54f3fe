import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoAutomations, DynamoWorkspaces } from "../lambdas/aws/dynamo-automations.js";
import { DynamoDueBuckets } from "../lambdas/aws/dynamo-due.js";
import { DynamoEnrollmentTraces } from "../lambdas/aws/dynamo-enrollment-traces.js";
import { DynamoEnrollments } from "../lambdas/aws/dynamo-enrollments.js";
import { DynamoLedger } from "../lambdas/aws/dynamo-ledger.js";
import { DynamoQuotas } from "../lambdas/aws/dynamo-quotas.js";
import { DynamoRecords } from "../lambdas/aws/dynamo-records.js";
import { DynamoSecrets } from "../lambdas/aws/dynamo-secrets.js";
import { DynamoUsers } from "../lambdas/aws/dynamo-users.js";
import { DynamoWaiters } from "../lambdas/aws/dynamo-waiters.js";
import { RandomIds } from "../lambdas/aws/ids.js";
import { SesMailer } from "../lambdas/aws/ses-mailer.js";
import { createWebhookSender } from "../lambdas/aws/webhook-sender.js";
import { createActivationHooks } from "../lambdas/handlers/activation.js";
import { createDateTriggers } from "../lambdas/handlers/date-triggers.js";
import { createEmailIndexer } from "../lambdas/handlers/email-index.js";
import { createRouter } from "../lambdas/handlers/router.js";
import { forgetStatuses } from "../lambdas/handlers/steps/claim.js";
import { definitionOf, type StepDeps } from "../lambdas/handlers/steps/context.js";
import { createStepHandlers } from "../lambdas/handlers/steps/index.js";
import { forgetWorkspaces } from "../lambdas/handlers/steps/workspace.js";
import { createStreamHandler } from "../lambdas/handlers/stream.js";
import { createTimerHandler, type TimerDeps } from "../lambdas/handlers/timer.js";
import { compile } from "../statemachines/compiler/index.js";
import { apiRoutes } from "./api.js";
import { DevTokens } from "./auth.js";
import { LocalBus } from "./bus.js";
import { VirtualClock } from "./clock.js";
import { clockRoutes } from "./clock-routes.js";
import { type LocalDynamo, startDynalite } from "./emulators/dynalite.js";
import { type StoredMail, startSes } from "./emulators/ses.js";
import { LocalEngine } from "./engine/local-engine.js";
import { serveRoutes } from "./http/server.js";
import { ingressRoutes, ingressStores } from "./ingress.js";
import { LocalSms, localSmsRoutes } from "./sms.js";
import { LocalStream } from "./stream.js";
import { LocalTimers } from "./timers.js";

export interface RuntimeOptions {
  /** Where data and the development key live; ignored with `memory`. */
  dataDir?: string;
  memory?: boolean;
  port?: number;
  sesPort?: number;
  clock?: VirtualClock;
  /** Lets webhooks reach loopback and private addresses: for tests with a local receiver only. */
  allowPrivateWebhooks?: boolean;
  log?: (line: string) => void;
}

export interface Runtime {
  url: string;
  sesUrl: string;
  tokens: DevTokens;
  clock: VirtualClock;
  bus: LocalBus;
  engine: LocalEngine;
  workspaces: DynamoWorkspaces;
  enrollments: DynamoEnrollments;
  /** The local DynamoDB, for tests and tools that look inside. */
  dynamo: { doc: LocalDynamo["doc"]; tableName: string };
  mails(): Promise<StoredMail[]>;
  sms: LocalSms;
  timers: LocalTimers;
  dateTriggers: ReturnType<typeof createDateTriggers>;
  /** Waits until record changes, events and segments have all run their course. */
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
 * Autopilot on one machine: dynalite, aws-ses-v2-local, the record stream and the in-process
 * bus, the router, aws-local-stepfunctions running the compiled machines with the same step
 * handlers as Lambda, timers on the virtual clock, and the HTTP API.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const dataDir = options.memory ? undefined : (options.dataDir ?? ".autopilot/data");
  const log = options.log ?? ((line: string) => console.log(line));
  const dynamo = await startDynalite(dataDir ? { path: join(dataDir, "dynamo") } : {});
  const ses = await startSes(options.sesPort ?? 0);
  const clock = options.clock ?? new VirtualClock();
  const key = devKey(dataDir);
  const db = dynamo.doc;
  const t = dynamo.tableName;
  const bus = new LocalBus();
  const stream = new LocalStream(createStreamHandler({ bus }), clock);
  const records = new DynamoRecords(db, t, stream.feed);
  const automations = new DynamoAutomations(db, t);
  const workspaces = new DynamoWorkspaces(db, t);
  const enrollments = new DynamoEnrollments(db, t);
  const quotas = new DynamoQuotas(db, t);
  const users = new DynamoUsers(db, t);
  const ids = new RandomIds(clock);
  const timersRef: { current?: LocalTimers } = {};
  const engineRef: { current?: LocalEngine } = {};
  const waiters = new DynamoWaiters(db, t);
  const sms = new LocalSms(clock);
  const stepDeps: StepDeps = {
    automations,
    enrollments,
    records,
    users,
    workspaces,
    quotas,
    clock,
    ids,
    ledger: new DynamoLedger(db, t),
    mailer: new SesMailer(ses.client),
    timers: {
      schedule: (at, name, payload) => (timersRef.current as LocalTimers).schedule(at, name, payload),
      cancel: (at, name) => (timersRef.current as LocalTimers).cancel(at, name),
    },
    waiters,
    sms,
    engine: { start: (input) => (engineRef.current as LocalEngine).start(input) },
    publicUrl: "http://127.0.0.1",
    secrets: new DynamoSecrets(db, t, createHash("sha256").update(key).update("secrets").digest()),
    systemFrom: "Autopilot <notifications@autopilot.local>",
    webhook: createWebhookSender({ allowPrivate: options.allowPrivateWebhooks ?? false }),
  };
  const engine = new LocalEngine(
    async (tenantId, automationId, version) =>
      compile(await definitionOf(stepDeps, tenantId, automationId, version)),
    createStepHandlers(stepDeps),
    log,
  );
  engineRef.current = engine;
  const sweepRef: { current?: (p: Parameters<NonNullable<TimerDeps["sweep"]>>[0]) => Promise<void> } = {};
  const timers = new LocalTimers(
    db,
    t,
    createTimerHandler({
      engine,
      waiters,
      sweep: (p) => (sweepRef.current as NonNullable<TimerDeps["sweep"]>)(p),
    }),
  );
  timersRef.current = timers;
  const router = createRouter({
    automations,
    enrollments,
    engine,
    waiters,
    timers,
    clock,
    log,
    // Bound late: the date triggers start enrollments through the router.
    dateContactChanged: (event, automationId, version, trigger) =>
      dateTriggers.contactChanged(event, automationId, version, trigger),
  });
  const dateTriggers = createDateTriggers({
    automations,
    records,
    workspaces,
    timers,
    buckets: new DynamoDueBuckets(db, t),
    clock,
    enroll: router.enroll,
  });
  sweepRef.current = dateTriggers.sweep;
  // One process: an activation is seen by the next event at once (on AWS, within the index TTL).
  automations.onStatusChange = (tenantId) => {
    router.invalidate(tenantId);
    forgetStatuses(automations);
  };
  workspaces.onChange = () => forgetWorkspaces(workspaces);
  bus.on("router", router);
  const ingress = ingressStores(db, t);
  bus.on("emailIndex", createEmailIndexer({ emailIndex: ingress.emailIndex }));

  clock.nextStop = (target) => timers.nextDue(target);
  clock.onChange(async (now) => {
    await timers.fireDue(now);
    await settle();
  });
  // A running clock (npm start) fires timers as real time passes, too.
  const tick = clock.frozen ? undefined : setInterval(() => void timers.fireDue(clock.now()), 1_000);
  tick?.unref();

  async function settle() {
    for (let round = 0; round < 100; round++) {
      const before = engine.segments + bus.published.length;
      await stream.drain();
      await bus.drain();
      await engine.drain();
      await stream.drain();
      if (engine.segments + bus.published.length === before) return;
    }
  }
  const routes = [
    ...apiRoutes({
      records,
      automations,
      workspaces,
      quotas,
      users,
      clock,
      ids,
      secrets: stepDeps.secrets,
      enrollments,
      engine,
      waiters,
      timers,
      traces: new DynamoEnrollmentTraces(db, t),
      hooks: createActivationHooks({ enrollments, engine, dateTriggers }),
    }),
    ...ingressRoutes({ ...ingress, records, workspaces, quotas, bus, clock, ids, secrets: stepDeps.secrets }),
    ...localSmsRoutes(sms),
    ...clockRoutes({ clock, settle }),
  ];
  const tokens = new DevTokens(key);
  const server = await serveRoutes({ routes, tokens, port: options.port ?? 3000, log });
  stepDeps.publicUrl = server.url;
  return {
    url: server.url,
    sesUrl: ses.url,
    tokens,
    clock,
    bus,
    engine,
    workspaces,
    enrollments,
    dynamo: { doc: dynamo.doc, tableName: dynamo.tableName },
    mails: () => ses.mails(),
    settle,
    sms,
    timers,
    dateTriggers,
    async close() {
      if (tick) clearInterval(tick);
      await server.close();
      await settle();
      await ses.close();
      await dynamo.close();
    },
  };
}
