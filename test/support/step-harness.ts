import { randomBytes } from "node:crypto";
import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll } from "vitest";
import { DynamoAutomations, DynamoWorkspaces } from "../../lambdas/aws/dynamo-automations.js";
import { DynamoEnrollments } from "../../lambdas/aws/dynamo-enrollments.js";
import { DynamoLedger } from "../../lambdas/aws/dynamo-ledger.js";
import { DynamoQuotas } from "../../lambdas/aws/dynamo-quotas.js";
import { DynamoRecords } from "../../lambdas/aws/dynamo-records.js";
import { DynamoSecrets } from "../../lambdas/aws/dynamo-secrets.js";
import { DynamoUsers } from "../../lambdas/aws/dynamo-users.js";
import { RandomIds } from "../../lambdas/aws/ids.js";
import { SesMailer } from "../../lambdas/aws/ses-mailer.js";
import { loadContext, type StepContext, type StepDeps } from "../../lambdas/handlers/steps/context.js";
import type { Enrollment, Workspace } from "../../lambdas/ports.js";
import { VirtualClock } from "../../local/clock.js";
import type { LocalDynamo } from "../../local/emulators/dynalite.js";
import { startSes } from "../../local/emulators/ses.js";
import { LocalSms } from "../../local/sms.js";
import { useDynalite } from "./dynalite.js";

type Ses = Awaited<ReturnType<typeof startSes>>;

const unused = (what: string) => () => {
  throw new Error(`${what} is not used by message and record steps`);
};

/** Calls `see` with the input of every request a client sends (adapters share their client's stack). */
function tap(client: { middlewareStack: { add: (...a: never[]) => void } }, see: (input: unknown) => void) {
  const middleware =
    (next: (args: { input: unknown }) => Promise<unknown>) => async (args: { input: unknown }) => {
      see(args.input);
      return next(args);
    };
  client.middlewareStack.add(...([middleware, { step: "initialize" }] as never[]));
}

let tenants = 0;

/**
 * Step handlers run directly on real adapters (dynalite, aws-ses-v2-local, the local SMS sink)
 * with a frozen virtual clock, in a workspace of their own (Starter, UTC unless told). `enroll` makes the automation (once),
 * a contact and an enrollment; `context` loads a step's context as a Task would (no snapshot).
 */
export async function stepHarness(
  dynamo: LocalDynamo,
  ses: Ses,
  options: { start?: string; workspace?: Partial<Workspace> } = {},
) {
  const db = dynamo.doc;
  const t = dynamo.tableName;
  const clock = new VirtualClock({ start: new Date(options.start ?? "2027-03-01T10:00:00Z"), frozen: true });
  const tenantId = `ws_${++tenants}_${randomBytes(3).toString("hex")}`;
  const sms = new LocalSms(clock);
  const deps: StepDeps = {
    automations: new DynamoAutomations(db, t),
    enrollments: new DynamoEnrollments(db, t),
    records: new DynamoRecords(db, t),
    users: new DynamoUsers(db, t),
    workspaces: new DynamoWorkspaces(db, t),
    ledger: new DynamoLedger(db, t),
    quotas: new DynamoQuotas(db, t),
    mailer: new SesMailer(ses.client),
    timers: { schedule: unused("timers"), cancel: unused("timers") },
    waiters: { put: unused("waiters"), forContact: unused("waiters"), take: unused("waiters") },
    secrets: new DynamoSecrets(db, t, randomBytes(32)),
    sms,
    publicUrl: "https://api.acme.test",
    clock,
    ids: new RandomIds(clock),
    systemFrom: "Autopilot <notifications@autopilot.local>",
    webhook: unused("webhook"),
    engine: { start: unused("engine") },
  };
  let automations = 0;
  const requests = { n: 0 };
  tap(dynamo.doc, () => requests.n++);
  // aws-ses-v2-local's store drops custom headers and tags: the requests it got have them.
  const sesRequests: SendEmailCommandInput[] = [];
  tap(ses.client, (input) => sesRequests.push(input as SendEmailCommandInput));
  const workspace = { tenantId, plan: "starter", timezone: "UTC", ...options.workspace } as Workspace;
  await deps.workspaces.put(workspace);
  return {
    tenantId,
    clock,
    deps,
    sms,
    requests,
    sesRequests,
    /** An automation with this definition (its id is made unique); returns its id. */
    async automation(definition: Record<string, unknown>, ownerId = "usr_owner"): Promise<string> {
      const id = `${String(definition.id ?? "j")}-${++automations}`;
      const at = clock.now().toISOString();
      await deps.automations.create(
        tenantId,
        {
          id,
          kind: definition.kind as "journey",
          name: "test",
          status: "active",
          latestVersion: 1,
          activeVersion: 1,
          ownerId,
          createdAt: at,
          updatedAt: at,
        },
        { version: 1, definition: { ...definition, id }, createdAt: at, createdBy: ownerId },
      );
      return id;
    },
    /** A contact, created now, enrolled in the automation. */
    async enroll(automationId: string, contact: Record<string, unknown>) {
      const contactId = deps.ids.next("ctc");
      await deps.records.create(tenantId, "contact", contactId, contact, clock.now());
      const enrollment: Enrollment = {
        id: deps.ids.next("enr"),
        tenantId,
        automationId,
        version: 1,
        contactId,
        record: { type: "contact", id: contactId },
        status: "active",
        trace: [],
        createdAt: clock.now().toISOString(),
      };
      await deps.enrollments.create(enrollment);
      return { contactId, enrollmentId: enrollment.id };
    },
    /** The context a Task of `step` gets in the segment with this token (read, no snapshot). */
    context(
      automationId: string,
      e: { contactId: string; enrollmentId: string },
      step: string,
      token = "tok-1",
    ): Promise<StepContext> {
      return loadContext(
        {
          ctx: {
            tenantId,
            automationId,
            version: 1,
            enrollmentId: e.enrollmentId,
            contactId: e.contactId,
            resume: { stepId: step, token },
          },
          step,
        },
        deps,
      );
    },
    async enrollment(id: string) {
      return (await deps.enrollments.get(tenantId, id)) as Enrollment;
    },
    async contact(id: string) {
      return deps.records.get(tenantId, "contact", id);
    },
  };
}

/**
 * dynalite and aws-ses-v2-local for the tests of one file, started before them and closed after;
 * `harness(options)` makes a step harness in a workspace of its own.
 */
export function useStepEmulators() {
  const dynamo = useDynalite();
  const state = {} as { ses: Ses };
  beforeAll(async () => {
    state.ses = await startSes();
  });
  afterAll(() => state.ses.close());
  return {
    get ses(): Ses {
      return state.ses;
    },
    harness: (options?: Parameters<typeof stepHarness>[2]) => stepHarness(dynamo.current, state.ses, options),
  };
}
