import { beforeAll, describe, expect, it } from "vitest";
import { ConcurrentUpdateError, DynamoRecords } from "../../../lambdas/aws/dynamo-records.js";
import { useDynalite } from "../../support/dynalite.js";

const dynamo = useDynalite();
let records: DynamoRecords;
const at = new Date("2027-03-01T10:00:00Z");
beforeAll(() => {
  records = new DynamoRecords(dynamo.current.doc, dynamo.current.tableName);
});

describe("records on dynalite", () => {
  it("creates, reads, updates (null removes a field) and deletes a contact", async () => {
    const created = await records.create(
      "ws1",
      "contact",
      "ctc_1",
      { firstName: "Ada", country: "US", id: "ignored" },
      at,
    );
    expect(created).toEqual({
      id: "ctc_1",
      firstName: "Ada",
      country: "US",
      version: 1,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
    const later = new Date("2027-03-02T10:00:00Z");
    const updated = await records.update(
      "ws1",
      "contact",
      "ctc_1",
      { country: null, score: 10, tags: ["vip"] },
      later,
    );
    expect(updated).toEqual({
      id: "ctc_1",
      firstName: "Ada",
      score: 10,
      tags: ["vip"],
      version: 2,
      createdAt: at.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(await records.delete("ws1", "contact", "ctc_1")).toMatchObject({ id: "ctc_1", version: 2 });
    expect(await records.get("ws1", "contact", "ctc_1")).toBeUndefined();
  });

  it("keeps workspaces apart: another tenant's id reads as missing", async () => {
    await records.create("ws1", "deal", "deal_1", { name: "Acme" }, at);
    expect(await records.get("ws2", "deal", "deal_1")).toBeUndefined();
    expect(await records.update("ws2", "deal", "deal_1", { name: "x" }, at)).toBeUndefined();
    expect((await records.list("ws2", "deal")).items).toEqual([]);
  });

  it("refuses to create the same id twice", async () => {
    await records.create("ws1", "company", "co_1", {}, at);
    await expect(records.create("ws1", "company", "co_1", {}, at)).rejects.toThrow();
  });

  it("pages through a list", async () => {
    for (let i = 0; i < 7; i++) await records.create("ws3", "contact", `c${i}`, { i }, at);
    const first = await records.list("ws3", "contact", { limit: 5 });
    expect(first.items).toHaveLength(5);
    const second = await records.list("ws3", "contact", {
      limit: 5,
      ...(first.next ? { next: first.next } : {}),
    });
    expect(second.items.map((r) => r.id)).toEqual(["c5", "c6"]);
  });

  it("lets one of two concurrent updates of the same version win; the other must retry", async () => {
    await records.create("ws1", "deal", "deal_race", { stage: "new" }, at);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        records.update("ws1", "deal", "deal_race", { stage: `s${i}` }, at),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConcurrentUpdateError);
    expect((await records.get("ws1", "deal", "deal_race"))?.version).toBe(1 + won.length);
  });

  it("computes a relative change again over the fresh record when the known image is stale: nothing lost", async () => {
    const stale = await records.create("ws1", "contact", "ctc_score", { score: 0, lists: ["a"] }, at);
    // Someone else writes first: the snapshot a step holds is now one version behind.
    await records.update("ws1", "contact", "ctc_score", { score: 7, lists: ["a", "b"] }, at);
    const updated = await records.update(
      "ws1",
      "contact",
      "ctc_score",
      (c) => ({ score: Number(c.score) + 20, lists: [...(c.lists as string[]), "c"] }),
      at,
      undefined,
      stale,
    );
    expect(updated).toMatchObject({ score: 27, lists: ["a", "b", "c"], version: 3 });
    // Three steps adding at once from the same image: every addition lands.
    await Promise.all(
      [1, 2, 3].map(() =>
        records.update(
          "ws1",
          "contact",
          "ctc_score",
          (c) => ({ score: Number(c.score) + 1 }),
          at,
          undefined,
          stale,
        ),
      ),
    );
    expect((await records.get("ws1", "contact", "ctc_score"))?.score).toBe(30);
  });
});
