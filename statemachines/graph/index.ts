import { assertUnreachable } from "../compiler/unreachable.js";
import type { Definition } from "../definitions/index.js";
import { journeyGraph } from "./journey.js";
import { sequenceGraph } from "./sequence.js";
import { workflowGraph } from "./workflow.js";

/**
 * Draws a validated definition as a Mermaid flowchart, to be read in any Markdown viewer. Node ids
 * are generated (`s0`, `s1`…, since step ids such as `hot?` are not valid Mermaid ids); labels are
 * quoted and escaped. Pure: the same definition always gives the same text.
 * @example
 * toMermaid(definition)
 * // flowchart TD
 * //   triggers(["list.joined webinar-2026"])
 * //   s0["email: Thanks for joining"]
 * //   ...
 */
export function toMermaid(definition: Definition): string {
  switch (definition.kind) {
    case "journey":
      return journeyGraph(definition);
    case "sequence":
      return sequenceGraph(definition);
    case "workflow":
      return workflowGraph(definition);
    default:
      return assertUnreachable(definition);
  }
}
