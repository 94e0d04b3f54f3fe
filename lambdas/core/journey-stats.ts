import { assertUnreachable } from "../../statemachines/compiler/unreachable.js";
import { workflowActionId } from "../../statemachines/compiler/workflow.js";
import type { Definition } from "../../statemachines/definitions/index.js";
import type { Enrollment } from "../ports.js";

/** A step as stats see it: its id, its type and, for a split, its path names. */
export interface StepOutline {
  id: string;
  type: string;
  paths?: string[];
}

/** What stats read of one enrollment: no ledger, no event, no cursor token. */
export type EnrollmentTrace = Pick<Enrollment, "id" | "status" | "trace"> &
  Partial<Pick<Enrollment, "at" | "eng">>;

export interface StepStats {
  /** Absent for a step that only older versions have. */
  type?: string;
  entered: number;
  sent: number;
  deferred: number;
  skipped: number;
  opened: number;
  clicked: number;
  waiting: number;
  /** Enrollments whose step failed past its retries at least once (tried again later, or failed). */
  failed: number;
  /** opened / sent and clicked / sent; null before anything was sent. */
  rates: { opened: number | null; clicked: number | null };
  /** A split's paths: how many took each, and its share of those that took any. */
  paths?: Record<string, { count: number; share: number | null }>;
}

export interface JourneyStats {
  totals: { enrolled: number; active: number; completed: number; exited: number; failed: number };
  steps: Record<string, StepStats>;
}

const MESSAGE_TYPES = new Set(["email", "sms", "notify"]);
/** The split handler traces `path <name> (bucket …)`; names follow the StepId rule. */
const PATH = /\bpath ([A-Za-z0-9][A-Za-z0-9_?!-]*)/;

/**
 * The steps of a definition in their written order (workflow actions are `action-1` …).
 * @example outlineOf(journey) // [{ id: "welcome", type: "email" }, { id: "ab", type: "split", paths: ["a", "b"] }]
 */
export function outlineOf(definition: Definition): StepOutline[] {
  switch (definition.kind) {
    case "journey":
      return Object.entries(definition.steps).map(([id, s]) =>
        s.type === "split" ? { id, type: s.type, paths: s.paths.map((p) => p.name) } : { id, type: s.type },
      );
    case "sequence":
      return definition.steps.map((s) => ({ id: s.id, type: s.type }));
    case "workflow":
      return definition.actions.map((a, i) => ({ id: workflowActionId(i), type: a.type }));
    default:
      return assertUnreachable(definition);
  }
}

const round = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1e4) / 1e4);

/**
 * Counts enrollments per step, one page at a time (so a large automation never sits in memory
 * whole). Every count is of enrollments, not events: one deferred three times at a step counts once.
 * @example
 * const tally = new StatsTally(outlineOf(definition));
 * for (const page of pages) for (const e of page) tally.add(e);
 * tally.result().steps.welcome.rates.opened // 0.4213
 */
export class StatsTally {
  private readonly totals = { enrolled: 0, active: 0, completed: 0, exited: 0, failed: 0 };
  private readonly steps = new Map<string, Omit<StepStats, "rates">>();

  constructor(outline: StepOutline[]) {
    // Steps nobody reached yet still show, with zeros, in the definition's order.
    for (const s of outline) this.step(s.id, s);
  }

  private step(id: string, outline?: StepOutline): Omit<StepStats, "rates"> {
    let s = this.steps.get(id);
    if (!s) {
      s = { entered: 0, sent: 0, deferred: 0, skipped: 0, opened: 0, clicked: 0, waiting: 0, failed: 0 };
      if (outline) s.type = outline.type;
      if (outline?.paths)
        s.paths = Object.fromEntries(outline.paths.map((p) => [p, { count: 0, share: null }]));
      this.steps.set(id, s);
    }
    return s;
  }

  add(e: EnrollmentTrace): void {
    this.totals.enrolled++;
    this.totals[e.status]++;
    const marks = new Map<string, Set<string>>();
    for (const t of e.trace) {
      // Entries without a step, or at internal states (`_Complete`), belong to no step.
      if (!t.step || t.step.startsWith("_")) continue;
      const m = marks.get(t.step) ?? new Set<string>();
      marks.set(t.step, m);
      m.add(t.what);
      const path = t.what === "ran" ? PATH.exec(t.detail ?? "")?.[1] : undefined;
      if (path) m.add(`path ${path}`);
    }
    for (const [id, m] of marks) {
      const s = this.step(id);
      s.entered++;
      if (m.has("ran") && MESSAGE_TYPES.has(s.type ?? "")) s.sent++;
      if (m.has("deferred")) s.deferred++;
      if (m.has("skipped")) s.skipped++;
      if (m.has("failed")) s.failed++;
      for (const mark of m) {
        if (!mark.startsWith("path ")) continue;
        const name = mark.slice(5);
        s.paths ??= {};
        s.paths[name] ??= { count: 0, share: null };
        s.paths[name].count++;
      }
    }
    for (const [key, yes] of Object.entries(e.eng ?? {})) {
      const bar = key.lastIndexOf("|");
      const kind = key.slice(bar + 1);
      if (yes && bar > 0 && (kind === "opened" || kind === "clicked")) this.step(key.slice(0, bar))[kind]++;
    }
    if (e.status === "active" && e.at && !e.at.startsWith("_")) this.step(e.at).waiting++;
  }

  result(): JourneyStats {
    const steps: Record<string, StepStats> = {};
    for (const [id, s] of this.steps) {
      const out: StepStats = {
        ...s,
        rates: { opened: round(s.opened, s.sent), clicked: round(s.clicked, s.sent) },
      };
      if (s.paths) {
        const all = Object.values(s.paths).reduce((n, p) => n + p.count, 0);
        out.paths = Object.fromEntries(
          Object.entries(s.paths).map(([name, p]) => [name, { count: p.count, share: round(p.count, all) }]),
        );
      }
      steps[id] = out;
    }
    return { totals: { ...this.totals }, steps };
  }
}

/** The stats of a set of enrollments at once (tests, small automations). */
export function journeyStats(outline: StepOutline[], traces: Iterable<EnrollmentTrace>): JourneyStats {
  const tally = new StatsTally(outline);
  for (const e of traces) tally.add(e);
  return tally.result();
}
