import { describe, expect, it } from "vitest";
import { checkWindow, windowZone } from "../../../lambdas/core/send-window.js";

const hours = { from: "09:00", to: "17:00" } as const;

describe("windowZone", () => {
  it("reads a window in the contact's zone by default", () => {
    expect(windowZone(hours, { timezone: "Asia/Tokyo" }, "Europe/Berlin")).toBe("Asia/Tokyo");
  });

  it("falls back to the workspace's zone for a contact without one, or with one that is not a zone", () => {
    expect(windowZone({ ...hours, timezone: "contact" }, {}, "Europe/Berlin")).toBe("Europe/Berlin");
    expect(windowZone({ ...hours, timezone: "contact" }, { timezone: "Mars/Olympus" }, "Europe/Berlin")).toBe(
      "Europe/Berlin",
    );
    expect(windowZone(hours, undefined, "Europe/Berlin")).toBe("Europe/Berlin");
  });

  it("takes an IANA name as is", () => {
    expect(windowZone({ ...hours, timezone: "America/Los_Angeles" }, { timezone: "Asia/Tokyo" }, "UTC")).toBe(
      "America/Los_Angeles",
    );
  });

  it("reads a `user` window in the owner's zone, else the workspace's", () => {
    expect(windowZone({ ...hours, timezone: "user" }, {}, "UTC", "Europe/Paris")).toBe("Europe/Paris");
    expect(windowZone({ ...hours, timezone: "user" }, {}, "UTC")).toBe("UTC");
  });
});

describe("checkWindow", () => {
  const weekdays = {
    days: ["mon", "tue", "wed", "thu", "fri"],
    ...hours,
    timezone: "America/Los_Angeles",
  } as const;

  it("lets a send inside the window go now", () => {
    // Friday 2027-03-12 10:00 PST.
    const now = new Date("2027-03-12T18:00:00Z");
    expect(checkWindow(now, { ...weekdays, days: [...weekdays.days] }, undefined, "UTC")).toEqual({
      open: true,
      zone: "America/Los_Angeles",
    });
  });

  it("moves a Saturday send to Monday 09:00 in Los Angeles, after the switch to daylight time", () => {
    // Saturday 2027-03-13 12:00 PST; clocks go forward on Sunday 2027-03-14.
    const check = checkWindow(
      new Date("2027-03-13T20:00:00Z"),
      { ...weekdays, days: [...weekdays.days] },
      undefined,
      "UTC",
    );
    expect(check).toEqual({
      open: false,
      zone: "America/Los_Angeles",
      until: new Date("2027-03-15T16:00:00Z"),
    });
  });
});
