import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Definition } from "../../../statemachines/definitions/index.js";
import { toMermaid } from "../../../statemachines/graph/index.js";
import { everyKind } from "./fixtures.js";
import { loadMermaidFlowParser } from "./mermaid.js";
import { parseFlowchart } from "./structure.js";

const dir = join(import.meta.dirname, "../../../examples");
const cases: [string, Definition][] = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f): [string, Definition] => [f, Definition.parse(JSON.parse(readFileSync(join(dir, f), "utf8")))]),
  ["every step kind, with quotes and HTML in a subject", everyKind],
];

const parser = await loadMermaidFlowParser();

describe("Mermaid's own flowchart parser", () => {
  it.each(cases)("accepts %s, with the same nodes and edges", (_, definition) => {
    const text = toMermaid(definition);
    const ours = parseFlowchart(text);
    const theirs = parser.parse(text);
    expect(theirs?.vertices.sort()).toStrictEqual([...ours.nodes.keys()].sort());
    expect(theirs?.edges).toBe(ours.edges.length);
  });

  it("rejects a label whose quotes were not escaped", () => {
    expect(() => parser.parse('flowchart TD\n  s0["say "hi" now"] --> s1')).toThrow();
  });
});
