/**
 * bench:journey — contacts through journey-webinar-nurture over 10 virtual days on the local
 * runtime (dynalite, aws-ses-v2-local, aws-local-stepfunctions, the virtual clock). 40% open the
 * welcome, 30% click the follow-up. Prints wall time, contact-steps per second, DynamoDB
 * operations per contact-step and peak memory, beside the targets.
 *   npm run bench:journey            (10,000 contacts)
 *   BENCH_CONTACTS=1000 npm run bench:journey
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeMessageTags } from "../lambdas/core/mail-tags.js";
import { VirtualClock } from "../local/clock.js";
import { startRuntime } from "../local/runtime.js";
import { seeded } from "../test/support/random.js";

const N = Number(process.env.BENCH_CONTACTS ?? 10_000);
const TARGETS = { stepsPerSecond: 500, opsPerStep: 4 };
const random = seeded(42);

const rt = await startRuntime({
  memory: true,
  port: 0,
  log: () => {},
  clock: new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true }),
});
await rt.workspaces.put({ tenantId: "acme", plan: "growth", timezone: "UTC" });
const token = await rt.tokens.sign({ tenant: "acme", user: "usr_admin", role: "admin" });
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${rt.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
};
for (const id of ["usr_admin", "usr_amer", "usr_emea", "usr_1", "usr_2", "usr_3"])
  await call("POST", "/users", { id, email: `${id}@acme.test`, role: "admin" });
await call(
  "POST",
  "/automations",
  JSON.parse(readFileSync(join(import.meta.dirname, "../examples/journey-webinar-nurture.json"), "utf8")),
);
await call("POST", "/automations/webinar-nurture/activate", {});

let ops = 0;
const detail = process.env.BENCH_DETAIL ? new Map<string, number>() : undefined;
let timerOps = 0;
// The local timer store stands in for EventBridge Scheduler (no DynamoDB on AWS): counted apart.
const isTimer = (input: Record<string, unknown>) =>
  JSON.stringify([
    input.Key,
    (input.Item as { pk?: string } | undefined)?.pk,
    input.ExpressionAttributeValues,
  ]).includes('"TIMERS"');
rt.dynamo.doc.middlewareStack.add(
  (next, context) => async (args) => {
    if (isTimer(args.input as Record<string, unknown>)) timerOps++;
    else {
      ops++;
      if (detail) {
        const input = args.input as Record<string, unknown>;
        const pk = String(
          (input.Key as { pk?: string } | undefined)?.pk ??
            (input.Item as { pk?: string } | undefined)?.pk ??
            (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[":pk"] ??
            "?",
        )
          .replace(/#[^#]*$/, "#…")
          .replace(/(T#acme#[A-Z]+)#.*/, "$1");
        const sk = String((input.Key as { sk?: string } | undefined)?.sk ?? "").slice(0, 12);
        const key = `${context.commandName ?? ""} ${pk} ${pk.endsWith("…") ? sk : ""}`;
        detail.set(key, (detail.get(key) ?? 0) + 1);
      }
    }
    return next(args);
  },
  { step: "initialize", name: "countOps" },
);
let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

const waiting = async (step: string) => {
  const items: { id: string; contactId: string }[] = [];
  let next: string | undefined;
  do {
    const page = await call(
      "GET",
      `/automations/webinar-nurture/enrollments?status=active&step=${step}&limit=1000${next ? `&next=${next}` : ""}`,
    );
    items.push(...page.items);
    next = page.next;
  } while (next);
  return items;
};
const engage = async (kind: "Open" | "Click", e: { id: string; contactId: string }, step: string) => {
  const tags = Object.fromEntries(
    Object.entries(
      encodeMessageTags({
        tenantId: "acme",
        automationId: "webinar-nurture",
        enrollmentId: e.id,
        stepId: step,
        token: "t",
        contactId: e.contactId,
      }),
    ).map(([k, v]) => [k, [v]]),
  );
  const mail = {
    timestamp: "2027-03-01T11:00:00Z",
    source: "hello@acme.test",
    messageId: `m-${e.id}-${step}`,
    destination: ["x@acme.test"],
    tags,
  };
  await call(
    "POST",
    "/_local/ses-events",
    kind === "Open"
      ? { eventType: "Open", mail, open: { timestamp: mail.timestamp } }
      : { eventType: "Click", mail, click: { timestamp: mail.timestamp, link: "https://acme.test" } },
  );
};
const pool = async <T>(items: T[], width: number, fn: (t: T) => Promise<unknown>) => {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
};

const countries = ["US", "CA", "DE", "FR", "JP", "BR"];
const began = performance.now();
await pool(
  Array.from({ length: N }, (_, i) => i),
  16,
  (i) =>
    call("POST", "/records/contact", {
      firstName: `C${i}`,
      email: `c${i}@acme.test`,
      source: "webinar",
      country: countries[i % countries.length],
      timezone: "Europe/London",
    }),
);
await rt.settle();
await pool(
  (await waiting("wait-2d")).filter(() => random.chance(0.4)),
  16,
  (e) => engage("Open", e, "welcome"),
);
await rt.settle();
for (let day = 0; day < 10; day++) {
  await call("POST", "/_local/clock", { advance: "P1D" });
  if (day === 1) {
    const clickers = (await waiting("wait-click")).filter(() => random.chance(0.3));
    const offerOf = async (id: string) =>
      ((await call("GET", `/enrollments/${id}`)).trace as { step?: string; what: string }[])
        .filter((t) => t.what === "ran")
        .at(-1)?.step ?? "case-study";
    await pool(clickers, 16, async (e) => engage("Click", e, await offerOf(e.id)));
    await rt.settle();
  }
}
const wall = (performance.now() - began) / 1000;
const opsDuring = ops;
const timerOpsDuring = timerOps;
clearInterval(sample);

// Count contact-steps from the traces (after the clock: these reads are not counted).
const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
// A contact-step is one contact passing one step; a step that is deferred and then run, or a
// waitFor that waits and then resumes, counts once (its executions are reported apart).
let steps = 0;
let executions = 0;
let ended = 0;
let start: Record<string, unknown> | undefined;
do {
  const out = await rt.dynamo.doc.send(
    new ScanCommand({
      TableName: rt.dynamo.tableName,
      FilterExpression: "begins_with(pk, :p) AND sk = :s",
      ExpressionAttributeValues: { ":p": "T#acme#E#", ":s": "-" },
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  for (const e of out.Items ?? []) {
    const entries = (e.trace as { step?: string; what: string }[]).filter(
      (t) => t.step && t.what !== "matched",
    );
    executions += entries.length;
    steps += new Set(entries.map((t) => t.step)).size;
    if (e.status !== "active") ended++;
  }
  start = out.LastEvaluatedKey;
} while (start);
const mails = (await rt.mails()).length;
const pendingTimers = await rt.timers.pending();
const failures = rt.engine.failures.length + rt.bus.failures.length;
for (const f of [...rt.engine.failures, ...rt.bus.failures].slice(0, 5))
  console.error(JSON.stringify(f).slice(0, 400));
await rt.close();

const row = (name: string, value: string, target: string, pass?: boolean) =>
  console.log(
    `${name.padEnd(44)}${value.padStart(14)}   ${target.padEnd(22)}${pass === undefined ? "" : pass ? "PASS" : "FAIL"}`,
  );
console.log(
  `bench:journey — node ${process.version}, ${N.toLocaleString("en-US")} contacts through webinar-nurture over 10 virtual days`,
);
row("wall time", `${wall.toFixed(1)} s`, "");
row("contact-steps (distinct contact × step)", steps.toLocaleString("en-US"), "");
row("step executions (trace entries: deferrals, waits)", executions.toLocaleString("en-US"), "");
row(
  "contact-steps per second",
  (steps / wall).toFixed(0),
  `target ≥ ${TARGETS.stepsPerSecond}`,
  steps / wall >= TARGETS.stepsPerSecond,
);
row("DynamoDB operations", opsDuring.toLocaleString("en-US"), "");
row(
  "DynamoDB operations per contact-step",
  (opsDuring / steps).toFixed(2),
  `target ≤ ${TARGETS.opsPerStep}`,
  opsDuring / steps <= TARGETS.opsPerStep,
);
row(
  "local timer-store operations (Scheduler on AWS)",
  timerOpsDuring.toLocaleString("en-US"),
  "not DynamoDB on AWS",
);
row("emails sent (SES)", mails.toLocaleString("en-US"), "");
row(
  "enrollments ended",
  `${ended.toLocaleString("en-US")} of ${N.toLocaleString("en-US")}`,
  "all",
  ended === N,
);
row("failed segments and deliveries", String(failures), "0", failures === 0);
row("timers still pending", String(pendingTimers), "");
if (detail)
  for (const [k, v] of [...detail].sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(8)} ${k}`);
row("peak memory (RSS)", `${(peak / 1048576).toFixed(0)} MB`, "");
