import type { SegmentSnapshot, StepResult, TaskInput } from "../../../statemachines/contract.js";
import type { Definition } from "../../../statemachines/definitions/index.js";
import { Definition as DefinitionSchema } from "../../../statemachines/definitions/index.js";
import type { Facts } from "../../core/facts.js";
import type {
  Automations,
  Clock,
  Engine,
  Enrollment,
  Enrollments,
  Ids,
  Ledger,
  LedgerKey,
  Mailer,
  Origin,
  Quotas,
  Records,
  Secrets,
  Sms,
  StoredRecord,
  Timers,
  TraceEntry,
  Users,
  Waiters,
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
  waiters: Waiters;
  secrets: Secrets;
  sms: Sms;
  /** Starts segments (a claim that finds its enrollment moved to another version restarts there). */
  engine: Engine;
  /** Where public links (unsubscribe) point: the API's base URL. */
  publicUrl: string;
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
  /** This visit's key in the at-most-once ledger: enrollment, step and segment token. */
  visit: LedgerKey;
  origin: Origin;
  deps: StepDeps;
  /** Writes a trace entry for this step now (with the segment's notes before it). */
  trace(entry: Omit<TraceEntry, "at" | "step">): Promise<void>;
  /** A trace entry for this step, written by the segment's next write (a step that writes nothing). */
  note(entry: Omit<TraceEntry, "at" | "step">): void;
  /** The segment's notes not yet written, then `entries`: for a write that takes them along. */
  withNotes(...entries: TraceEntry[]): TraceEntry[];
  /** The step's result; carries the segment snapshot on to the next Task. */
  result(outcome: string, extra?: Partial<StepResult>): StepResult;
  /** After a step wrote the contact: later steps of this segment see the new image. */
  setContact(contact: StoredRecord): void;
}

const definitions = new Map<string, Definition>();

/** A version's definition; versions never change, so they are cached for the container's life. */
export async function definitionOf(
  deps: Pick<StepDeps, "automations">,
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

/**
 * What a segment reads once: the enrollment and its records. `_Claim` makes it and every Task
 * hands it on in its result; a handler called without one (a test, a retry after a crash) reads.
 */
export async function readSnapshot(
  deps: Pick<StepDeps, "records">,
  enrollment: Enrollment,
): Promise<SegmentSnapshot> {
  const { tenantId } = enrollment;
  const record = enrollment.record
    ? await deps.records.get(tenantId, enrollment.record.type, enrollment.record.id)
    : undefined;
  const contact =
    enrollment.record?.type === "contact"
      ? record
      : enrollment.contactId
        ? await deps.records.get(tenantId, "contact", enrollment.contactId)
        : undefined;
  const { trace: _t, fx: _f, ...slim } = enrollment;
  return {
    enrollment: slim,
    ...(contact ? { contact } : {}),
    ...(record && enrollment.record?.type !== "contact" ? { record } : {}),
  };
}

/** `eng` (`<stepId>|opened` → true) as the facts read it: `engagement.<stepId>.opened`. */
export function engagementOf(
  eng: Record<string, boolean> | undefined,
): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const [key, value] of Object.entries(eng ?? {})) {
    const cut = key.lastIndexOf("|");
    const step = key.slice(0, cut);
    out[step] = { ...(out[step] ?? {}), [key.slice(cut + 1)]: value };
  }
  return out;
}

export async function loadContext(input: TaskInput, deps: StepDeps): Promise<StepContext> {
  const { tenantId, enrollmentId, resume } = input.ctx;
  let seg = input.last?.seg;
  if (!seg) {
    const stored = await deps.enrollments.get(tenantId, enrollmentId);
    if (!stored) throw new Error(`no enrollment ${enrollmentId}`);
    seg = await readSnapshot(deps, stored);
  }
  const enrollment = { trace: [], ...seg.enrollment } as unknown as Enrollment;
  const definition = await definitionOf(deps, tenantId, enrollment.automationId, enrollment.version);
  const contact = seg.contact as StoredRecord | undefined;
  const record = (enrollment.record?.type === "contact" ? contact : seg.record) as StoredRecord | undefined;
  const stepId = input.step ?? "";
  const step = stepOfDefinition(definition, stepId);
  const ownerId = (record?.ownerId ?? contact?.ownerId) as string | undefined;
  // The owner is read only when the step or the goal reads `user.*`.
  const readsUser =
    JSON.stringify(step).includes("user.") ||
    (definition.kind === "journey" && JSON.stringify(definition.exitWhen ?? "").includes("user."));
  const user = ownerId && readsUser ? await deps.users.get(tenantId, ownerId) : undefined;
  const event = enrollment.event ?? {};
  const facts: Facts = {};
  const setFacts = (c: StoredRecord | undefined, r: StoredRecord | undefined) => {
    for (const k of Object.keys(facts)) delete facts[k as keyof Facts];
    Object.assign(facts, {
      ...(r ? { record: r } : {}),
      ...(c ? { contact: c, score: Number(c.score ?? 0), lists: (c.lists as string[]) ?? [] } : {}),
      ...(user ? { user: { ...user } } : {}),
      event,
      ...(event.previous ? { previous: event.previous as Record<string, unknown> } : {}),
      engagement: engagementOf(enrollment.eng),
      enrollment: { id: enrollment.id, automationId: enrollment.automationId, version: enrollment.version },
    });
  };
  setFacts(contact, record);
  // A crash before the next write loses the notes, and the retry runs those steps again.
  const notes: TraceEntry[] = [...((seg.notes as TraceEntry[] | undefined) ?? [])];
  const stamp = (entry: Omit<TraceEntry, "at" | "step">): TraceEntry => ({
    at: deps.clock.now().toISOString(),
    step: stepId,
    ...entry,
  });
  const withNotes = (...entries: TraceEntry[]) => [...notes.splice(0), ...entries];
  const trace = (entry: Omit<TraceEntry, "at" | "step">) =>
    deps.enrollments.trace(tenantId, enrollmentId, withNotes(stamp(entry)));
  const ctx: StepContext = {
    input,
    tenantId,
    enrollment,
    definition,
    stepId,
    facts,
    record,
    contact,
    visit: { tenantId, enrollmentId, visit: `${stepId}#${resume.token}` },
    origin: { automationId: enrollment.automationId, enrollmentId, depth: Number(event.depth ?? 0) + 1 },
    deps,
    trace,
    note: (entry) => void notes.push(stamp(entry)),
    withNotes,
    result: (outcome, extra = {}) => ({
      outcome,
      step: stepId,
      ...extra,
      seg: {
        enrollment: seg.enrollment,
        ...(ctx.contact ? { contact: ctx.contact } : {}),
        ...(ctx.record && enrollment.record?.type !== "contact" ? { record: ctx.record } : {}),
        ...(notes.length > 0 ? { notes: [...notes] } : {}),
      },
    }),
    setContact(c) {
      ctx.contact = c;
      if (enrollment.record?.type === "contact") ctx.record = c;
      setFacts(c, ctx.record);
    },
  };
  return ctx;
}

function stepOfDefinition(d: Definition, stepId: string): Record<string, unknown> & { type?: string } {
  if (d.kind === "journey") return (d.steps[stepId] ?? {}) as Record<string, unknown>;
  if (d.kind === "sequence") return (d.steps.find((s) => s.id === stepId) ?? {}) as Record<string, unknown>;
  if (stepId === "condition") return { type: "condition", if: d.condition };
  const index = Number(stepId.replace(/^action-/, "")) - 1;
  return (d.actions[index] ?? {}) as Record<string, unknown>;
}

/** The step's definition: a journey step, a sequence step, or a workflow's action or condition. */
export function stepOf(ctx: StepContext): Record<string, unknown> & { type?: string } {
  return stepOfDefinition(ctx.definition, ctx.stepId);
}

/**
 * Writes fields on the enrollment's contact over the snapshot's image (no read; a stale image
 * costs a read and a second write, with `fields` computed again over the fresh one when it is a
 * function), as this step's change, and hands the new image on to the next steps.
 */
export async function writeContact(
  ctx: StepContext,
  contact: StoredRecord,
  fields: Record<string, unknown> | ((current: StoredRecord) => Record<string, unknown>),
): Promise<StoredRecord | undefined> {
  const updated = await ctx.deps.records.update(
    ctx.tenantId,
    "contact",
    contact.id,
    fields,
    ctx.deps.clock.now(),
    ctx.origin,
    contact,
  );
  if (updated) ctx.setContact(updated);
  return updated;
}

/** Marks this visit's side effect done, with its `ran` entry (after the segment's notes) in the same write. */
export async function markRan(
  ctx: StepContext,
  result: Record<string, unknown>,
  detail: string,
): Promise<void> {
  const at = ctx.deps.clock.now();
  await ctx.deps.ledger.markDone(
    ctx.visit,
    result,
    at,
    ctx.withNotes({ at: at.toISOString(), step: ctx.stepId, what: "ran", detail }),
  );
}

/**
 * Runs a side effect at most once per step visit: claims the ledger key first; a retry that finds
 * it done returns the stored result, one that finds it only claimed is flagged, never re-run.
 * Marking it done writes its trace entry (`describe`) in the same write.
 */
export async function once(
  ctx: StepContext,
  act: () => Promise<Record<string, unknown>>,
  describe: (result: Record<string, unknown>) => Pick<TraceEntry, "what" | "detail">,
): Promise<
  | { ran: true; result: Record<string, unknown> }
  | { ran: false; state: string; result?: Record<string, unknown> | undefined }
> {
  const { deps } = ctx;
  const claim = await deps.ledger.claim(ctx.visit, deps.clock.now());
  if (!claim.claimed) {
    await ctx.trace({
      what: "skipped",
      detail:
        claim.state === "claimed"
          ? "claimed by an earlier attempt that did not finish: flagged for reconciliation, not run again"
          : `already ${claim.state} in this visit`,
    });
    return { ran: false, state: claim.state, result: claim.result };
  }
  const result = await act();
  const at = deps.clock.now();
  await deps.ledger.markDone(
    ctx.visit,
    result,
    at,
    ctx.withNotes({ at: at.toISOString(), step: ctx.stepId, ...describe(result) }),
  );
  return { ran: true, result };
}
