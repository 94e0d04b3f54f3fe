import { describe, expect, it } from "vitest";
import { ACTIVE_CONTACT_DAYS, isActiveContact } from "../../../lambdas/core/active-contacts.js";

const now = new Date("2027-03-01T10:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

describe("isActiveContact", () => {
  it("counts a contact created today", () => {
    expect(isActiveContact({ createdAt: now.toISOString() }, now)).toBe(true);
  });

  it("counts a contact created within the last 90 days", () => {
    expect(ACTIVE_CONTACT_DAYS).toBe(90);
    expect(isActiveContact({ createdAt: daysAgo(89) }, now)).toBe(true);
  });

  it("does not count a contact created 90 days ago and never contacted since", () => {
    expect(isActiveContact({ createdAt: daysAgo(90) }, now)).toBe(false);
    expect(isActiveContact({ createdAt: daysAgo(400) }, now)).toBe(false);
  });

  it("counts an old contact that was contacted within the last 90 days", () => {
    expect(isActiveContact({ createdAt: daysAgo(400), lastContactedAt: daysAgo(3) }, now)).toBe(true);
  });

  it("never counts an archived contact", () => {
    expect(isActiveContact({ createdAt: now.toISOString(), archived: true }, now)).toBe(false);
  });

  it("does not count a contact whose dates are missing or not dates", () => {
    expect(isActiveContact({}, now)).toBe(false);
    expect(isActiveContact({ createdAt: "yesterday" }, now)).toBe(false);
  });
});
