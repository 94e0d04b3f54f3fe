import { describe, expect, it } from "vitest";
import {
  addDuration,
  fromLocal,
  nextSlot,
  nextWindowOpen,
  onBusinessDay,
  startOfNextDay,
  startOfNextMonth,
  toLocal,
} from "../../../lambdas/core/time.js";

const at = (iso: string) => new Date(iso);

describe("time zones", () => {
  it("reads the wall clock in a zone", () => {
    expect(toLocal(at("2027-03-01T00:30:00Z"), "Asia/Tokyo")).toMatchObject({
      day: 1,
      hour: 9,
      minute: 30,
      weekday: 0,
    });
    expect(toLocal(at("2027-03-01T00:30:00Z"), "America/Los_Angeles")).toMatchObject({
      day: 28,
      month: 2,
      hour: 16,
      weekday: 6,
    });
  });

  it("finds 09:00 local in Tokyo and Los Angeles as different instants", () => {
    expect(fromLocal({ year: 2027, month: 3, day: 1, hour: 9, minute: 0 }, "Asia/Tokyo").toISOString()).toBe(
      "2027-03-01T00:00:00.000Z",
    );
    expect(
      fromLocal({ year: 2027, month: 3, day: 1, hour: 9, minute: 0 }, "America/Los_Angeles").toISOString(),
    ).toBe("2027-03-01T17:00:00.000Z");
  });

  it("moves a time skipped by the spring-forward jump forward by the jump", () => {
    // New York jumps from 02:00 to 03:00 on 2027-03-14.
    expect(
      fromLocal({ year: 2027, month: 3, day: 14, hour: 2, minute: 30 }, "America/New_York").toISOString(),
    ).toBe("2027-03-14T07:30:00.000Z");
  });

  it("takes the first of the two 01:30s when clocks fall back", () => {
    expect(
      fromLocal({ year: 2027, month: 11, day: 7, hour: 1, minute: 30 }, "America/New_York").toISOString(),
    ).toBe("2027-11-07T05:30:00.000Z");
  });
});

describe("durations", () => {
  it("adds a calendar day across spring-forward as 23 hours, keeping 09:00", () => {
    const friday9 = at("2027-03-13T14:00:00Z"); // Saturday 09:00 EST
    expect(addDuration(friday9, "P1D", "America/New_York").toISOString()).toBe("2027-03-14T13:00:00.000Z");
  });

  it("adds hours as elapsed time", () => {
    expect(addDuration(at("2027-03-14T06:00:00Z"), "PT2H", "America/New_York").toISOString()).toBe(
      "2027-03-14T08:00:00.000Z",
    );
  });

  it("clamps a month step to the month's last day, and goes back with a negative duration", () => {
    expect(addDuration(at("2027-01-31T12:00:00Z"), "P1M", "UTC").toISOString()).toBe(
      "2027-02-28T12:00:00.000Z",
    );
    expect(addDuration(at("2027-03-04T09:00:00Z"), "-P3D", "UTC").toISOString()).toBe(
      "2027-03-01T09:00:00.000Z",
    );
  });
});

describe("next day, next month, slots and windows", () => {
  it("defers to the next local midnight in the user's zone", () => {
    expect(startOfNextDay(at("2027-03-01T20:00:00Z"), "Asia/Tokyo").toISOString()).toBe(
      "2027-03-02T15:00:00.000Z",
    );
    expect(startOfNextDay(at("2027-03-01T20:00:00Z"), "UTC").toISOString()).toBe("2027-03-02T00:00:00.000Z");
  });

  it("finds the start of next month, across a year end", () => {
    expect(startOfNextMonth(at("2027-12-15T00:00:00Z"), "UTC").toISOString()).toBe(
      "2028-01-01T00:00:00.000Z",
    );
  });

  it("finds the next Tue/Wed/Thu 10:00 slot", () => {
    // 2027-03-05 is a Friday.
    expect(
      nextSlot(at("2027-03-05T12:00:00Z"), { days: ["tue", "wed", "thu"], at: "10:00" }, "UTC").toISOString(),
    ).toBe("2027-03-09T10:00:00.000Z");
    expect(nextSlot(at("2027-03-09T10:00:00Z"), { days: ["tue"], at: "10:00" }, "UTC").toISOString()).toBe(
      "2027-03-09T10:00:00.000Z",
    );
  });

  it("lets a send inside the window go now, and moves one outside to the next opening", () => {
    const window = { days: ["mon", "tue", "wed", "thu", "fri"] as const, from: "09:00", to: "17:00" };
    const inside = at("2027-03-05T10:00:00Z");
    expect(nextWindowOpen(inside, { ...window, days: [...window.days] }, "UTC")).toBe(inside);
    expect(
      nextWindowOpen(at("2027-03-05T18:00:00Z"), { ...window, days: [...window.days] }, "UTC").toISOString(),
    ).toBe("2027-03-08T09:00:00.000Z");
  });

  it("handles a window that spans midnight", () => {
    const night = { from: "22:00", to: "02:00" };
    const oneAm = at("2027-03-05T01:00:00Z");
    expect(nextWindowOpen(oneAm, night, "UTC")).toBe(oneAm);
    expect(nextWindowOpen(at("2027-03-05T03:00:00Z"), night, "UTC").toISOString()).toBe(
      "2027-03-05T22:00:00.000Z",
    );
  });

  it("moves a weekend time to Monday", () => {
    expect(onBusinessDay(at("2027-03-06T09:00:00Z"), "UTC").toISOString()).toBe("2027-03-08T09:00:00.000Z");
    const tuesday = at("2027-03-09T09:00:00Z");
    expect(onBusinessDay(tuesday, "UTC")).toBe(tuesday);
  });
});
