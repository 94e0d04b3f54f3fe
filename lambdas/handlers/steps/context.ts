import type { StepResult, TaskInput } from "../../../statemachines/contract.js";
import type { Definition } from "../../../statemachines/definitions/index.js";
import { Definition as DefinitionSchema } from "../../../statemachines/definitions/index.js";
import type { Facts } from "../../core/facts.js";
import type {
  Automations,
  Clock,
  Enrollment,
  Enrollments,
  Ids,
  Ledger,
  Mailer,
  Origin,
  Quotas,
  Records,
  Secrets,
  StoredRecord,
  Timers,
  TraceEntry,
  Users,
  Workspaces,
} from "../../ports.js";

/** What step handlers need; the same on AWS and locally, only the adapters differ. */
export interface StepDeps {
  automations: Automations;
  enrollments: Enrollments;
  records: Records;
  users: Users;
  workspaces: Workspaces;
  ledger: Ledger;
  quotas: Quotas;
  mailer: Mailer;
  timers: Timers;
  secrets: Secrets;
  clock: Clock;
  ids: Ids;
  /** The address system mail (notify) is sent from. */
  systemFrom: string;
  /** Sends a webhook; the SSRF guard lives in it. */
  webhook: (
    url: string,
    init: { headers: Record<string, string>; body: string },
  ) => Promise<{ status: number }>;
}

/** Everything a step handler reads about the step it runs. */
export interface StepContext {
  input: TaskInput;
  tenantId: string;
  enrollment: Enrollment;
  definition: Definition;
  stepId: string;
  facts: Facts;
  record?: StoredRecord | undefined;
  contact?: StoredRecord | undefined;
  /** The ledger key of this visit: enrollment, step and segment token. */
  ledgerKey: string;
  origin: Origin;
  deps: StepDeps;
  trace(entry: Omit<TraceEntry, "at" | "step">): Promise<void>;
  result(outcome: string, extra?: Partial<StepResult>): StepResult;
}

const definitions = new Map<string, Definition>();

/** A version's definition; versions never change, so they are cached for the container's life. */
export async function definitionOf(
  deps: StepDeps,
  tenantId: string,
  automationId: string,
  version: number,
): Promise<Definition> {
  const key = `${tenantId}/${automationId}/${version}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const v = await deps.automations.version(tenantId, automationId, version);
  if (!v) throw new Error(`no version ${version} of ${automationId}`);
  const definition = DefinitionSchema.parse(v.definition);
  definitions.set(key, definition);
  return definition;
}

export async function loadContext(input: TaskInput, deps: StepDeps): Promise<StepContext> {
  const { tenantId, enrollmentId, resume } = input.ctx;
  const enrollment = await deps.enrollments.get(tenantId, enrollmentId);
  if (!enrollment) throw new Error(`no enrollment ${enrollmentId}`);
  const definition = await definitionOf(deps, tenantId, enrollment.automationId, enrollment.version);
  const record = enrollment.record
    ? await deps.records.get(tenantId, enrollment.record.type, enrollment.record.id)
    : undefined;
  const contact =
    enrollment.record?.type === "contact"
      ? record
      : enrollment.contactId
        ? await deps.records.get(tenantId, "contact", enrollment.contactId)
        : undefined;
  const ownerId = (record?.ownerId ?? contact?.ownerId) as string | undefined;
  const user = ownerId ? await deps.users.get(tenantId, ownerId) : undefined;
  const event = enrollment.event ?? {};
  const stepId = input.step ?? "";
  const facts: Facts = {
    ...(record ? { record } : {}),
    ...(contact
      ? { contact, score: Number(contact.score ?? 0), lists: (contact.lists as string[]) ?? [] }
      : {}),
    ...(user ? { user: { ...user } } : {}),
    event,
    ...(event.previous ? { previous: event.previous as Record<string, unknown> } : {}),
    enrollment: { id: enrollment.id, automationId: enrollment.automationId, version: enrollment.version },
  };
  const trace = (entry: Omit<TraceEntry, "at" | "step">) =>
    deps.enrollments.trace(tenantId, enrollmentId, [
      { at: deps.clock.now().toISOString(), step: stepId, ...entry },
    ]);
  return {
    input,
    tenantId,
    enrollment,
    definition,
    stepId,
    facts,
    record,
    contact,
    ledgerKey: `${tenantId}#${enrollmentId}#${stepId}#${resume.token}`,
    origin: { automationId: enrollment.automationId, enrollmentId, depth: Number(event.depth ?? 0) + 1 },
    deps,
    trace,
    result: (outcome, extra = {}) => ({ outcome, step: stepId, ...extra }),
  };
}

/** The step's definition: a journey step, a sequence step, or a workflow's action or condition. */
export function stepOf(ctx: StepContext): Record<string, unknown> & { type?: string } {
  const d = ctx.definition;
  if (d.kind === "journey") return (d.steps[ctx.stepId] ?? {}) as Record<string, unknown>;
  if (d.kind === "sequence")
    return (d.steps.find((s) => s.id === ctx.stepId) ?? {}) as Record<string, unknown>;
  if (ctx.stepId === "condition") return { type: "condition", if: d.condition };
  const index = Number(ctx.stepId.replace(/^action-/, "")) - 1;
  return (d.actions[index] ?? {}) as Record<string, unknown>;
}

/**
 * Runs a side effect at most once per step visit: claims the ledger key first; a retry that finds
 * it done returns the stored result, one that finds it only claimed is flagged, never re-run.
 */
export async function once(
  ctx: StepContext,
  act: () => Promise<Record<string, unknown>>,
): Promise<
  | { ran: true; result: Record<string, unknown> }
  | { ran: false; state: string; result?: Record<string, unknown> | undefined }
> {
  const claim = await ctx.deps.ledger.claim(ctx.ledgerKey, ctx.deps.clock.now());
  if (!claim.claimed) return { ran: false, state: claim.state, result: claim.result };
  const result = await act();
  await ctx.deps.ledger.markDone(ctx.ledgerKey, result, ctx.deps.clock.now());
  return { ran: true, result };
}
