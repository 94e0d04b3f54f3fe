import { describe, expect, it } from "vitest";
import { chooseSplitPath, pickByWeight, unitBucket } from "../../../lambdas/core/split.js";

const paths = [
  { name: "case-study", weight: 45, next: "a" },
  { name: "demo-offer", weight: 45, next: "b" },
  { name: "holdout", weight: 10, next: "c", holdout: true },
];

describe("chooseSplitPath", () => {
  it("sends 10,000 enrollments down each path in proportion to its weight, within 2 points", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const { path } = chooseSplitPath(paths, `enr_${i}`, "ab-follow-up");
      counts[path.name] = (counts[path.name] ?? 0) + 1;
    }
    expect(Math.abs((counts["case-study"] ?? 0) / 100 - 45)).toBeLessThan(2);
    expect(Math.abs((counts["demo-offer"] ?? 0) / 100 - 45)).toBeLessThan(2);
    expect(Math.abs((counts.holdout ?? 0) / 100 - 10)).toBeLessThan(2);
  });

  it("takes the same path every time for the same enrollment and step", () => {
    const first = chooseSplitPath(paths, "enr_42", "ab-follow-up");
    for (let i = 0; i < 5; i++) expect(chooseSplitPath(paths, "enr_42", "ab-follow-up")).toEqual(first);
  });

  it("puts the bucket on [0, total weight) inside the chosen path's share", () => {
    const weights = [
      { name: "x", weight: 3 },
      { name: "y", weight: 1 },
    ];
    for (let i = 0; i < 200; i++) {
      const { path, bucket, total } = chooseSplitPath(weights, `enr_${i}`, "s");
      expect(total).toBe(4);
      expect(path.name).toBe(bucket < 3 ? "x" : "y");
    }
  });

  it("buckets the steps of one enrollment independently", () => {
    const same = Array.from(
      { length: 1_000 },
      (_, i) => unitBucket(`enr_${i}`, "a") < 0.5 === unitBucket(`enr_${i}`, "b") < 0.5,
    );
    const agreeing = same.filter(Boolean).length;
    expect(agreeing).toBeGreaterThan(430);
    expect(agreeing).toBeLessThan(570);
  });

  it("never chooses a path of weight zero", () => {
    const withZero = [
      { name: "never", weight: 0 },
      { name: "always", weight: 1 },
    ];
    for (let i = 0; i < 500; i++) expect(pickByWeight(withZero, `enr_${i}`, "s").item.name).toBe("always");
  });
});
