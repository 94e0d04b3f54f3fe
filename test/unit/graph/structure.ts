/** A reader for the subset of Mermaid that toMermaid writes: it refuses any other line. */
export interface ParsedNode {
  shape: string;
  label: string;
}
export interface ParsedEdge {
  from: string;
  to: string;
  arrow: string;
  label?: string;
}
export interface ParsedFlowchart {
  nodes: Map<string, ParsedNode>;
  edges: ParsedEdge[];
}

export const MERMAID_ID = /^[A-Za-z]\w*$/;
/** Words that end or change a flowchart when used as a node id. */
export const MERMAID_KEYWORDS = [
  "end",
  "graph",
  "flowchart",
  "subgraph",
  "style",
  "class",
  "classDef",
  "click",
];

const CLOSE: Record<string, string> = {
  "[[": "]]",
  "([": "])",
  "{{": "}}",
  "[": "]",
  "(": ")",
  "{": "}",
  ">": "]",
};
const NODE = /^([A-Za-z]\w*)(\[\[|\(\[|\{\{|\[|\(|\{|>)"([^"]*)"(\]\]|\]\)|\}\}|\]|\)|\})$/;
const EDGE = /^([A-Za-z]\w*) (-->|-\.->|-\.-)(?:\|"([^"|]*)"\|)? ([A-Za-z]\w*)$/;

export function parseFlowchart(text: string): ParsedFlowchart {
  const [header, ...lines] = text.split("\n");
  if (header !== "flowchart TD") throw new Error(`header: ${header}`);
  const nodes = new Map<string, ParsedNode>();
  const edges: ParsedEdge[] = [];
  for (const raw of lines) {
    if (!raw.startsWith("  ")) throw new Error(`not indented: ${raw}`);
    const line = raw.slice(2);
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) {
      const [, id = "", open = "", label = "", close = ""] = node;
      if (CLOSE[open] !== close) throw new Error(`unbalanced brackets: ${line}`);
      if (nodes.has(id)) throw new Error(`declared twice: ${id}`);
      nodes.set(id, { shape: open + close, label });
    } else if (edge) {
      const [, from = "", arrow = "", label, to = ""] = edge;
      edges.push(label === undefined ? { from, to, arrow } : { from, to, arrow, label });
    } else throw new Error(`not a node nor an edge: ${line}`);
  }
  return { nodes, edges };
}

/** The id of the one node with this label. */
export function idOf(chart: ParsedFlowchart, label: string): string {
  const ids = [...chart.nodes].filter(([, n]) => n.label === label).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`${ids.length} nodes labelled ${JSON.stringify(label)}`);
  return ids[0] as string;
}

/** Edges as `from -label-> to` with labels instead of ids, easy to compare. */
export function edgesByLabel(chart: ParsedFlowchart): string[] {
  const name = (id: string) => chart.nodes.get(id)?.label ?? `?${id}`;
  return chart.edges.map((e) => `${name(e.from)} -${e.label ?? ""}-> ${name(e.to)}`);
}
