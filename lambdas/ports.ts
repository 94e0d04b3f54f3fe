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

/** One visit of one step by one enrollment: `visit` is `<stepId>#<segment token>`. */
export interface LedgerKey {
  tenantId: string;
  enrollmentId: string;
  visit: string;
}

/**
 * The at-most-once ledger (DESIGN.md, "side effects at most once"): claim with a condition before
 * acting, mark done after. A retry that finds `done` does nothing; one that finds `claimed` is
 * flagged for reconciliation, never re-sent blindly. The ledger lives in the enrollment's item,
 * so marking done and tracing the step are one write.
 */
export interface Ledger {
  claim(key: LedgerKey, at: Date): Promise<LedgerClaim>;
  /** Marks the visit done and, in the same write, adds its trace entry. */
  markDone(key: LedgerKey, result: Record<string, unknown>, at: Date, trace?: TraceEntry[]): Promise<void>;
  markDeferred(key: LedgerKey, until: Date): Promise<void>;
  /** Gives a claim back: the side effect certainly did not happen (the provider refused it). */
  release(key: LedgerKey): Promise<void>;
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
  /**
   * Sets fields (null removes one); undefined when the record does not exist. `fields` may be a
   * function of the record it is written over: a relative change (add to a score, a list) is then
   * computed again when another write came first, never lost.
   */
  update(
    tenantId: string,
    type: RecordType,
    id: string,
    fields: Record<string, unknown> | ((current: StoredRecord) => Record<string, unknown>),
    at: Date,
    origin?: Origin,
    /** The record as last read: saves a read; a stale one costs a retry, never a lost update. */
    current?: StoredRecord,
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
  /** The public key websites send page visits with (`POST /track`); not a secret. */
  writeKey?: string;
  /** The default sender of journey mail (`Acme <hello@acme.test>`). */
  from?: string;
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

/** `failed`: a step kept failing after its retries and recoveries (the trace says why). */
export type EnrollmentStatus = "active" | "completed" | "exited" | "failed";
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
  /** The step the enrollment is at (running, waiting or deferred there); "" before the first. */
  at?: string;
  /** When it waits: the time its timer fires. */
  until?: string;
  /** The token of the one segment allowed to run next; claiming it removes it. */
  pendingToken?: string;
  /** The timer that will start the next segment (cancelled on unenroll). */
  timer?: { at: string; name: string };
  /** Engagement with this enrollment's messages: `<stepId>|opened` → true. */
  eng?: Record<string, boolean>;
  /** The at-most-once ledger of step visits: `<stepId>#<token>` → state. */
  fx?: Record<string, { state: LedgerState; result?: Record<string, unknown>; until?: string }>;
  trace: TraceEntry[];
  createdAt: string;
  endedAt?: string;
}

/** Where an enrollment waits and how it will go on (set when a segment ends). */
export interface Cursor {
  token: string;
  step: string;
  until?: string;
  timer?: { at: string; name: string };
}

/** How many enrollments a listing returns at most per page. */
export interface EnrollmentQuery {
  status?: EnrollmentStatus;
  step?: string;
  limit?: number;
  next?: string;
}

/**
 * Enrollments: one item per (automation, contact, entry). `claim` is the one-live-segment
 * invariant: it succeeds once per token.
 */
export interface Enrollments {
  /** false when an enrollment with this id exists (a duplicate event). */
  create(e: Enrollment): Promise<boolean>;
  get(tenantId: string, id: string): Promise<Enrollment | undefined>;
  /**
   * The enrollment (without its trace) when this token was the pending one; else undefined.
   * `entries` (what woke it) join the trace in the same write.
   */
  claim(tenantId: string, id: string, token: string, entries?: TraceEntry[]): Promise<Enrollment | undefined>;
  /** Sets the token the next segment must present (a timer or a waiter will start it). */
  /** false when the enrollment has ended meanwhile (unenrolled): then nothing must be scheduled. */
  expect(tenantId: string, id: string, cursor: Cursor, entries?: TraceEntry[]): Promise<boolean>;
  trace(tenantId: string, id: string, entries: TraceEntry[]): Promise<void>;
  /** Ends it; false when it had already ended. */
  finish(
    tenantId: string,
    id: string,
    status: Exclude<EnrollmentStatus, "active">,
    entry: TraceEntry,
    /** Entries not yet written that come before `entry` (a segment's notes). */
    earlier?: TraceEntry[],
  ): Promise<boolean>;
  /**
   * A `failed` enrollment made active again, waiting at `step` with the token of the segment that
   * failed (its side effects' ledger keys); the token, or undefined when it was not failed.
   */
  reopen(tenantId: string, id: string, step: string, entry: TraceEntry): Promise<string | undefined>;
  /** Marks engagement with a step's message (`opened`, `clicked`, …); false when already marked. */
  engage(tenantId: string, id: string, stepId: string, kind: string): Promise<boolean>;
  /** Who is where: an automation's enrollments by status and step, paged. */
  list(tenantId: string, automationId: string, query?: EnrollmentQuery): Promise<Page<Enrollment>>;
  /** Moves a waiting enrollment to another version (same step id, same token). */
  migrate(tenantId: string, id: string, fromVersion: number, toVersion: number): Promise<boolean>;
  /** Keeps a segment that found its automation paused, to start it again on resume. */
  park(
    tenantId: string,
    automationId: string,
    enrollmentId: string,
    input: import("../statemachines/contract.js").SegmentInput,
  ): Promise<void>;
  /** The parked segments of an automation, removed as they are returned. */
  unpark(
    tenantId: string,
    automationId: string,
  ): Promise<import("../statemachines/contract.js").SegmentInput[]>;
  /**
   * Admits a contact into an automation under its re-entry rule: true when `enrollmentId` may
   * start (first entry, a redelivery of the same entry, or a re-entry the rule allows).
   */
  admit(
    tenantId: string,
    automationId: string,
    contactId: string,
    enrollmentId: string,
    reentry: "never" | "always" | { afterMs: number },
    now: Date,
  ): Promise<boolean>;
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

export interface OutgoingSms {
  to: string;
  body: string;
  tags?: Record<string, string>;
}
/** Sends text messages: AWS End User Messaging SMS on AWS, a local sink that the API lists. */
export interface Sms {
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}

/** Starts segments: Step Functions Express `StartExecution` on AWS, aws-local-stepfunctions locally. */
export interface Engine {
  start(input: import("../statemachines/contract.js").SegmentInput): Promise<void>;
}

/**
 * What a timer does when it fires: resume an enrollment (after a wait or a deferral, or at a
 * waitFor's timeout, which must first win the waiter), or sweep a date trigger's audience.
 */
export type TimerPayload =
  | {
      kind: "resume";
      input: import("../statemachines/contract.js").SegmentInput;
      /** A waitFor's timeout: fires only if it takes the waiter first. */
      waiter?: { tenantId: string; contactId: string; enrollmentId: string };
    }
  | {
      kind: "sweep";
      tenantId: string;
      automationId: string;
      version: number;
      trigger: number;
      /** The instant this sweep is for; contacts due at it start now. */
      due: string;
      /** `scan`: page through the audience, sorting contacts into due buckets; `due`: start a bucket. */
      phase: "scan" | "due";
      /** Where the previous page stopped. */
      page?: string;
    };

/** Durable one-time timers (EventBridge Scheduler one-time schedules on AWS). */
export interface Timers {
  /** `name` is unique (a segment token): scheduling the same name twice keeps one. */
  schedule(at: Date, name: string, payload: TimerPayload): Promise<void>;
  /** Cancels a timer; nothing happens when it already fired. */
  cancel(at: Date, name: string): Promise<void>;
}

/** A waitFor's waiter: the event that resumes an enrollment, and where it goes. */
export interface Waiter {
  tenantId: string;
  contactId: string;
  enrollmentId: string;
  automationId: string;
  version: number;
  stepId: string;
  event: string;
  /** Only engagement with this step's message. */
  forStep?: string;
  where?: unknown;
  next: string;
  onTimeout: string;
  token: string;
  timeoutAt: string;
}

/** Waiters by contact: the router finds a contact's waiters in one read when an event arrives. */
export interface Waiters {
  put(w: Waiter): Promise<void>;
  forContact(tenantId: string, contactId: string): Promise<Waiter[]>;
  /** Deletes the waiter if it still holds `token`: true for exactly one caller. */
  take(tenantId: string, contactId: string, enrollmentId: string, token: string): Promise<boolean>;
}

/** Workspace secrets (webhook signing keys), stored encrypted. */
export interface Secrets {
  /** The secret with this name, created on first use. */
  get(tenantId: string, name: string): Promise<string>;
  /** The secret with this name if it exists (never creates: for checking what a caller sent). */
  find(tenantId: string, name: string): Promise<string | undefined>;
}
