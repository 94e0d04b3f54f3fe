import { createHash } from "node:crypto";

/** Something chosen by weight: a split's path, an email's A/B variant. */
export interface Weighted {
  weight: number;
}

/**
 * Where an enrollment falls in [0, 1) for a step: the first 48 bits of
 * sha256(enrollmentId + "\n" + stepId). The same enrollment at the same step always falls in
 * the same place, so a replay (a retry, a re-run segment) takes the same path; different steps
 * of one enrollment fall independently.
 */
export function unitBucket(enrollmentId: string, stepId: string): number {
  const digest = createHash("sha256").update(`${enrollmentId}\n${stepId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Chooses one of `items` by weight, deterministically for this enrollment and step. Weights
 * need not add up to 100; a weight of zero or less is never chosen (unless all are).
 * @example
 * pickByWeight([{ name: "a", weight: 50 }, { name: "b", weight: 50 }], "enr_1", "ab")
 * // { item: { name: "b", weight: 50 }, bucket: 61.3, total: 100 } (always the same for enr_1/ab)
 */
export function pickByWeight<T extends Weighted>(
  items: readonly T[],
  enrollmentId: string,
  stepId: string,
): { item: T; bucket: number; total: number } {
  const first = items[0];
  if (!first) throw new RangeError("nothing to choose from");
  const weightOf = (i: T) => (Number.isFinite(i.weight) && i.weight > 0 ? i.weight : 0);
  const total = items.reduce((sum, i) => sum + weightOf(i), 0);
  const bucket = unitBucket(enrollmentId, stepId) * total;
  let edge = 0;
  for (const item of items) {
    edge += weightOf(item);
    if (bucket < edge) return { item, bucket, total };
  }
  // Only when every weight is zero.
  return { item: first, bucket, total };
}

/** A split step's path (the schema's `SplitPath`, the fields the choice reads). */
export interface SplitPathChoice extends Weighted {
  name: string;
  holdout?: boolean | undefined;
}

/**
 * The path a split sends this enrollment down, with the bucket it fell in on [0, total weight).
 * @example chooseSplitPath(paths, "enr_1", "ab-follow-up") // { path: paths[0], bucket: 37.2, total: 100 }
 */
export function chooseSplitPath<P extends SplitPathChoice>(
  paths: readonly P[],
  enrollmentId: string,
  stepId: string,
): { path: P; bucket: number; total: number } {
  const { item, bucket, total } = pickByWeight(paths, enrollmentId, stepId);
  return { path: item, bucket, total };
}
