import { describe, expect, it } from "vitest";
import { Definition } from "../../../statemachines/definitions/index.js";
import { describeCondition } from "../../../statemachines/graph/conditions.js";
import { clip, escapeLabel } from "../../../statemachines/graph/escape.js";
import { toMermaid } from "../../../statemachines/graph/index.js";
import { everyKind } from "./fixtures.js";
import { edgesByLabel, parseFlowchart } from "./structure.js";

describe("describeCondition", () => {
  it("writes all/any as and/or, parenthesizing nested groups", () => {
    const c = {
      all: [
        { field: "a", op: "exists" as const },
        {
          any: [
            { field: "b", op: "eq" as const, value: 1 },
            { field: "c", op: "in" as const, value: ["x", "y"] },
          ],
        },
      ],
    };
    expect(describeCondition(c)).toBe("a exists and (b eq 1 or c in [x, y])");
  });

  it("writes not as not (...) and objects as JSON", () => {
    expect(describeCondition({ not: { field: "a", op: "eq", value: { k: 1 } } })).toBe('not (a eq {"k":1})');
  });

  it("does not parenthesize a group of one", () => {
    const c = {
      any: [{ all: [{ field: "p", op: "exists" as const }] }, { field: "q", op: "exists" as const }],
    };
    expect(describeCondition(c)).toBe("p exists or q exists");
  });

  it("cuts a long condition to 60 characters ending in …", () => {
    const text = describeCondition({ field: "contact.notes", op: "contains", value: "x".repeat(100) });
    expect(Array.from(text)).toHaveLength(60);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("clip and escapeLabel", () => {
  it("never splits an emoji when cutting", () => {
    expect(clip("🙂".repeat(70))).toBe(`${"🙂".repeat(59)}…`);
  });

  it("encodes quotes, angle brackets, pipes, hashes and backticks as Mermaid entities", () => {
    expect(escapeLabel('Say "hi" <b>now</b> | #1 `x`')).toBe(
      "Say #quot;hi#quot; #lt;b#gt;now#lt;/b#gt; #124; #35;1 #96;x#96;",
    );
  });
});

describe("toMermaid on every journey step kind", () => {
  const text = toMermaid(everyKind);
  const chart = parseFlowchart(text);
  const labels = [...chart.nodes.values()].map((n) => n.label);

  it("escapes a subject with quotes and uses the subject, never the html", () => {
    expect(labels).toContain("email: Say #quot;hi#quot; #lt;b#gt;now#lt;/b#gt; #124; #35;1 #96;x#96;");
    expect(text).not.toContain("secret html");
  });

  it("lists each trigger on its own line of the start node", () => {
    expect(chart.nodes.get("triggers")?.label).toBe(
      "manual<br/>email.opened from newsletter<br/>custom app.signup where event.plan eq pro<br/>date contact.renewalDate -P3D 09:00<br/>deal.won",
    );
  });

  it("labels actions, waits and terminals", () => {
    for (const l of [
      "sms: Hi",
      "notify role manager: Heads up",
      "removeFromList trial",
      "score +5 if contact.country in [US, CA]",
      "assign usr_1",
      "wait until contact.renewalDate -P1D 08:00 (business days)",
      "wait for email.replied on hello where not (event.text contains stop)",
      "exit: Split done",
    ])
      expect(labels).toContain(l);
  });

  it("draws goal, waitFor and split exits, with a holdout marked", () => {
    const goal = "goal: record.stage eq won";
    const waitFor = "wait for email.replied on hello where not (event.text contains stop)";
    expect(edgesByLabel(chart)).toEqual(
      expect.arrayContaining([
        `${waitFor} -email.replied-> ${goal}`,
        `${waitFor} -timeout PT4H-> split`,
        `${goal} -met-> goal reached`,
        `${goal} -not met-> end`,
        "split -a 90%-> exit: Split done",
        "split -ctl 10% (holdout)-> exit: Split done",
      ]),
    );
  });

  it("draws no implicit end node when every path ends in exit", () => {
    const d = Definition.parse({
      kind: "journey",
      id: "j",
      name: "j",
      triggers: [{ event: "manual" }],
      start: "bye",
      steps: { bye: { type: "exit" } },
    });
    expect(toMermaid(d).split("\n")).toStrictEqual([
      "flowchart TD",
      '  triggers(["manual"])',
      '  s0(["exit"])',
      "  triggers --> s0",
    ]);
  });
});

describe("toMermaid on workflows and sequences", () => {
  it("goes straight from trigger to the first action when there is no condition", () => {
    const d = Definition.parse({
      kind: "workflow",
      id: "w",
      name: "w",
      trigger: { event: "record.deleted", recordType: "company" },
      actions: [{ type: "enrollInSequence", sequence: "win-back" }],
    });
    expect(edgesByLabel(parseFlowchart(toMermaid(d)))).toStrictEqual([
      "record.deleted company --> action-1: enroll in sequence win-back",
      "action-1: enroll in sequence win-back --> end",
    ]);
  });

  it("says every day for a one-day smart interval and always for a step with no where", () => {
    const d = Definition.parse({
      kind: "sequence",
      id: "s",
      name: "s",
      mode: "smart",
      intervalDays: 1,
      steps: [{ id: "a", type: "sms", text: "Hi" }],
    });
    expect(edgesByLabel(parseFlowchart(toMermaid(d)))).toContain(
      "every day: first pending matching step -always-> sms: Hi",
    );
  });
});
