import { describe, expect, it } from "vitest";
import { PatternIndex } from "../../../../lambdas/core/events/index-by-key.js";
import {
  type EventPattern,
  InvalidEventPatternError,
  matchesPattern,
} from "../../../../lambdas/core/events/pattern.js";
import { type Random, seeded } from "../../../support/random.js";

const SOURCES = ["autopilot.records", "autopilot.email", "autopilot.forms"];
const TYPES = ["record.created", "record.updated", "email.opened", "email.clicked", "form.submitted"];
const TENANTS = ["t1", "t2", "t3"];
const RECORD_TYPES = ["contact", "deal", "company"];
const STAGES = ["lead", "won", "lost"];

/** A pattern on 0–4 of the indexed fields (exact values, operators, or via $or) plus some content filters. */
function randomPattern(r: Random): EventPattern {
  const exactOrOperator = (values: readonly string[]) =>
    r.chance(0.8)
      ? r.chance(0.7)
        ? [r.pick(values)]
        : [r.pick(values), r.pick(values)]
      : r.pick([
          [{ prefix: r.pick(values).slice(0, 3) }],
          [{ "anything-but": r.pick(values) }],
          [{ exists: false }],
        ]);
  const pattern: Record<string, unknown> = {};
  const detail: Record<string, unknown> = {};
  if (r.chance(0.8)) pattern.source = exactOrOperator(SOURCES);
  if (r.chance(0.7)) pattern["detail-type"] = exactOrOperator(TYPES);
  if (r.chance(0.5)) detail.tenantId = exactOrOperator(TENANTS);
  if (r.chance(0.4)) detail.recordType = exactOrOperator(RECORD_TYPES);
  if (r.chance(0.3)) detail.amount = [{ numeric: [">", Math.floor(r.next() * 500)] }];
  if (r.chance(0.3)) detail.stage = r.chance(0.5) ? [r.pick(STAGES)] : [{ "anything-but": [r.pick(STAGES)] }];
  if (r.chance(0.2)) detail.tags = [r.pick(["vip", "new", "churn"])];
  if (r.chance(0.15)) detail.$or = [{ recordType: [r.pick(RECORD_TYPES)] }, { stage: [r.pick(STAGES)] }];
  if (Object.keys(detail).length > 0) pattern.detail = detail;
  if (Object.keys(pattern).length === 0) pattern.source = [r.pick(SOURCES)];
  return pattern as EventPattern;
}

/** An event whose indexed fields are sometimes missing, null, or arrays. */
function randomEvent(r: Random): unknown {
  const detail: Record<string, unknown> = {};
  if (r.chance(0.9)) detail.tenantId = r.pick(TENANTS);
  if (r.chance(0.7))
    detail.recordType = r.chance(0.85) ? r.pick(RECORD_TYPES) : [r.pick(RECORD_TYPES), r.pick(RECORD_TYPES)];
  else if (r.chance(0.3)) detail.recordType = null;
  if (r.chance(0.8)) detail.amount = r.chance(0.9) ? Math.floor(r.next() * 1000) : "12";
  if (r.chance(0.8)) detail.stage = r.pick(STAGES);
  if (r.chance(0.5)) detail.tags = [r.pick(["vip", "new", "churn"]), r.pick(["vip", "new", "churn"])];
  return { source: r.pick(SOURCES), "detail-type": r.pick(TYPES), detail };
}

const linear = (patterns: ReadonlyMap<string, EventPattern>, event: unknown) =>
  [...patterns].filter(([, p]) => matchesPattern(p, event)).map(([id]) => id);

const sorted = (ids: string[]) => [...ids].sort();

describe("PatternIndex", () => {
  it("finds the same patterns as a linear scan, over random patterns and events", () => {
    const r = seeded(42);
    const patterns = new Map<string, EventPattern>();
    const index = new PatternIndex<string>();
    for (let i = 0; i < 300; i++) {
      const p = randomPattern(r);
      patterns.set(`p${i}`, p);
      index.add(`p${i}`, p, `p${i}`);
    }
    let total = 0;
    for (let i = 0; i < 400; i++) {
      const event = randomEvent(r);
      const expected = linear(patterns, event);
      total += expected.length;
      expect(sorted(index.match(event)), JSON.stringify(event)).toEqual(sorted(expected));
    }
    expect(total).toBeGreaterThan(400);
  });

  it("stays equal to a linear scan after removals and replacements", () => {
    const r = seeded(7);
    const patterns = new Map<string, EventPattern>();
    const index = new PatternIndex<string>();
    for (let i = 0; i < 200; i++) {
      const p = randomPattern(r);
      patterns.set(`p${i}`, p);
      index.add(`p${i}`, p, `p${i}`);
    }
    for (let i = 0; i < 200; i += 2) {
      expect(index.remove(`p${i}`)).toBe(true);
      patterns.delete(`p${i}`);
    }
    for (let i = 1; i < 200; i += 4) {
      const p = randomPattern(r);
      patterns.set(`p${i}`, p);
      index.add(`p${i}`, p, `p${i}`);
    }
    expect(index.size).toBe(patterns.size);
    for (let i = 0; i < 300; i++) {
      const event = randomEvent(r);
      expect(sorted(index.match(event))).toEqual(sorted(linear(patterns, event)));
    }
  });

  it("returns each matching value once, even when the event's array reaches two of its buckets", () => {
    const index = new PatternIndex<string>();
    index.add("both", { detail: { recordType: ["contact", "deal"] } }, "both");
    expect(index.match({ detail: { recordType: ["contact", "deal"] } })).toEqual(["both"]);
  });

  it("files patterns with many values under fewer buckets and still matches them", () => {
    const index = new PatternIndex<string>({ maxBucketsPerPattern: 4 });
    const pattern: EventPattern = { source: SOURCES, "detail-type": TYPES, detail: { tenantId: TENANTS } };
    index.add("wide", pattern, "wide");
    expect(
      index.match({ source: "autopilot.email", "detail-type": "email.opened", detail: { tenantId: "t2" } }),
    ).toEqual(["wide"]);
    expect(
      index.match({ source: "autopilot.email", "detail-type": "email.opened", detail: { tenantId: "t9" } }),
    ).toEqual([]);
  });

  it("indexes the fields it is given", () => {
    const index = new PatternIndex<number>({ fields: ["detail.workflow.id"] });
    index.add("a", { detail: { workflow: { id: ["w1"] } } }, 1);
    index.add("b", { detail: { workflow: { id: [{ prefix: "w" }] } } }, 2);
    expect(index.match({ detail: { workflow: { id: "w1" } } }).sort()).toEqual([1, 2]);
    expect(index.match({ detail: { workflow: [{ id: "w1" }] } }).sort()).toEqual([1, 2]);
    expect(index.match({ detail: { workflow: { id: "w2" } } })).toEqual([2]);
  });

  it("refuses an invalid pattern and keeps the previous one under that id", () => {
    const index = new PatternIndex<string>();
    index.add("a", { source: ["x"] }, "old");
    expect(() => index.add("a", { source: [] } as unknown as EventPattern, "new")).toThrow(
      InvalidEventPatternError,
    );
    expect(index.match({ source: "x" })).toEqual(["old"]);
  });

  it("splits a large bucket on a field it was not told about, and still equals a linear scan", () => {
    const r = seeded(99);
    const automations = Array.from({ length: 30 }, (_, i) => `aut_${i}`);
    const patterns = new Map<string, EventPattern>();
    const index = new PatternIndex<string>();
    for (let i = 0; i < 240; i++) {
      const detail: Record<string, unknown> = { tenantId: ["t1"] };
      if (i % 4 === 0) detail.$or = [{ automationId: [r.pick(automations)] }, { vip: [true] }];
      else if (i % 4 === 1) detail.automationId = [r.pick(automations), r.pick(automations)];
      else detail.automationId = [r.pick(automations)];
      if (i % 3 === 0) detail.link = [{ prefix: "https://acme.com/" }];
      const p = {
        source: ["autopilot.engagement"],
        "detail-type": ["email.clicked"],
        detail,
      } as EventPattern;
      patterns.set(`p${i}`, p);
      index.add(`p${i}`, p, `p${i}`);
    }
    const detailOf = () => ({
      tenantId: "t1",
      automationId: r.pick(automations),
      vip: r.chance(0.2),
      link: r.pick(["https://acme.com/x", "https://other.org/"]),
    });
    for (let i = 0; i < 300; i++) {
      // Some events hold detail as an array of objects: array consistency must still hold.
      const detail = r.chance(0.2) ? [detailOf(), { automationId: [r.pick(automations)] }] : detailOf();
      const event = { source: "autopilot.engagement", "detail-type": "email.clicked", detail };
      expect(sorted(index.match(event)), JSON.stringify(event)).toEqual(sorted(linear(patterns, event)));
    }
  });

  it("runs only a few of a large bucket's patterns for an event", () => {
    const index = new PatternIndex<string>();
    const patterns = new Map<string, EventPattern>();
    for (let i = 0; i < 200; i++) {
      const p: EventPattern = {
        source: ["autopilot.engagement"],
        detail: { automationId: [`aut_${i}`], link: [{ prefix: "https://" }] },
      };
      patterns.set(`p${i}`, p);
      index.add(`p${i}`, p, `p${i}`);
    }
    // Count reads of the event's detail fields: a linear scan reads them for every pattern.
    let reads = 0;
    const detail = new Proxy({ automationId: "aut_7", link: "https://acme.com" } as Record<string, unknown>, {
      get: (target, key) => {
        reads++;
        return target[key as string];
      },
    });
    const event = { source: "autopilot.engagement", detail };
    expect(index.match(event)).toEqual(["p7"]);
    const byIndex = reads;
    reads = 0;
    expect(linear(patterns, event)).toEqual(["p7"]);
    expect(byIndex).toBeLessThan(10);
    expect(reads).toBeGreaterThanOrEqual(200);
  });

  it("shares one test among patterns that differ only in indexed fields, and keeps it while one remains", () => {
    const index = new PatternIndex<string>();
    const filter = { detail: { url: [{ prefix: "https://acme.com/pricing" }] } };
    index.add("a", { source: ["autopilot.track"], ...filter } as EventPattern, "a");
    index.add("b", { source: ["autopilot.web"], ...filter } as EventPattern, "b");
    index.add(
      "c",
      { source: ["autopilot.web"], detail: { url: [{ prefix: "https://acme.com/docs" }] } },
      "c",
    );
    expect(index.distinctTests).toBe(2);
    const visit = (source: string, url: string) => index.match({ source, detail: { url } });
    expect(visit("autopilot.track", "https://acme.com/pricing/x")).toEqual(["a"]);
    expect(visit("autopilot.web", "https://acme.com/pricing/x")).toEqual(["b"]);
    index.remove("a");
    expect(index.distinctTests).toBe(2);
    expect(visit("autopilot.web", "https://acme.com/pricing/y")).toEqual(["b"]);
    index.remove("b");
    expect(index.distinctTests).toBe(1);
    expect(visit("autopilot.web", "https://acme.com/docs")).toEqual(["c"]);
  });

  it("reports removing an unknown id", () => {
    expect(new PatternIndex().remove("nope")).toBe(false);
  });
});
