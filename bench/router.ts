/**
 * npm run bench:router — events per second through the router's matching (pure, no I/O) for a
 * workspace with 1,000 active triggers, beside a linear scan over all of them.
 */
import type { BusEvent } from "../lambdas/core/record-events.js";
import { type IndexedTrigger, matchLinear, TriggerIndex } from "../lambdas/core/triggers.js";
import type { Trigger } from "../statemachines/definitions/triggers.js";
import { seeded } from "../test/support/random.js";

const TRIGGERS = 1_000;
const EVENTS = 20_000;
const TARGETS = { eventsPerSecond: 50_000, speedup: 20 };

const { next: rand, pick } = seeded(42);
const STAGES = ["new", "qualified", "proposal", "negotiation", "won", "lost"];
const TYPES = ["contact", "deal", "company", "activity"] as const;

function trigger(i: number): Trigger {
  switch (i % 5) {
    case 0:
      return {
        event: "record.updated",
        recordType: "deal",
        where: {
          all: [
            { field: "record.pipeline", op: "eq", value: `pipeline-${i % 40}` },
            { field: "record.stage", op: "changedTo", value: pick(STAGES) },
          ],
        },
      };
    case 1:
      return {
        event: "record.created",
        recordType: pick(TYPES),
        where: {
          all: [
            { field: "record.source", op: "eq", value: `source-${i % 40}` },
            { field: "record.country", op: "in", value: ["US", "CA"] },
          ],
        },
      };
    case 2:
      return { event: "page.visited", where: { field: "event.path", op: "eq", value: `/page-${i % 200}` } };
    case 3:
      return { event: "list.joined", list: `list-${i % 100}` };
    default:
      return {
        event: "custom",
        name: `signal-${i % 50}`,
        where: { field: "event.plan", op: "eq", value: `plan-${i % 4}` },
      };
  }
}

function event(i: number): BusEvent {
  const base = { id: String(i), source: "bench", time: "2027-03-01T10:00:00.000Z" };
  switch (i % 5) {
    case 0:
      return {
        ...base,
        "detail-type": "record.updated",
        detail: {
          tenantId: "ws",
          recordType: "deal",
          record: { stage: pick(STAGES), pipeline: `pipeline-${Math.floor(rand() * 50)}` },
          previous: { stage: pick(STAGES) },
        },
      };
    case 1:
      return {
        ...base,
        "detail-type": "record.created",
        detail: {
          tenantId: "ws",
          recordType: pick(TYPES),
          record: { source: `source-${Math.floor(rand() * 50)}`, country: pick(["US", "FR"]) },
        },
      };
    case 2:
      return {
        ...base,
        "detail-type": "page.visited",
        detail: { tenantId: "ws", path: `/page-${Math.floor(rand() * 400)}` },
      };
    case 3:
      return {
        ...base,
        "detail-type": "list.joined",
        detail: { tenantId: "ws", list: `list-${Math.floor(rand() * 200)}` },
      };
    default:
      return {
        ...base,
        "detail-type": "custom",
        detail: {
          tenantId: "ws",
          name: `signal-${Math.floor(rand() * 100)}`,
          plan: `plan-${Math.floor(rand() * 4)}`,
        },
      };
  }
}

const triggers: IndexedTrigger[] = Array.from({ length: TRIGGERS }, (_, i) => ({
  automationId: `auto-${i}`,
  version: 1,
  index: 0,
  trigger: trigger(i),
}));
const events = Array.from({ length: EVENTS }, (_, i) => event(i));
const index = new TriggerIndex(triggers);

function rate(fn: (e: BusEvent) => unknown, count: number): { perSecond: number; matched: number } {
  let matched = 0;
  for (let i = 0; i < 2_000; i++) fn(events[i % events.length] as BusEvent); // warm up
  const t = performance.now();
  for (let i = 0; i < count; i++) matched += (fn(events[i % events.length] as BusEvent) as unknown[]).length;
  return { perSecond: count / ((performance.now() - t) / 1000), matched };
}

const indexed = rate((e) => index.match(e), EVENTS * 5);
const linear = rate((e) => matchLinear(triggers, e), EVENTS / 4);
const speedup = indexed.perSecond / linear.perSecond;

console.log(
  `bench:router — node ${process.version}, one core, ${TRIGGERS.toLocaleString("en-US")} active triggers in one workspace`,
);
console.log(
  "(a fifth each: deal stage changes by pipeline, records created by source and country, page visits",
);
console.log(" by path, list joins, custom events by plan: each automation with criteria of its own)\n");
const rows: [string, string, string, boolean | undefined][] = [
  [
    "indexed matching",
    `${Math.round(indexed.perSecond).toLocaleString("en-US")} events/s`,
    `≥ ${TARGETS.eventsPerSecond.toLocaleString("en-US")}`,
    indexed.perSecond >= TARGETS.eventsPerSecond,
  ],
  [
    "linear scan",
    `${Math.round(linear.perSecond).toLocaleString("en-US")} events/s`,
    "(reference)",
    undefined,
  ],
  ["speed-up", `${speedup.toFixed(0)}×`, `≥ ${TARGETS.speedup}×`, speedup >= TARGETS.speedup],
  ["matches per event (index)", (indexed.matched / (EVENTS * 5)).toFixed(2), "(reported)", undefined],
];
for (const [name, value, target, ok] of rows)
  console.log(
    `${name.padEnd(28)} ${value.padStart(20)}   target ${target.padEnd(12)} ${ok === undefined ? "" : ok ? "PASS" : "MISS"}`,
  );
if (rows.some(([, , , ok]) => ok === false)) process.exitCode = 1;

// The local end-to-end rate: record updates that each run a 2-action workflow (createTask and
// updateRecord) through the stream, the bus, the router, aws-local-stepfunctions and dynalite.
const { startRuntime } = await import("../local/runtime.js");
const { VirtualClock } = await import("../local/clock.js");
const runtime = await startRuntime({
  memory: true,
  port: 0,
  clock: new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true }),
  log: () => {},
});
await runtime.workspaces.put({ tenantId: "bench", plan: "enterprise", timezone: "UTC" });
const token = await runtime.tokens.sign({ tenant: "bench", user: "usr_admin", role: "admin" });
const call = (method: string, path: string, body?: unknown) =>
  fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }).then((r) => r.json() as Promise<{ id: string }>);
await call("POST", "/automations", {
  kind: "workflow",
  id: "two-actions",
  name: "Two actions on every stage change",
  trigger: { event: "record.updated", recordType: "deal", where: { field: "record.stage", op: "changed" } },
  actions: [
    { type: "createTask", taskType: "call", title: "Follow up on {{record.name}}" },
    { type: "updateRecord", set: { followUp: "scheduled" } },
  ],
});
await call("POST", "/automations/two-actions/activate", {});
const UPDATES = 300;
const deals: string[] = [];
for (let i = 0; i < UPDATES; i++)
  deals.push((await call("POST", "/records/deal", { name: `Deal ${i}`, stage: "new" })).id);
await runtime.settle();
const started = performance.now();
for (let i = 0; i < UPDATES; i += 20) {
  await Promise.all(
    deals.slice(i, i + 20).map((id) => call("PATCH", `/records/deal/${id}`, { stage: "qualified" })),
  );
}
await runtime.settle();
const seconds = (performance.now() - started) / 1000;
const failures = runtime.engine.failures.length;
await runtime.close();
console.log(
  `\nlocal end to end: ${UPDATES} deal updates, each running a 2-action workflow: ${(UPDATES / seconds).toFixed(0)} updates/s ` +
    `(${seconds.toFixed(1)} s, ${failures} failed segments; no target yet)`,
);
