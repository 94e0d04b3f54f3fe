import { describe, expect, it } from "vitest";
import { DynamoRecords } from "../../../lambdas/aws/dynamo-records.js";
import type { BusEvent } from "../../../lambdas/core/record-events.js";
import { createStreamHandler } from "../../../lambdas/handlers/stream.js";
import { LocalBus } from "../../../local/bus.js";
import { VirtualClock } from "../../../local/clock.js";
import { LocalStream } from "../../../local/stream.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();

describe("record writes → stream handler → bus → router rule", () => {
  it("delivers created, updated (with previous image and changed fields), derived and deleted events in order", async () => {
    const clock = new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true });
    const bus = new LocalBus();
    const routed: BusEvent[] = [];
    bus.on("router", async (e) => {
      routed.push(e);
    });
    const stream = new LocalStream(createStreamHandler({ bus }), clock);
    const records = new DynamoRecords(dynamo.current.doc, dynamo.current.tableName, stream.feed);

    await records.create(
      "ws1",
      "deal",
      "deal_1",
      { name: "Acme", stage: "qualified", amount: 20000 },
      clock.now(),
    );
    await records.update("ws1", "deal", "deal_1", { stage: "proposal" }, clock.now());
    await records.update("ws1", "deal", "deal_1", { stage: "won" }, clock.now());
    await records.delete("ws1", "deal", "deal_1");
    await stream.drain();
    await bus.drain();

    expect(stream.failures).toEqual([]);
    expect(routed.map((e) => e["detail-type"])).toEqual([
      "record.created",
      "record.updated",
      "record.updated",
      "deal.won",
      "record.deleted",
    ]);
    const update = routed[1];
    expect(update?.detail).toMatchObject({
      tenantId: "ws1",
      recordType: "deal",
      recordId: "deal_1",
      changed: ["stage"],
      previous: { stage: "qualified", version: 1 },
      record: { stage: "proposal", version: 2 },
    });
    expect(update?.time).toBe("2027-03-01T10:00:00.000Z");
    expect(new Set(routed.map((e) => e.id)).size).toBe(routed.length);
  });

  it("does not deliver events that no rule matches", async () => {
    const bus = new LocalBus();
    const routed: BusEvent[] = [];
    bus.on("router", async (e) => {
      routed.push(e);
    });
    await bus.publish([
      { id: "1", source: "somebody.else", "detail-type": "x", time: "", detail: { tenantId: "ws1" } },
    ]);
    await bus.drain();
    expect(routed).toEqual([]);
    expect(bus.published).toHaveLength(1);
  });
});

describe("virtual clock", () => {
  it("moves only when told, tells its listeners, and never goes back", async () => {
    const clock = new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true });
    const seen: string[] = [];
    clock.onChange(async (now) => {
      seen.push(now.toISOString());
    });
    expect((await clock.advance("P3D")).toISOString()).toBe("2027-03-04T10:00:00.000Z");
    await clock.to(new Date("2027-03-05T00:00:00Z"));
    expect(seen).toEqual(["2027-03-04T10:00:00.000Z", "2027-03-05T00:00:00.000Z"]);
    await expect(clock.to(new Date("2027-03-01T00:00:00Z"))).rejects.toThrow(/only moves forward/);
  });
});
