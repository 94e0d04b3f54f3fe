/**
 * npx tsx bench/pattern.ts — the router's trigger matching: 1,000 active trigger patterns of one
 * workspace against a stream of that workspace's events, through PatternIndex (default fields) and
 * through a linear scan of the same compiled matchers. Targets: ≥ 50,000 events/s on one core and
 * ≥ 20× the scan.
 *
 * Workloads: "crm" follows the triggers of PRODUCT.md (record events per record type with
 * changed/changedTo filters, engagement per automation, lists, derived events, page visits, custom
 * events); "crm, all distinct" is the same with no two triggers alike, so none shares another's
 * test; "dense" is a stress case: few event types, weak filters, 5% of triggers that no exact
 * field narrows, and about 11 matches per event.
 */
import { PatternIndex } from "../lambdas/core/events/index-by-key.js";
import { compilePattern, type EventMatcher, type EventPattern } from "../lambdas/core/events/pattern.js";
import { type Random, seeded } from "../test/support/random.js";

const PATTERNS = 1_000;
const EVENTS = 5_000;
const TARGETS = { eventsPerSecond: 50_000, speedUp: 20 };

interface Workload {
  readonly name: string;
  trigger(r: Random): EventPattern;
  event(r: Random): unknown;
}

const TENANT = "ws_8f3a";
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
const weighted = <T>(pairs: readonly [T, number][]): T[] => pairs.flatMap(([v, n]) => Array<T>(n).fill(v));

// crm — PRODUCT.md: record.created|updated|deleted for contact, deal, company, activity ("changed",
// "changedTo"), email/sms engagement (optionally for one automation), list.joined|left, task.completed,
// deal.won|lost, page.visited, custom events.
const RECORD_TYPES = weighted<string>([
  ["contact", 10],
  ["deal", 5],
  ["company", 3],
  ["activity", 2],
]);
const RECORD_EVENTS = weighted<string>([
  ["record.created", 3],
  ["record.updated", 6],
  ["record.deleted", 1],
]);
const ENGAGEMENT = weighted<string>([
  ["email.delivered", 6],
  ["email.opened", 5],
  ["email.clicked", 3],
  ["email.bounced", 1],
  ["email.complained", 1],
  ["email.replied", 1],
  ["email.unsubscribed", 1],
  ["sms.delivered", 2],
  ["sms.replied", 1],
]);
const FIELDS = ["stage", "owner", "amount", "lifecycle", "score", "email", "phone", "city"];
const VALUES: Record<string, readonly string[]> = {
  stage: ["new", "qualified", "meeting", "proposal", "negotiation", "won", "lost"],
  lifecycle: ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist"],
  owner: ids("user", 12),
  city: ["Paris", "Lyon", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Prague", "Dublin", "Oslo"],
};
const AUTOMATIONS = ids("aut", 150);
const LISTS = ids("list", 40);
const CUSTOM = ids("custom.event", 30);
const PAGES = ["pricing", "docs", "blog", "demo", "careers"];

function crmTrigger(r: Random): EventPattern {
  const detail: Record<string, unknown> = { tenantId: [TENANT] };
  const k = r.next();
  if (k < 0.45) {
    const type = r.pick(RECORD_EVENTS);
    detail.recordType = [r.pick(RECORD_TYPES)];
    const field = r.pick(Object.keys(VALUES));
    if (type === "record.updated" && r.chance(0.9)) detail.changed = [r.chance(0.7) ? field : r.pick(FIELDS)];
    if (r.chance(0.7)) detail.new = { [field]: [r.pick(VALUES[field] ?? [])] };
    else if (r.chance(0.5)) detail.new = { amount: [{ numeric: [">=", r.int(50) * 1000] }] };
    return { source: ["autopilot.records"], "detail-type": [type], detail } as EventPattern;
  }
  if (k < 0.7) {
    if (r.chance(0.9)) detail.automationId = [r.pick(AUTOMATIONS)];
    if (r.chance(0.2)) detail.link = [{ wildcard: "https://*/pricing*" }];
    return { source: ["autopilot.engagement"], "detail-type": [r.pick(ENGAGEMENT)], detail } as EventPattern;
  }
  if (k < 0.8) {
    detail.listId = [r.pick(LISTS)];
    return {
      source: ["autopilot.lists"],
      "detail-type": [r.pick(["list.joined", "list.left"])],
      detail,
    } as EventPattern;
  }
  if (k < 0.88) {
    if (r.chance(0.8)) detail.amount = [{ numeric: [">", r.int(20) * 5000] }];
    return {
      source: ["autopilot.records"],
      "detail-type": [r.pick(["task.completed", "deal.won", "deal.lost"])],
      detail,
    } as EventPattern;
  }
  if (k < 0.95) {
    detail.url = [
      r.chance(0.5) ? { prefix: `https://acme.com/${r.pick(PAGES)}` } : { wildcard: `*/${r.pick(PAGES)}/*` },
    ];
    return { source: ["autopilot.track"], "detail-type": ["page.visited"], detail } as EventPattern;
  }
  detail.name = [r.pick(CUSTOM)];
  return { source: ["autopilot.custom"], "detail-type": ["custom"], detail } as EventPattern;
}

function crmEvent(r: Random): unknown {
  const tenantId = r.chance(0.97) ? TENANT : "ws_other";
  const k = r.next();
  const base = (source: string, type: string, detail: Record<string, unknown>) => ({
    version: "0",
    id: `ev_${r.int(1e9)}`,
    source,
    "detail-type": type,
    time: "2026-11-20T10:00:00Z",
    detail: { tenantId, ...detail },
  });
  if (k < 0.5) {
    const type = r.pick(RECORD_EVENTS);
    const record = Object.fromEntries(Object.entries(VALUES).map(([f, vs]) => [f, r.pick(vs)]));
    const changed = type === "record.updated" ? [...new Set([r.pick(FIELDS), r.pick(FIELDS)])] : [];
    return base("autopilot.records", type, {
      recordType: r.pick(RECORD_TYPES),
      recordId: `rec_${r.int(1e6)}`,
      changed,
      new: { ...record, amount: r.int(60_000) },
    });
  }
  if (k < 0.8)
    return base("autopilot.engagement", r.pick(ENGAGEMENT), {
      automationId: r.pick(AUTOMATIONS),
      contactId: `c_${r.int(1e6)}`,
      link: r.pick(["https://acme.com/pricing?x=1", "https://acme.com/blog"]),
    });
  if (k < 0.85)
    return base("autopilot.lists", r.pick(["list.joined", "list.left"]), {
      listId: r.pick(LISTS),
      contactId: `c_${r.int(1e6)}`,
    });
  if (k < 0.9)
    return base("autopilot.records", r.pick(["task.completed", "deal.won", "deal.lost"]), {
      amount: r.int(100_000),
    });
  if (k < 0.97)
    return base("autopilot.track", "page.visited", { url: `https://acme.com/${r.pick(PAGES)}/x` });
  return base("autopilot.custom", "custom", { name: r.pick(CUSTOM) });
}

// dense — the stress case: 3 record event types over 12 record types, weak filters, broad triggers.
const DENSE_TYPES = ["contact", "company", "deal", "ticket", ...ids("custom", 8)];
const DENSE_EVENTS = ["record.created", "record.updated", "record.deleted"];
const DENSE_EMAIL = ["email.delivered", "email.opened", "email.clicked", "email.bounced", "email.replied"];
const STAGES = ["lead", "qualified", "proposal", "won", "lost"];
const CAMPAIGNS = ids("cmp", 60);
const FORMS = ids("form", 30);

function denseTrigger(r: Random): EventPattern {
  const kind = r.next();
  if (kind < 0.05)
    return r.chance(0.5)
      ? {
          source: [{ prefix: "autopilot." }],
          detail: { tenantId: [TENANT], recordType: [r.pick(DENSE_TYPES)] },
        }
      : { detail: { tenantId: [TENANT], $or: [{ stage: ["won"] }, { score: [{ numeric: [">", 90] }] }] } };
  if (kind < 0.5) {
    const detail: Record<string, unknown> = { tenantId: [TENANT], recordType: [r.pick(DENSE_TYPES)] };
    if (r.chance(0.6)) detail.changed = [r.pick(FIELDS)];
    if (r.chance(0.3)) detail.amount = [{ numeric: [">=", r.int(50) * 1000] }];
    if (r.chance(0.3)) detail.stage = [{ "anything-but": ["lost"] }];
    if (r.chance(0.2))
      detail.email = [{ suffix: { "equals-ignore-case": r.pick(["@acme.com", "@example.org"]) } }];
    return { source: ["autopilot.records"], "detail-type": [r.pick(DENSE_EVENTS)], detail } as EventPattern;
  }
  if (kind < 0.75) {
    const detail: Record<string, unknown> = { tenantId: [TENANT], campaignId: [r.pick(CAMPAIGNS)] };
    if (r.chance(0.3)) detail.link = [{ wildcard: "https://*/pricing*" }];
    return { source: ["autopilot.email"], "detail-type": [r.pick(DENSE_EMAIL)], detail } as EventPattern;
  }
  if (kind < 0.87)
    return {
      source: ["autopilot.forms"],
      "detail-type": ["form.submitted"],
      detail: { tenantId: [TENANT], formId: [r.pick(FORMS)] },
    };
  return {
    source: ["autopilot.track"],
    "detail-type": ["page.viewed"],
    detail: { tenantId: [TENANT], url: [{ prefix: `https://acme.com/${r.pick(PAGES)}` }] },
  };
}

function denseEvent(r: Random): unknown {
  const kind = r.next();
  const tenantId = r.chance(0.95) ? TENANT : "ws_other";
  if (kind < 0.55) {
    const detail = {
      tenantId,
      recordType: r.pick(DENSE_TYPES),
      changed: [r.pick(FIELDS), r.pick(FIELDS)],
      amount: r.int(60_000),
      stage: r.pick(STAGES),
      score: r.int(100),
      email: `pat@${r.pick(["acme.com", "EXAMPLE.org", "mail.net"])}`,
    };
    return { version: "0", source: "autopilot.records", "detail-type": r.pick(DENSE_EVENTS), detail };
  }
  if (kind < 0.85) {
    const detail = {
      tenantId,
      campaignId: r.pick(CAMPAIGNS),
      link: r.pick(["https://acme.com/pricing?x=1", "https://acme.com/blog"]),
    };
    return { version: "0", source: "autopilot.email", "detail-type": r.pick(DENSE_EMAIL), detail };
  }
  if (kind < 0.93)
    return {
      version: "0",
      source: "autopilot.forms",
      "detail-type": "form.submitted",
      detail: { tenantId, formId: r.pick(FORMS) },
    };
  return {
    version: "0",
    source: "autopilot.track",
    "detail-type": "page.viewed",
    detail: { tenantId, url: `https://acme.com/${r.pick(PAGES)}/x` },
  };
}

// crm, all distinct — the same with a filter that every event passes but no two triggers share
// (`"id": [{"anything-but": "never-<n>"}]`), so no trigger can reuse another's test result.
let serial = 0;
const distinctTrigger = (r: Random): EventPattern => ({
  ...crmTrigger(r),
  id: [{ "anything-but": `never-${serial++}` }],
});

const WORKLOADS: Workload[] = [
  { name: "crm", trigger: crmTrigger, event: crmEvent },
  { name: "crm, all distinct", trigger: distinctTrigger, event: crmEvent },
  { name: "dense", trigger: denseTrigger, event: denseEvent },
];

/** Median events/s over interleaved rounds, so load from other processes hits every contender alike. */
function rates(events: readonly unknown[], contenders: readonly ((e: unknown) => unknown)[]): number[] {
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < 7; round++) {
    contenders.forEach((fn, i) => {
      let n = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < 250) {
        for (const e of events) fn(e);
        n += events.length;
        elapsed = performance.now() - start;
      }
      if (round > 0) samples[i]?.push((n / elapsed) * 1000); // round 0 warms up
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)] ?? 0);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `targets: >= ${fmt(TARGETS.eventsPerSecond)} events/s on one core, >= ${TARGETS.speedUp}x a linear scan`,
);

for (const w of WORKLOADS) {
  const r = seeded(2026);
  const patterns = Array.from({ length: PATTERNS }, () => w.trigger(r));
  const events = Array.from({ length: EVENTS }, () => w.event(r));
  const matchers: EventMatcher[] = patterns.map(compilePattern);
  const scan = (e: unknown): number[] => {
    const out: number[] = [];
    for (let i = 0; i < matchers.length; i++) if ((matchers[i] as EventMatcher)(e)) out.push(i);
    return out;
  };
  const index = new PatternIndex<number>();
  patterns.forEach((p, i) => {
    index.add(`t${i}`, p, i);
  });

  // The index must agree with the scan before its speed means anything.
  let matched = 0;
  for (const e of events) {
    const expected = scan(e).join();
    if (
      index
        .match(e)
        .sort((a, b) => a - b)
        .join() !== expected
    )
      throw new Error(`index and scan disagree on ${JSON.stringify(e)}`);
    matched += expected === "" ? 0 : expected.split(",").length;
  }

  const [linear = 0, indexed = 0] = rates(events, [scan, (e) => index.match(e)]);
  console.log(
    `\n${w.name}: ${PATTERNS} triggers (${index.distinctTests} distinct once indexed fields are set aside), ${EVENTS} distinct events, ${(matched / EVENTS).toFixed(2)} matches per event`,
  );
  console.log(`  ${"".padEnd(28)}${"events/s".padStart(12)}${"speed-up".padStart(10)}`);
  console.log(`  ${"linear scan".padEnd(28)}${fmt(linear).padStart(12)}${"1.0x".padStart(10)}`);
  const ok = indexed >= TARGETS.eventsPerSecond && indexed / linear >= TARGETS.speedUp;
  const speedUp = `${(indexed / linear).toFixed(1)}x`;
  console.log(
    `  ${"PatternIndex".padEnd(28)}${fmt(indexed).padStart(12)}${speedUp.padStart(10)}   ${ok ? "meets both targets" : "MISSES a target"}`,
  );
}
