import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryAll } from "../../lambdas/aws/dynamo-util.js";
import type { TimerPayload } from "../../lambdas/ports.js";
import { VirtualClock } from "../../local/clock.js";
import { activate, advance, example } from "../support/journey-harness.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

/**
 * The fixed-date blast at scale: 10,000 contacts, 9,000 of them on the list, in eight zones (two
 * with half-hour offsets). Every listed contact gets exactly one mail, at 10:00 in its own zone;
 * the fan-out keeps timers per due instant, never per contact, and memory flat.
 */
const CONTACTS = 10_000;
const ZONES = [
  "Pacific/Auckland",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Europe/Berlin",
  "Europe/London",
  "America/St_Johns",
  "America/New_York",
  "America/Los_Angeles",
];
const SUBJECT = "The spring sale starts today";
const MB = 1_048_576;
/** What the fan-out may retain on the main thread at any moment, after a full collection. It
 * measures 6-8 MB here (a page of 500 contacts and at most 64 segments in flight); the rest is
 * headroom, so the test fails on a leak or a fan-out that grows, not on collector timing. */
const LIMIT_MB = 20;

// A full collection before each heap reading, so the reading is what the fan-out retains and not
// garbage the collector has not yet reached (that part swings by 100 MB from run to run).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
function retainedHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

let h: RuntimeHarness;
const zoneOf = new Map<string, string>();
const listed = new Set<string>();

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** The local timer store's pending timers (the Scheduler schedules on AWS). */
async function timers(): Promise<TimerPayload[]> {
  const { doc, tableName } = h.runtime.dynamo;
  return (await queryAll(doc, tableName, "TIMERS")).map((i) => i.payload as TimerPayload);
}

const localTime = (at: string, zone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(at));

beforeAll(async () => {
  h = await startRuntimeHarness("growth", {
    clock: new VirtualClock({ start: new Date("2027-02-27T00:00:00Z"), frozen: true }),
  });
  await pool(
    Array.from({ length: CONTACTS }, (_, i) => i),
    16,
    async (i) => {
      const zone = ZONES[i % ZONES.length] as string;
      const onList = i % 10 !== 9;
      const r = await h.call("POST", "/records/contact", {
        email: `blast${i}@acme.test`,
        timezone: zone,
        lists: onList ? ["newsletter"] : [],
      });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      zoneOf.set(r.body.id, zone);
      if (onList) listed.add(r.body.id);
    },
  );
  await h.runtime.settle();
}, 600_000);
afterAll(async () => {
  await h?.runtime.close();
});

describe("a fixed-date blast to 10,000 contacts", () => {
  it("sends each listed contact one mail at 10:00 local, with timers per instant and memory flat", async () => {
    await activate(h, example("journey-spring-blast.json"));
    // Activation sets one timer, whatever the list's size.
    expect(await timers()).toMatchObject([{ kind: "sweep", phase: "scan" }]);

    // The first zone reaches 10:00 on March 1 at 20:00 UTC the day before (UTC+14): the scan
    // pages through the contacts and leaves one bucket timer per distinct instant.
    await h.runtime.clock.to(new Date("2027-02-28T20:00:00Z"));
    const buckets = await timers();
    expect(buckets.every((t) => t.kind === "sweep" && t.phase === "due")).toBe(true);
    expect(buckets).toHaveLength(ZONES.length);

    const rssBefore = process.memoryUsage().rss;
    const heapBefore = retainedHeap();
    let peakRss = rssBefore;
    let peakHeap = heapBefore;
    const sample = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakHeap = Math.max(peakHeap, retainedHeap());
    }, 1_000);
    try {
      await advance(h, "P3D");
    } finally {
      clearInterval(sample);
    }
    peakHeap = Math.max(peakHeap, retainedHeap());

    const mails = (await h.runtime.mails()).filter((m) => m.subject === SUBJECT);
    expect(mails).toHaveLength(listed.size);
    expect(new Set(mails.map((m) => m.destination.to[0])).size).toBe(listed.size);

    const enrollments = (await h.enrollments()).filter((e) => e.automationId === "spring-sale-blast");
    expect(enrollments).toHaveLength(listed.size);
    const wrong: string[] = [];
    for (const e of enrollments) {
      expect(listed.has(e.contactId)).toBe(true);
      const sent = e.trace.filter((t) => t.step === "announce" && t.what === "ran");
      const zone = zoneOf.get(e.contactId) as string;
      if (sent.length !== 1 || localTime(String(sent[0]?.at), zone) !== "01, 10:00")
        wrong.push(`${e.contactId} (${zone}): ${JSON.stringify(sent)}`);
      expect(e.status).toBe("exited");
    }
    expect(wrong).toEqual([]);
    expect(await timers()).toEqual([]);

    const heapGrowth = (peakHeap - heapBefore) / MB;
    console.log(
      `blast of ${listed.size.toLocaleString("en-US")} mails: peak RSS ${(peakRss / MB).toFixed(0)} MB ` +
        `(before the fan-out ${(rssBefore / MB).toFixed(0)} MB); main-thread heap retained at its peak ` +
        `${(peakHeap / MB).toFixed(0)} MB, ${heapGrowth.toFixed(0)} MB over the ${(heapBefore / MB).toFixed(0)} MB before`,
    );
    // Flat: the fan-out holds a page (500 contacts) and the engine's 64 running segments at a
    // time, never the list.
    expect(heapGrowth).toBeLessThan(LIMIT_MB);
  }, 600_000);
});
