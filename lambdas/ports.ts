/**
 * The ports: what business functions need from the outside world. Adapters live in
 * `lambdas/aws/` (DynamoDB, SES, Step Functions, Scheduler, EventBridge) and `local/` (the
 * embedded runtime). Business functions take them as `deps`; none of them reads `process.env`,
 * `Date.now()` or `Math.random()`.
 */

/** Time. System time on AWS, a virtual clock locally and in tests. */
export interface Clock {
  now(): Date;
}

/** Unique, sortable ids (`ctc_01J…`). */
export interface Ids {
  next(prefix: string): string;
}

/** Outcome of reserving room under a cap: `ok` with the new count, or the count that stood in the way. */
export type Reservation = { ok: true; used: number } | { ok: false; used: number };

/**
 * Counters with a cap (emails per user per day, per workspace per month, per trial). A
 * reservation is one conditional atomic ADD: concurrent callers never overshoot the cap.
 */
export interface Quotas {
  reserve(key: string, cap: number, amount?: number): Promise<Reservation>;
  /** Gives back a reservation whose send did not happen (e.g. the contact was suppressed). */
  release(key: string, amount?: number): Promise<void>;
  used(key: string): Promise<number>;
}

/** One side effect of one step visit: `claimed` before it acts, `done` after. */
export type LedgerState = "claimed" | "done" | "deferred";
export type LedgerClaim =
  | { claimed: true }
  | { claimed: false; state: LedgerState; result?: Record<string, unknown> | undefined };

/**
 * The at-most-once ledger (DESIGN.md, "side effects at most once"): claim with a condition before
 * acting, mark done after. A retry that finds `done` does nothing; one that finds `claimed` is
 * flagged for reconciliation, never re-sent blindly.
 */
export interface Ledger {
  claim(key: string, at: Date): Promise<LedgerClaim>;
  markDone(key: string, result: Record<string, unknown>, at: Date): Promise<void>;
  markDeferred(key: string, until: Date): Promise<void>;
}

export type RecordType = "contact" | "deal" | "company" | "activity";
export interface StoredRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  next?: string;
}

/** Who made a write: an automation's step (with how deep in a chain of automations), or a person. */
export interface Origin {
  automationId: string;
  enrollmentId: string;
  depth: number;
}

/**
 * CRM records of one workspace. Every write is conditional on the version read (optimistic
 * concurrency); every change reaches the bus through the table's stream, never from here.
 */
export interface Records {
  create(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown>,
    at: Date,
    origin?: Origin,
  ): Promise<StoredRecord>;
  get(tenantId: string, type: RecordType, id: string): Promise<StoredRecord | undefined>;
  /** Sets fields (null removes one); undefined when the record does not exist. */
  update(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown>,
    at: Date,
    origin?: Origin,
  ): Promise<StoredRecord | undefined>;
  delete(tenantId: string, type: RecordType, id: string): Promise<StoredRecord | undefined>;
  list(
    tenantId: string,
    type: RecordType,
    options?: { limit?: number; next?: string },
  ): Promise<Page<StoredRecord>>;
}

/** Publishes events (EventBridge `PutEvents` on AWS; the in-process bus locally). */
export interface Bus {
  publish(events: import("./core/record-events.js").BusEvent[]): Promise<void>;
}

export type AutomationStatus = "draft" | "active" | "paused";
export interface AutomationHead {
  id: string;
  kind: "workflow" | "sequence" | "journey";
  name: string;
  status: AutomationStatus;
  latestVersion: number;
  activeVersion?: number;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}
export interface AutomationVersion {
  version: number;
  definition: unknown;
  createdAt: string;
  createdBy: string;
}

/** Automations of a workspace: a head per automation, one immutable item per version. */
export interface Automations {
  /** Creates head and version 1; false when the id is taken. */
  create(tenantId: string, head: AutomationHead, first: AutomationVersion): Promise<boolean>;
  get(tenantId: string, id: string): Promise<AutomationHead | undefined>;
  list(tenantId: string): Promise<AutomationHead[]>;
  version(tenantId: string, id: string, version: number): Promise<AutomationVersion | undefined>;
  /** Adds the next version; conditional on the head's latest version (no lost updates). */
  addVersion(
    tenantId: string,
    id: string,
    expectedLatest: number,
    v: AutomationVersion,
    name: string,
  ): Promise<boolean>;
  setStatus(
    tenantId: string,
    id: string,
    status: AutomationStatus,
    activeVersion: number | undefined,
    at: Date,
  ): Promise<void>;
}

/** The workspace's settings: its plan, its default time zone, its postal address. */
export interface Workspace {
  tenantId: string;
  plan: import("./core/plans.js").PlanName;
  timezone: string;
  postalAddress?: string;
}
export interface Workspaces {
  get(tenantId: string): Promise<Workspace | undefined>;
  put(workspace: Workspace): Promise<void>;
}

/** One line of an enrollment's trace: why a step ran, waited, was deferred or skipped. */
export interface TraceEntry {
  at: string;
  step?: string;
  what: "matched" | "ran" | "waited" | "deferred" | "skipped" | "exited" | "completed" | "failed";
  detail?: string;
}

export type EnrollmentStatus = "active" | "completed" | "exited";
export interface Enrollment {
  id: string;
  tenantId: string;
  automationId: string;
  version: number;
  contactId: string;
  /** The record that triggered (a workflow's deal, say), when not the contact itself. */
  record?: { type: RecordType; id: string };
  /** The event that started the enrollment, kept for `event.*` facts. */
  event?: Record<string, unknown>;
  status: EnrollmentStatus;
  /** The token of the one segment allowed to run next; claiming it removes it. */
  pendingToken?: string;
  trace: TraceEntry[];
  createdAt: string;
}

/**
 * Enrollments: one item per (automation, contact, entry). `claim` is the one-live-segment
 * invariant: it succeeds once per token.
 */
export interface Enrollments {
  /** false when an enrollment with this id exists (a duplicate event). */
  create(e: Enrollment): Promise<boolean>;
  get(tenantId: string, id: string): Promise<Enrollment | undefined>;
  claim(tenantId: string, id: string, token: string): Promise<boolean>;
  /** Sets the token the next segment must present (a timer or a waiter will start it). */
  expect(tenantId: string, id: string, token: string): Promise<void>;
  trace(tenantId: string, id: string, entries: TraceEntry[]): Promise<void>;
  finish(
    tenantId: string,
    id: string,
    status: Exclude<EnrollmentStatus, "active">,
    entry: TraceEntry,
  ): Promise<void>;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  /** Carried to SES events (the ledger key, the tenant), so engagement finds its enrollment. */
  tags?: Record<string, string>;
}
/** Sends mail: SES v2 on AWS and on aws-ses-v2-local; SMTP for personal servers. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface User {
  id: string;
  email: string;
  name?: string;
  role: "admin" | "manager" | "rep";
  timezone: string;
  /** The identity mail is sent as (a verified SES identity), defaulting to `email`. */
  sendAs?: string;
}
export interface Users {
  get(tenantId: string, id: string): Promise<User | undefined>;
  put(tenantId: string, user: User): Promise<void>;
  list(tenantId: string): Promise<User[]>;
}

/** Starts segments: Step Functions Express `StartExecution` on AWS, aws-local-stepfunctions locally. */
export interface Engine {
  start(input: import("../statemachines/contract.js").SegmentInput): Promise<void>;
}

/** Durable one-time timers that start a segment (EventBridge Scheduler on AWS). */
export interface Timers {
  schedule(at: Date, input: import("../statemachines/contract.js").SegmentInput): Promise<void>;
}

/** Workspace secrets (webhook signing keys), stored encrypted. */
export interface Secrets {
  /** The secret with this name, created on first use. */
  get(tenantId: string, name: string): Promise<string>;
}
