import validator from "asl-validator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../statemachines/compiler/index.js";
import { substituteResources } from "../../statemachines/compiler/substitute.js";
import { OUTCOME, pathOutcome, STATE } from "../../statemachines/contract.js";
import type { Journey, JourneyStep } from "../../statemachines/definitions/index.js";
import { formatProblem } from "../../statemachines/definitions/problems.js";
import { validateDefinition } from "../../statemachines/definitions/validate.js";
import { journeyArb } from "../support/arbitraries.js";
import { seeded } from "../support/random.js";
import { runSegment, type Script } from "../support/run-segment.js";

const arn = (kind: string) => `arn:aws:lambda:us-east-1:123456789012:function:x-${kind}`;
/** Steps whose Task ends the segment (a timer, a waiter, the end of the enrollment). */
const TERMINAL = new Set(["wait", "waitFor", "exit"]);
const DEFERRABLE = new Set(["email", "sms", "notify"]);
const WAITING = new Set(["wait", "waitFor"]);

function problemsOf(input: unknown): string[] {
  const v = validateDefinition(input);
  return v.ok ? [] : v.problems.map(formatProblem);
}

/**
 * Handlers that answer like the real ones would, at random: a branch says then or else, a split
 * names one of its paths, message steps are sometimes deferred, any step sometimes exits. What
 * each step answered is kept in `outcomes`.
 */
function randomHandlers(journey: Journey, seed: number, outcomes: Map<string, string>): Script {
  const rand = seeded(seed).next;
  return ({ kind, input }) => {
    if (kind === "claim") return { claimed: true };
    const id = input.step ?? "";
    const step = journey.steps[id];
    let outcome: string = OUTCOME.done;
    if (step !== undefined && !TERMINAL.has(step.type)) {
      const r = rand();
      if (r < 0.1) outcome = OUTCOME.exit;
      else if (step.type === "branch") outcome = r < 0.55 ? OUTCOME.then : OUTCOME.else;
      else if (step.type === "split")
        outcome = pathOutcome(step.paths[Math.floor(rand() * step.paths.length)]?.name ?? "");
      else if (DEFERRABLE.has(step.type) && r < 0.35) outcome = OUTCOME.deferred;
      outcomes.set(id, outcome);
    }
    return { outcome, step: id, ...(outcome === OUTCOME.deferred ? { until: "2027-03-01T09:00:00Z" } : {}) };
  };
}

/** The model: where a step goes on an outcome, read from the definition, not from the ASL. */
function nextState(step: JourneyStep, outcome: string): string {
  if (outcome === OUTCOME.exit) return STATE.exit;
  if (outcome === OUTCOME.deferred) return STATE.defer;
  if (step.type === "branch") return outcome === OUTCOME.then ? step.then : step.else;
  if (step.type === "split")
    return step.paths.find((p) => pathOutcome(p.name) === outcome)?.next ?? STATE.unexpected;
  return ("next" in step ? step.next : undefined) ?? STATE.complete;
}

/** The states a segment must enter, given what each step answered. */
function expectedStates(journey: Journey, entry: string, outcomes: Map<string, string>): string[] {
  const states: string[] = [STATE.claim, STATE.dispatch];
  for (let at = entry === STATE.start ? journey.start : entry; ; ) {
    states.push(at);
    const step = journey.steps[at];
    if (step === undefined || TERMINAL.has(step.type)) return states;
    states.push(`${at}.route`);
    at = nextState(step, outcomes.get(at) ?? "(not called)");
  }
}

describe("random valid journeys", () => {
  it("validate with no problems and no warnings", () => {
    fc.assert(
      fc.property(journeyArb(), (journey) => {
        const v = validateDefinition(journey);
        expect(v.ok ? [] : v.problems.map(formatProblem)).toEqual([]);
        expect(v.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("compile to ASL that asl-validator accepts, every step a Dispatch target", () => {
    fc.assert(
      fc.property(journeyArb(), (journey) => {
        const asl = compile(journey);
        const withArns = substituteResources(asl, arn);
        const result = validator(structuredClone(withArns), { checkPaths: true, checkArn: true });
        expect(result.errors).toEqual([]);
        expect(result.isValid).toBe(true);
        const dispatch = asl.States[STATE.dispatch];
        const targets = dispatch?.Type === "Choice" ? dispatch.Choices.map((c) => c.StringEquals) : [];
        for (const id of Object.keys(journey.steps)) {
          expect(targets).toContain(id);
          expect(asl.States[id]?.Type).toBe("Task");
        }
      }),
      { numRuns: 40 },
    );
  });

  it("run a segment from any step (or _Start) along the definition's edges to a terminal state", async () => {
    await fc.assert(
      fc.asyncProperty(journeyArb(), fc.nat(), fc.integer(), async (journey, pick, seed) => {
        const ids = Object.keys(journey.steps);
        const entries = [STATE.start, ...ids];
        const entry = entries[pick % entries.length] as string;
        const outcomes = new Map<string, string>();
        const run = await runSegment(compile(journey), entry, randomHandlers(journey, seed, outcomes));
        expect(run.error).toBeUndefined();
        expect(run.status).toBe("succeeded");
        expect(run.states).not.toContain(STATE.unexpected);
        expect(run.states).not.toContain(STATE.unknown);
        expect(run.states.length).toBeLessThanOrEqual(4 * ids.length + 10);
        expect(run.states).toEqual(expectedStates(journey, entry, outcomes));
      }),
      { numRuns: 40 },
    );
  });
});

type Loose = { start: string; steps: Record<string, Record<string, unknown>> };

/** A copy of a journey to break; the typed journey is left alone. */
function loose(journey: Journey): Loose {
  return structuredClone(journey) as unknown as Loose;
}

function idsWhere(journey: Journey, keep: (step: JourneyStep) => boolean): string[] {
  return Object.entries(journey.steps)
    .filter(([, s]) => keep(s))
    .map(([id]) => id);
}

/** Steps with a single `next` that do not wait: where a loop without a wait can be closed. */
const closesLoop = (s: JourneyStep) => !WAITING.has(s.type) && !["exit", "branch", "split"].includes(s.type);

/** Steps from which `target` is reached without passing a wait (itself included). */
function nonWaitingAncestors(journey: Journey, target: string): string[] {
  const found = new Set([target]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, step] of Object.entries(journey.steps)) {
      if (found.has(id) || WAITING.has(step.type)) continue;
      const to = [
        ...["next", "then", "else"].map((k) => (step as Record<string, unknown>)[k]),
        ...(step.type === "split" ? step.paths.map((p) => p.next) : []),
      ];
      if (to.some((t) => typeof t === "string" && found.has(t))) {
        found.add(id);
        grew = true;
      }
    }
  }
  return [...found];
}

describe("random journeys broken in one place are refused at that place", () => {
  it("a next that names an unknown step", () => {
    const arb = journeyArb().filter(
      (j) => idsWhere(j, (s) => "next" in s && s.next !== undefined).length > 0,
    );
    fc.assert(
      fc.property(arb, fc.nat(), (journey, pick) => {
        const ids = idsWhere(journey, (s) => "next" in s && s.next !== undefined);
        const id = ids[pick % ids.length] as string;
        const broken = loose(journey);
        (broken.steps[id] as Record<string, unknown>).next = "ghost-step";
        expect(problemsOf(broken)).toContain(`steps.${id}.next: unknown step "ghost-step"`);
      }),
      { numRuns: 100 },
    );
  });

  it("a start step that is deleted", () => {
    fc.assert(
      fc.property(journeyArb(), (journey) => {
        const broken = loose(journey);
        delete broken.steps[journey.start];
        expect(problemsOf(broken)).toContain(`start: unknown step "${journey.start}"`);
      }),
      { numRuns: 100 },
    );
  });

  it("split weights that no longer add up to 100", () => {
    const arb = journeyArb().filter((j) => idsWhere(j, (s) => s.type === "split").length > 0);
    fc.assert(
      fc.property(arb, fc.nat(), fc.integer({ min: 1, max: 60 }), (journey, pick, delta) => {
        const ids = idsWhere(journey, (s) => s.type === "split");
        const id = ids[pick % ids.length] as string;
        const broken = loose(journey);
        const paths = (broken.steps[id] as { paths: { weight: number }[] }).paths;
        const path = paths[pick % paths.length] as { weight: number };
        const change = path.weight > delta && pick % 2 === 0 ? -delta : delta;
        path.weight += change;
        expect(problemsOf(broken)).toContain(`steps.${id}.paths: weights add up to ${100 + change}, not 100`);
      }),
      { numRuns: 100 },
    );
  });

  it("a loop that never waits, reported at a step of the loop, listing it", () => {
    const arb = journeyArb().filter((j) => idsWhere(j, closesLoop).length > 0);
    fc.assert(
      fc.property(arb, fc.nat(), fc.nat(), (journey, pickFrom, pickTo) => {
        const from = idsWhere(journey, closesLoop)[pickFrom % idsWhere(journey, closesLoop).length] as string;
        const candidates = nonWaitingAncestors(journey, from);
        const to = candidates[pickTo % candidates.length] as string;
        const broken = loose(journey);
        (broken.steps[from] as Record<string, unknown>).next = to;
        const v = validateDefinition(broken);
        const loops = v.ok ? [] : v.problems.filter((p) => p.message.startsWith("this loop never waits"));
        expect(loops).toHaveLength(1);
        const [loop] = loops as [{ path: string; message: string }];
        const listed = /^this loop never waits \((.+)\); put a wait or waitFor in it$/.exec(
          loop.message,
        )?.[1];
        const members = listed?.split(" → ") ?? [];
        expect(members).toContain(from);
        expect(members).toContain(to);
        expect(members[0]).toBe(members.at(-1));
        expect(loop.path).toBe(`steps.${members[0]}`);
      }),
      { numRuns: 100 },
    );
  });

  it("a step that nothing leads to, even when it leads into the journey", () => {
    fc.assert(
      fc.property(journeyArb(), (journey) => {
        const broken = loose(journey);
        broken.steps["orphan-step"] = {
          type: "webhook",
          url: "https://hooks.example.com/o",
          next: journey.start,
        };
        expect(problemsOf(broken)).toEqual([
          `steps.orphan-step: not reachable from start "${journey.start}"`,
        ]);
      }),
      { numRuns: 100 },
    );
  });
});
