import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Definition } from "../../../statemachines/definitions/index.js";
import { toMermaid } from "../../../statemachines/graph/index.js";
import { edgesByLabel, MERMAID_ID, MERMAID_KEYWORDS, parseFlowchart } from "./structure.js";

const dir = join(import.meta.dirname, "../../../examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
const load = (file: string) => Definition.parse(JSON.parse(readFileSync(join(dir, file), "utf8")));

function stepCount(d: Definition): number {
  if (d.kind === "journey") return Object.keys(d.steps).length;
  return d.kind === "sequence" ? d.steps.length : d.actions.length;
}

/** Per example: labels some node must carry, and edges written `from label -edge label-> to label`. */
const EXPECTED: Record<string, { nodes: string[]; edges: string[] }> = {
  "journey-webinar-nurture.json": {
    nodes: [
      "record.created contact where record.source eq webinar<br/>list.joined webinar-2026<br/>page.visited where event.path startsWith /webinar",
      "exit when contact.lifecycleStage eq customer",
      "email: Thanks for joining, {{contact.firstName}}",
      "wait P2D",
      "createTask call #quot;Call {{contact.firstName}} about a demo#quot; due P1D",
    ],
    edges: [
      "wait P2D --> engagement.welcome.opened eq true",
      "engagement.welcome.opened eq true -yes-> split",
      "engagement.welcome.opened eq true -no-> email: In case you missed the recording",
      "split -case-study 45%-> email: How Acme doubled its pipeline",
      "split -demo-offer 45%-> email: A 20-minute demo, {{contact.firstName}}?",
      "split -holdout 10%-> exit",
      "wait for email.clicked -email.clicked-> score +20",
      "wait for email.clicked -timeout P3D-> exit",
    ],
  },
  "journey-pricing-page-visitors.json": {
    nodes: ["page.visited where event.path eq /pricing", "webhook https://hooks.example.com/hot-leads"],
    edges: [
      "contact.score gte 50 -yes-> notify owner: {{contact.firstName}} is looking at pricing again",
      "contact.score gte 50 -no-> wait until tue/wed/thu 10:00 (contact)",
      "email: Questions about pricing? --> enroll in sequence quote-follow-up",
      "enroll in sequence quote-follow-up --> exit",
    ],
  },
  "journey-spring-blast.json": {
    nodes: ["date 2027-03-01T10:00:00 (contact) list newsletter"],
    edges: [
      "wait P1D --> engagement.announce.clicked eq true",
      "engagement.announce.clicked eq true -yes-> addToList spring-sale-interested",
      "engagement.announce.clicked eq true -no-> exit",
    ],
  },
  "sequence-quote-follow-up.json": {
    nodes: [
      "enrolled<br/>unenroll on reply, bounce, unsubscribe, meetingBooked",
      "task call: Call {{contact.firstName}} about the quote<br/>waits for completion",
      "manual email: About your quote",
    ],
    edges: [
      "email: Your quote from {{user.company}} -after P3D-> email (reply in thread)",
      "task call: Call {{contact.firstName}} about the quote<br/>waits for completion -when done, after P2D-> manual email: About your quote",
    ],
  },
  "sequence-classic-discount.json": {
    nodes: [
      "email: Your discount is still waiting<br/>if contact.lifecycleStage neq customer",
      "end (day 90)",
    ],
    edges: [
      "enrolled<br/>unenroll on reply, unsubscribe -day 1-> email: 15% off until the end of the quarter",
    ],
  },
  "sequence-smart-onboarding.json": {
    nodes: ["task call: Onboarding call with {{contact.firstName}}"],
    edges: [
      "every 3 days: first pending matching step -contact.setupComplete neq true-> email: Finish setting up your account",
      "every 3 days: first pending matching step -contact.teamSize lt 2-> email: Invite your team",
      "email: Invite your team --> every 3 days: first pending matching step",
      "every 3 days: first pending matching step -no step pending-> end",
    ],
  },
  "workflow-assign-by-location.json": {
    nodes: ["action-1: assign round robin [usr_amer_1, usr_amer_2]"],
    edges: [
      "record.created contact --> record.email exists and (record.country in [US, CA] or reco…",
      "record.email exists and (record.country in [US, CA] or reco… -no-> end",
    ],
  },
  "workflow-big-deal-proposal.json": { nodes: [], edges: [] },
};

describe("toMermaid on the examples", () => {
  it("covers every example", () => {
    expect(Object.keys(EXPECTED).sort()).toStrictEqual([...files].sort());
  });

  describe.each(files)("%s", (file) => {
    const definition = load(file);
    const text = toMermaid(definition);
    const chart = parseFlowchart(text);

    it("is a top-down flowchart made only of quoted nodes and edges", () => {
      expect(text.startsWith("flowchart TD\n")).toBe(true);
      expect(chart.nodes.size).toBeGreaterThan(0);
    });

    it("draws one node per step, each reached by an edge", () => {
      const steps = [...chart.nodes.keys()].filter((id) => /^s\d+$/.test(id));
      expect(steps).toHaveLength(stepCount(definition));
      for (const id of steps) expect(chart.edges.some((e) => e.to === id)).toBe(true);
    });

    it("declares every node that an edge names, under a safe id", () => {
      for (const e of chart.edges) expect([e.from, e.to].filter((id) => !chart.nodes.has(id))).toEqual([]);
      for (const id of chart.nodes.keys()) {
        expect(id).toMatch(MERMAID_ID);
        expect(MERMAID_KEYWORDS).not.toContain(id);
      }
    });

    it("keeps HTML out of labels (only <br/> line breaks)", () => {
      const labels = [
        ...[...chart.nodes.values()].map((n) => n.label),
        ...chart.edges.map((e) => e.label ?? ""),
      ];
      for (const label of labels) expect(label.replaceAll("<br/>", "")).not.toMatch(/[<>"]/);
    });

    it("shows the expected labels and labelled edges", () => {
      const { nodes, edges } = EXPECTED[file] ?? { nodes: [], edges: [] };
      const labels = [...chart.nodes.values()].map((n) => n.label);
      for (const n of nodes) expect(labels).toContain(n);
      const all = edgesByLabel(chart);
      for (const e of edges) expect(all).toContain(e);
    });
  });

  it("draws workflow-big-deal-proposal exactly", () => {
    expect(toMermaid(load("workflow-big-deal-proposal.json")).split("\n")).toStrictEqual([
      "flowchart TD",
      '  trigger(["record.updated deal where record.stage changedTo proposal"])',
      '  condition{"record.amount gte 10000"}',
      '  s0["action-1: createTask todo #quot;Send the proposal for {{record.name}}#quot; due P1D"]',
      '  s1["action-2: notify owner: Big deal in proposal: {{record.name}}"]',
      '  s2["action-3: webhook https://hooks.example.com/deals"]',
      '  s3["action-4: updateRecord: priority = high"]',
      '  finish(["end"])',
      "  trigger --> condition",
      '  condition -->|"yes"| s0',
      "  s0 --> s1",
      "  s1 --> s2",
      "  s2 --> s3",
      "  s3 --> finish",
      '  condition -->|"no"| finish',
    ]);
  });

  it("gives the same text for the same definition", () => {
    const d = load("journey-webinar-nurture.json");
    expect(toMermaid(d)).toBe(toMermaid(structuredClone(d)));
  });
});
