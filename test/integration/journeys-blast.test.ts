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

    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    try {
      await advance(h, "P3D");
    } finally {
      clearInterval(sample);
    }

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

    const heapGrowth = (peakHeap - baseline.heapUsed) / MB;
    console.log(
      `blast of ${listed.size.toLocaleString("en-US")} mails: peak RSS ${(peakRss / MB).toFixed(0)} MB ` +
        `(before the fan-out ${(baseline.rss / MB).toFixed(0)} MB); main-thread heap peak ` +
        `${(peakHeap / MB).toFixed(0)} MB, ${heapGrowth.toFixed(0)} MB over the ${(baseline.heapUsed / MB).toFixed(0)} MB before`,
    );
    // Flat: the fan-out holds a page (500 contacts) at a time, not the list. A design that held
    // the list's starts, timers or enrollments in memory would grow with its 9,000 contacts.
    expect(heapGrowth).toBeLessThan(150);
  }, 600_000);
});
