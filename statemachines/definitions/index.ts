import { z } from "zod";
import { Journey } from "./journey.js";
import { Sequence } from "./sequence.js";
import { Workflow } from "./workflow.js";

export const Definition = z.discriminatedUnion("kind", [Workflow, Sequence, Journey], {
  error: (i) =>
    `unknown kind ${JSON.stringify((i.input as { kind?: unknown })?.kind)} (one of workflow, sequence, journey)`,
});
export type Definition = z.infer<typeof Definition>;

export * from "./conditions.js";
export * from "./journey.js";
export * from "./primitives.js";
export * from "./sequence.js";
export * from "./triggers.js";
export * from "./workflow.js";
