import { describe, expect, it } from "vitest";
import { changedFields, type RecordChange, recordChangeEvents } from "../../../lambdas/core/record-events.js";

const at = new Date("2027-03-01T10:00:00Z");
const change = (c: Partial<RecordChange>): RecordChange => ({
  tenantId: "ws1",
  recordType: "deal",
  recordId: "deal_1",
  sequence: "100",
  at,
  ...c,
});

describe("record change events", () => {
  it("turns a created record into record.created with the new image", () => {
    const [event, ...rest] = recordChangeEvents(change({ newImage: { name: "Acme", stage: "new" } }));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      id: "100:0",
      source: "autopilot.records",
      "detail-type": "record.created",
      time: "2027-03-01T10:00:00.000Z",
      detail: {
        tenantId: "ws1",
        recordType: "deal",
        recordId: "deal_1",
        record: { name: "Acme", stage: "new" },
      },
    });
  });

  it("gives an update its previous image and the changed fields", () => {
    const [event] = recordChangeEvents(
      change({
        oldImage: { stage: "qualified", amount: 5 },
        newImage: { stage: "proposal", amount: 5, updatedAt: "x" },
      }),
    );
    expect(event?.["detail-type"]).toBe("record.updated");
    expect(event?.detail.changed).toEqual(["stage"]);
    expect(event?.detail.previous).toEqual({ stage: "qualified", amount: 5 });
  });

  it("produces nothing for an update that changes nothing but bookkeeping", () => {
    expect(
      recordChangeEvents(change({ oldImage: { a: 1, updatedAt: "1" }, newImage: { a: 1, updatedAt: "2" } })),
    ).toEqual([]);
  });

  it("derives deal.won when a deal's stage changes to won", () => {
    const events = recordChangeEvents(
      change({ oldImage: { stage: "proposal" }, newImage: { stage: "won" } }),
    );
    expect(events.map((e) => e["detail-type"])).toEqual(["record.updated", "deal.won"]);
    expect(events.map((e) => e.id)).toEqual(["100:0", "100:1"]);
  });

  it("derives list.joined and list.left from a contact's lists", () => {
    const events = recordChangeEvents(
      change({ recordType: "contact", oldImage: { lists: ["a", "b"] }, newImage: { lists: ["b", "c"] } }),
    );
    expect(events.map((e) => [e["detail-type"], e.detail.list])).toEqual([
      ["record.updated", undefined],
      ["list.joined", "c"],
      ["list.left", "a"],
    ]);
  });

  it("derives task.completed when an activity is completed", () => {
    const events = recordChangeEvents(
      change({ recordType: "activity", oldImage: { status: "open" }, newImage: { status: "completed" } }),
    );
    expect(events.map((e) => e["detail-type"])).toEqual(["record.updated", "task.completed"]);
  });

  it("turns a deleted record into record.deleted with the old image", () => {
    const [event] = recordChangeEvents(change({ oldImage: { name: "Acme" } }));
    expect(event?.["detail-type"]).toBe("record.deleted");
    expect(event?.detail.record).toEqual({ name: "Acme" });
  });

  it("compares nested values by value", () => {
    expect(
      changedFields({ tags: ["a"], address: { city: "X" } }, { tags: ["a"], address: { city: "Y" } }),
    ).toEqual(["address"]);
  });
});
