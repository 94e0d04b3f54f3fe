import { describe, expect, it } from "vitest";
import { recordChangeEvents } from "../../../lambdas/core/record-events.js";
import { type IndexedTrigger, matchLinear, TriggerIndex } from "../../../lambdas/core/triggers.js";
import { Definition } from "../../../statemachines/definitions/index.js";
import { readExample } from "../../support/load-example.js";

const load = (f: string) => Definition.parse(readExample(f));
const triggersOf = (f: string): IndexedTrigger[] => {
  const d = load(f);
  const list = d.kind === "workflow" ? [d.trigger] : d.kind === "journey" ? d.triggers : [];
  return list.map((trigger, index) => ({ automationId: d.id, version: 1, index, trigger }));
};
const all = [
  ...triggersOf("workflow-big-deal-proposal.json"),
  ...triggersOf("workflow-assign-by-location.json"),
  ...triggersOf("journey-webinar-nurture.json"),
  ...triggersOf("journey-pricing-page-visitors.json"),
  ...triggersOf("journey-spring-blast.json"),
];
const at = new Date("2027-03-01T10:00:00Z");
const ids = (ts: IndexedTrigger[]) => ts.map((t) => `${t.automationId}#${t.index}`).sort();

/** The first event of a record change in workspace ws1 (created when `oldImage` is undefined). */
function changeEvent(
  recordType: "contact" | "deal",
  oldImage: Record<string, unknown> | undefined,
  newImage: Record<string, unknown>,
) {
  const [event] = recordChangeEvents({
    tenantId: "ws1",
    recordType,
    recordId: "r1",
    oldImage,
    newImage,
    sequence: "1",
    at,
  });
  if (!event) throw new Error("the change produced no event");
  return event;
}

describe("trigger index", () => {
  const index = new TriggerIndex(all);

  it("starts big-deal-proposal when a deal's stage changes to proposal", () => {
    const event = changeEvent(
      "deal",
      { stage: "qualified", amount: 20000 },
      { stage: "proposal", amount: 20000 },
    );
    expect(ids(index.match(event))).toEqual(["big-deal-proposal#0"]);
  });

  it("does not start it when another field changes on a deal already in proposal", () => {
    const event = changeEvent("deal", { stage: "proposal", amount: 1 }, { stage: "proposal", amount: 2 });
    expect(index.match(event)).toEqual([]);
  });

  it("starts both the contact workflow and the webinar journey for a new webinar contact", () => {
    const event = changeEvent("contact", undefined, { email: "a@b.c", country: "US", source: "webinar" });
    expect(ids(index.match(event))).toEqual(["assign-new-contacts#0", "webinar-nurture#0"]);
  });

  it("matches page visits by path and list joins by list", () => {
    const visit = {
      id: "v",
      source: "autopilot.track",
      "detail-type": "page.visited",
      time: at.toISOString(),
    };
    expect(ids(index.match({ ...visit, detail: { tenantId: "ws1", path: "/pricing" } }))).toEqual([
      "pricing-page-visitors#0",
    ]);
    expect(ids(index.match({ ...visit, detail: { tenantId: "ws1", path: "/webinar/42" } }))).toEqual([
      "webinar-nurture#2",
    ]);
    const join = {
      id: "j",
      source: "autopilot.records",
      "detail-type": "list.joined",
      time: at.toISOString(),
    };
    expect(ids(index.match({ ...join, detail: { tenantId: "ws1", list: "webinar-2026" } }))).toEqual([
      "webinar-nurture#1",
    ]);
    expect(index.match({ ...join, detail: { tenantId: "ws1", list: "other" } })).toEqual([]);
  });

  it("never indexes date triggers (the scheduler starts them)", () => {
    expect(all.some((t) => t.automationId === "spring-sale-blast")).toBe(true);
    const event = {
      id: "x",
      source: "s",
      "detail-type": "date",
      time: at.toISOString(),
      detail: { tenantId: "ws1" },
    };
    expect(index.match(event)).toEqual([]);
  });

  it("gives the same answers as a linear scan", () => {
    const events = [
      { "detail-type": "page.visited", detail: { tenantId: "ws1", path: "/pricing" } },
      {
        "detail-type": "record.created",
        detail: { tenantId: "ws1", recordType: "contact", record: { source: "x" } },
      },
      { "detail-type": "list.joined", detail: { tenantId: "ws1", list: "webinar-2026" } },
    ].map((e, i) => ({ id: String(i), source: "s", time: at.toISOString(), ...e }));
    for (const e of events) expect(ids(index.match(e))).toEqual(ids(matchLinear(all, e)));
  });
});

describe("trigger index against a linear scan (fast-check)", () => {
  it("finds exactly the triggers a scan finds, for any mix of exact and loose criteria", async () => {
    const fc = (await import("fast-check")).default;
    const value = fc.oneof(fc.constantFrom("a", "b", "5", " 5", ""), fc.constantFrom(5, 6, 0), fc.boolean());
    const where = fc.oneof(
      fc.record({
        field: fc.constantFrom("record.x", "record.tags"),
        op: fc.constantFrom("eq", "neq", "changedTo"),
        value,
      }),
      fc.record({
        field: fc.constant("record.x"),
        op: fc.constant("in"),
        value: fc.array(value, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        all: fc.array(
          fc.record({ field: fc.constantFrom("record.x", "record.y"), op: fc.constant("eq"), value }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
    );
    const trigger = fc.record({
      event: fc.constant("record.updated"),
      recordType: fc.constantFrom("deal", "contact"),
      where,
    });
    const record = fc.record({ x: value, y: value, tags: fc.array(value, { maxLength: 3 }) });
    fc.assert(
      fc.property(
        fc.array(trigger, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(record, record, fc.constantFrom("deal", "contact")), {
          minLength: 1,
          maxLength: 10,
        }),
        (ts, changes) => {
          const indexed = ts.map(
            (trigger, i) => ({ automationId: `a${i}`, version: 1, index: 0, trigger }) as IndexedTrigger,
          );
          const index = new TriggerIndex(indexed);
          for (const [previous, record, recordType] of changes) {
            const event = {
              id: "e",
              source: "s",
              "detail-type": "record.updated",
              time: at.toISOString(),
              detail: { tenantId: "ws1", recordType, record, previous },
            };
            expect(ids(index.match(event))).toEqual(ids(matchLinear(indexed, event)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
