import { escapeLabel } from "./escape.js";

/** Node shapes, by what they stand for in an automation. */
export const SHAPES = {
  /** a message or an action */
  rect: ['["', '"]'],
  /** a trigger, an entry or an end */
  stadium: ['(["', '"])'],
  /** a hand-off to another automation */
  subroutine: ['[["', '"]]'],
  /** a wait */
  hexagon: ['{{"', '"}}'],
  /** a decision */
  diamond: ['{"', '"}'],
  /** a side note */
  note: ['>"', '"]'],
} as const;
export type Shape = keyof typeof SHAPES;

/** Builds a flowchart: nodes are printed first, in the order given, then edges. */
export class Flowchart {
  private readonly nodes: string[] = [];
  private readonly edges: string[] = [];
  private readonly declared = new Set<string>();

  /** Declares a node; each line of text is escaped, and lines are joined with `<br/>`. */
  node(id: string, shape: Shape, ...lines: string[]): string {
    if (this.declared.has(id)) throw new Error(`node ${id} declared twice`);
    this.declared.add(id);
    const [open, close] = SHAPES[shape];
    this.nodes.push(`${id}${open}${lines.map(escapeLabel).join("<br/>")}${close}`);
    return id;
  }

  /** A solid arrow, or a dotted one for what is not a step of the run (a note, a loop back). */
  edge(from: string, to: string, label?: string, style: "solid" | "dotted" = "solid"): void {
    const arrow = style === "solid" ? "-->" : "-.->";
    const text = label === undefined ? "" : `|"${escapeLabel(label)}"|`;
    this.edges.push(`${from} ${arrow}${text} ${to}`);
  }

  /** A dotted line with no arrow, to attach a note. */
  link(from: string, to: string): void {
    this.edges.push(`${from} -.- ${to}`);
  }

  render(): string {
    return ["flowchart TD", ...[...this.nodes, ...this.edges].map((l) => `  ${l}`)].join("\n");
  }
}
