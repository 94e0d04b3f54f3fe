import fc from "fast-check";
import {
  type Condition,
  JOURNEY_STEP_TYPES,
  type Journey,
  type JourneyStepType,
} from "../../statemachines/definitions/index.js";

type Obj = Record<string, unknown>;

/** How many tree children a step of each type takes (a split may get more paths than that). */
const capacity = (t: JourneyStepType): number =>
  t === "exit" ? 0 : t === "branch" || t === "waitFor" ? 2 : t === "split" ? 4 : 1;

/** The raw choices behind one step; `shape` turns a list of them into a valid graph. */
const stepSpec = fc.record({
  type: fc.constantFrom(...JOURNEY_STEP_TYPES),
  // Ids as people write them, with the odd characters step ids allow, and one near the 64 limit.
  name: fc.constantFrom("welcome", "wait-2d", "hot?", "go!", "A_1", "x", "l".repeat(60)),
  parent: fc.nat(),
  seeds: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  back: fc.boolean(),
  omitNext: fc.boolean(),
  extraPath: fc.boolean(),
  order: fc.nat(),
});
type StepSpec = typeof stepSpec extends fc.Arbitrary<infer T> ? T : never;

/** A step's place in the graph: its id, type and the ids its edges lead to, in field order. */
interface Shaped {
  id: string;
  type: JourneyStepType;
  targets: string[];
  order: number;
}

/**
 * Every step but the first hangs under an earlier step with room (a tree from the start, so all
 * are reachable); missing edges go forward to a later step, or, out of a wait or waitFor only,
 * back to any step up to itself, so every loop passes a wait.
 */
function shape(specs: StepSpec[]): Shaped[] {
  const n = specs.length;
  const types = specs.map((s) => s.type);
  const last = types[n - 1];
  if (last === "branch" || last === "split") types[n - 1] = "exit";
  const children: number[][] = specs.map(() => []);
  for (let j = 1; j < n; j++) {
    const from = (specs[j] as StepSpec).parent % j;
    const rotation = Array.from({ length: j }, (_, k) => (from + k) % j);
    let p = rotation.find((k) => capacity(types[k] as JourneyStepType) > (children[k] as number[]).length);
    if (p === undefined) {
      types[j - 1] = "webhook";
      p = j - 1;
    }
    (children[p] as number[]).push(j);
  }
  const ids = specs.map((s, i) => `${s.name}-${i}`);
  return specs.map((spec, i) => {
    const type = types[i] as JourneyStepType;
    const seed = (k: number) => spec.seeds[k % spec.seeds.length] as number;
    const forward = (k: number) => (i + 1 < n ? i + 1 + (seed(k) % (n - 1 - i)) : undefined);
    const back = (k: number) => seed(k) % (i + 1);
    const slots = [...(children[i] as number[])];
    const fill = (count: number, pick: (k: number) => number | undefined) => {
      for (let k = 0; slots.length < count; k++) {
        const to = pick(k);
        if (to === undefined) break;
        slots.push(to);
      }
    };
    if (type === "wait" || type === "waitFor") {
      const wanted = type === "wait" ? 1 : 2;
      fill(wanted, (k) => ((spec.back && k === 0) || i + 1 === n ? back(k) : forward(k)));
    } else if (type === "branch") fill(2, forward);
    else if (type === "split") fill(Math.max(slots.length, 2) + (spec.extraPath ? 1 : 0), forward);
    else if (type !== "exit" && !spec.omitNext) fill(1, forward);
    return { id: ids[i] as string, type, targets: slots.map((t) => ids[t] as string), order: spec.order };
  });
}

const template = fc.constantFrom(
  "Hi {{contact.firstName}}",
  'Hi {{contact.firstName | "there"}}, about {{record.name}}',
  "No placeholders at all",
  "{{user.firstName}} from {{user.company}}: score {{score}}",
);
const duration = fc.constantFrom("PT0S", "PT4H", "P1D", "P2D", "P1W", "P1DT12H");

const PREDICATES: Condition[] = [
  { field: "contact.score", op: "gte", value: 50 },
  { field: "contact.email", op: "exists" },
  { field: "contact.country", op: "in", value: ["US", "CA"] },
  { field: "lists", op: "contains", value: "newsletter" },
  { field: "event.path", op: "startsWith", value: "/pricing" },
];

/** Conditions over the facts, some on engagement with the journey's own message steps. */
function conditionArb(messages: string[]): fc.Arbitrary<Condition> {
  const engagement = messages.map((s, i): Condition => {
    return { field: `engagement.${s}.${i % 2 === 0 ? "opened" : "clicked"}`, op: "eq", value: true };
  });
  const predicate = fc.constantFrom(...PREDICATES, ...engagement);
  return fc.oneof(
    predicate,
    fc.array(predicate, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(predicate, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    predicate.map((not) => ({ not })),
  );
}

/** Weights from raw numbers: positive integers that add up to exactly 100. */
function toPercent(raw: number[]): number[] {
  const total = raw.reduce((s, r) => s + r, 0);
  const out = raw.map((r) => Math.floor((r * 100) / total));
  out[out.length - 1] = 100 - out.slice(0, -1).reduce((s, w) => s + w, 0);
  return out;
}

/** What a step's fields are made of: a condition, a message step id, a template, a duration. */
interface Parts {
  c: Condition;
  m: string | undefined;
  t: string;
  d: string;
}

/** Ways to fill in each type of step, edges aside (a split's fields are all edges). */
const CONTENT: Record<Exclude<JourneyStepType, "split">, (p: Parts) => Obj[]> = {
  email: ({ t }) => [
    { subject: t, html: "<p>Hello</p>" },
    { subject: t, text: t, from: "owner", replyTo: "sales@example.com", marketing: false },
    {
      variants: [
        { name: "a", weight: 30, subject: `A ${t}`, html: "<p>A</p>" },
        { name: "b", weight: 70, subject: "B", text: t },
      ],
    },
  ],
  sms: ({ t }) => [{ text: t }],
  notify: ({ t }) => [
    { to: "owner", subject: t },
    { to: { user: "usr_1" }, subject: t, text: t },
    { to: { role: "manager" }, subject: t, html: "<p>Look</p>" },
    { to: { email: "ops@example.com" }, subject: t },
  ],
  updateRecord: ({ t }) => [
    { set: { lifecycleStage: "sql" } },
    { target: "contact", set: { rating: 5, note: t } },
  ],
  createTask: ({ t, d }) => [
    { taskType: "call", title: t },
    { taskType: "meeting", title: t, due: d, assignee: "owner" },
    { taskType: "todo", title: t, notes: t, assignee: { roundRobin: ["usr_1", "usr_2"] } },
    { taskType: "linkedin", title: t, due: d, assignee: "usr_2" },
  ],
  score: ({ c }) => [{ add: 10 }, { add: -5 }, { rules: [{ if: c, add: 5 }] }],
  assign: ({ c }) => [
    { strategy: "fixed", user: "usr_1" },
    { strategy: "roundRobin", users: ["usr_1", "usr_2"], target: "contact" },
    { strategy: "territory", rules: [{ if: c, user: "usr_amer" }] },
    {
      strategy: "territory",
      rules: [{ if: c, user: "usr_amer" }],
      otherwise: { strategy: "fixed", user: "usr_1" },
    },
  ],
  addToList: () => [{ list: "newsletter" }],
  removeFromList: () => [{ list: "spring-sale-interested" }],
  enrollInSequence: () => [{ sequence: "quote-follow-up" }, { sequence: "quote-follow-up", sendAs: "usr_1" }],
  webhook: () => [
    { url: "https://hooks.example.com/x" },
    { url: "http://hooks.example.com/y", secret: "hook", body: { a: [1, "b"] } },
  ],
  wait: ({ d }) => [
    { duration: d },
    { duration: d, businessDaysOnly: true },
    { until: { days: ["tue", "thu"], at: "10:00", timezone: "contact" } },
    { until: { at: "09:30", timezone: "Asia/Tokyo" } },
    { until: { date: "2027-03-01T10:00" } },
    { until: { field: "contact.renewalDate", offset: "-P3D", at: "09:00" } },
  ],
  waitFor: ({ c, m, d }) => [
    { event: "email.opened", timeout: d, ...(m === undefined ? {} : { step: m }) },
    { event: "page.visited", timeout: d, where: c },
    { event: "custom.demo.booked", timeout: d },
    { event: "sms.replied", timeout: d },
  ],
  branch: ({ c }) => [{ if: c }],
  goal: ({ c }) => [{ if: c }],
  exit: () => [{}, { reason: "not interested" }],
};

/** The fields of a step other than its edges (for a split, its weights). */
function contentArb(step: Shaped, messages: string[]): fc.Arbitrary<Obj> {
  if (step.type === "split") {
    const n = step.targets.length;
    return fc
      .array(fc.integer({ min: 1, max: 10 }), { minLength: n, maxLength: n })
      .map((raw) => ({ weights: toPercent(raw) }));
  }
  const options = CONTENT[step.type];
  const m = messages.length > 0 ? fc.constantFrom(...messages) : fc.constant(undefined);
  return fc
    .record({ pick: fc.nat(), c: conditionArb(messages), m, t: template, d: duration })
    .map(({ pick, ...parts }) => {
      const all = options(parts);
      return all[pick % all.length] as Obj;
    });
}

/** Puts a step's edges in the fields its type names them in. */
function withEdges(step: Shaped, content: Obj): Obj {
  const [a, b] = step.targets;
  switch (step.type) {
    case "branch":
      return { type: step.type, ...content, then: a, else: b };
    case "waitFor":
      return { type: step.type, ...content, next: a, onTimeout: b };
    case "split": {
      const weights = content.weights as number[];
      // Path names may collide with control outcomes ("exit"): chosen paths are namespaced.
      const paths = step.targets.map((next, i) => {
        const holdout = i > 1 && i === step.targets.length - 1;
        return {
          name: holdout ? "holdout" : i === 1 && step.targets.length === 3 ? "exit" : `path-${i}`,
          weight: weights[i],
          next,
          ...(holdout ? { holdout } : {}),
        };
      });
      return { type: step.type, paths };
    }
    default:
      return { type: step.type, ...content, ...(a === undefined ? {} : { next: a }) };
  }
}

const WINDOW = { days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00", timezone: "contact" };
const triggerArb = fc.constantFrom<Obj>(
  { event: "record.created", recordType: "contact" },
  {
    event: "record.updated",
    recordType: "deal",
    where: { field: "record.stage", op: "changedTo", value: "won" },
  },
  { event: "page.visited", where: { field: "event.path", op: "eq", value: "/pricing" } },
  { event: "list.joined", list: "webinar-2026" },
  { event: "email.clicked", automation: "spring-sale-blast" },
  { event: "custom", name: "trial.started" },
  { event: "manual" },
  { event: "date", at: "2027-03-01T10:00:00", timezone: "contact", audience: { list: "newsletter" } },
  { event: "date", field: "contact.renewalDate", offset: "-P3D", at: "09:00" },
);

/**
 * Random valid journeys: 1 to `maxSteps` steps of every type, all reachable from `start`, edges
 * forward except some out of wait/waitFor steps, so every loop waits. Keys come in random order.
 */
export function journeyArb(maxSteps = 12): fc.Arbitrary<Journey> {
  return fc
    .array(stepSpec, { minLength: 1, maxLength: maxSteps })
    .map(shape)
    .chain((shaped) => {
      const messages = shaped.filter((s) => s.type === "email" || s.type === "sms").map((s) => s.id);
      return fc
        .record(
          {
            contents: fc.tuple(...shaped.map((s) => contentArb(s, messages))),
            triggers: fc.uniqueArray(triggerArb, { minLength: 1, maxLength: 3 }),
            reentry: fc.constantFrom<unknown>("never", "always", { after: "P30D" }),
            exitWhen: conditionArb(messages),
            settings: fc.constant({ window: WINDOW }),
          },
          { requiredKeys: ["contents", "triggers"] },
        )
        .map(({ contents, ...rest }) => {
          const byOrder = shaped
            .map((s, i) => [s, contents[i] as Obj] as const)
            .sort((x, y) => x[0].order - y[0].order);
          return {
            kind: "journey",
            id: "random-journey",
            name: "A random journey",
            ...rest,
            start: (shaped[0] as Shaped).id,
            steps: Object.fromEntries(byOrder.map(([s, content]) => [s.id, withEdges(s, content)])),
          } as unknown as Journey;
        });
    });
}
