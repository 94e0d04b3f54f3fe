import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface FlowParser {
  /** Parses with Mermaid's own flowchart grammar; throws on a syntax error. */
  parse(text: string): { vertices: string[]; edges: number };
}

interface FlowDb {
  sanitizeText: (text: string) => string;
  getVertices(): Map<string, unknown>;
  getEdges(): unknown[];
}
interface FlowDiagram {
  readonly db: FlowDb;
  parser: { parser: { yy: unknown }; parse(text: string): void };
}

/**
 * Mermaid's flowchart parser (the pinned `mermaid` devDependency), run in Node with no browser. `@mermaid-js/parser` has no flowchart grammar and `mermaid.parse()`
 * needs a DOM for DOMPurify, so this loads the flowchart diagram module itself and turns off
 * label sanitizing, which is about rendering HTML, not about syntax.
 */
export async function loadMermaidFlowParser(): Promise<FlowParser> {
  const entry = createRequire(import.meta.url).resolve("mermaid");
  const chunks = join(dirname(entry), "chunks", "mermaid.core");
  const file = readdirSync(chunks).find((f) => /^flowDiagram-\w+\.mjs$/.test(f));
  if (file === undefined) throw new Error(`no flowDiagram module in ${chunks}`);
  const { diagram } = (await import(pathToFileURL(join(chunks, file)).href)) as { diagram: FlowDiagram };
  return {
    parse(text) {
      const db = diagram.db;
      db.sanitizeText = (t) => t;
      diagram.parser.parser.yy = db;
      diagram.parser.parse(text);
      return { vertices: [...db.getVertices().keys()], edges: db.getEdges().length };
    },
  };
}
