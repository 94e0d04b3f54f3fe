import { describe, expect, it } from "vitest";
import { runSplit } from "../../../lambdas/handlers/steps/split.js";
import { useStepEmulators } from "../../support/step-harness.js";

const emulators = useStepEmulators();

const journey = {
  kind: "journey",
  id: "ab",
  name: "AB",
  triggers: [],
  start: "ab-follow-up",
  steps: {
    "ab-follow-up": {
      type: "split",
      paths: [
        { name: "case-study", weight: 45, next: "done" },
        { name: "demo-offer", weight: 45, next: "done" },
        { name: "holdout", weight: 10, next: "done", holdout: true },
      ],
    },
    done: { type: "exit" },
  },
};

describe("the split step", () => {
  it("takes the same path when the visit runs again, and notes the path and bucket each time", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey);
    const e = await h.enroll(a, {});
    const first = await runSplit(await h.context(a, e, "ab-follow-up"));
    const again = await runSplit(await h.context(a, e, "ab-follow-up", "tok-2"));
    expect(first.outcome).toMatch(/^path:(case-study|demo-offer|holdout)$/);
    expect(again.outcome).toBe(first.outcome);
    // A split writes nothing: its entry rides in the segment snapshot to the segment's next write.
    const [entry] = first.seg?.notes ?? [];
    expect(entry?.what).toBe("ran");
    expect(entry?.step).toBe("ab-follow-up");
    expect(entry?.detail).toMatch(
      /^path (case-study|demo-offer|holdout( \(holdout\))?) \(bucket \d+\.\d of 100\)$/,
    );
    expect(again.seg?.notes?.[0]?.detail).toBe(entry?.detail);
    const stored = await h.enrollment(e.enrollmentId);
    expect(stored.trace).toEqual([]);
    expect(stored.fx).toEqual({});
  });

  it("sends some enrollments down every path and marks the holdout in the trace", async () => {
    const h = await emulators.harness();
    const a = await h.automation(journey);
    const seen = new Map<string, string>();
    // Enrollment ids are random: run until every path was taken (a 10% path shows up within 300).
    for (let i = 0; i < 300 && seen.size < 3; i++) {
      const e = await h.enroll(a, {});
      const { outcome, seg } = await runSplit(await h.context(a, e, "ab-follow-up"));
      seen.set(outcome, seg?.notes?.[0]?.detail ?? "");
    }
    expect([...seen.keys()].sort()).toEqual(["path:case-study", "path:demo-offer", "path:holdout"]);
    expect(seen.get("path:holdout")).toMatch(/^path holdout \(holdout\) \(bucket/);
  });
});
