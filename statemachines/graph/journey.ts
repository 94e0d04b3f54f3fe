import { assertUnreachable } from "../compiler/unreachable.js";
import type { Journey, JourneyStep } from "../definitions/journey.js";
import { describeCondition } from "./conditions.js";
import { clip } from "./escape.js";
import { Flowchart } from "./flowchart.js";
import { actionLabel, actionShape } from "./labels.js";
import { triggerLabel } from "./triggers.js";
import { waitForLabel, waitLabel } from "./waits.js";

/** Fixed node ids; step nodes are `s0`, `s1`… in the order of `steps`. */
export const JOURNEY_NODES = {
  triggers: "triggers",
  exitWhen: "exitWhen",
  finish: "finish",
  goal: "goalReached",
};

/** Where edges lead: step nodes, and the terminals that are drawn only once something uses them. */
class Targets {
  readonly used = new Set<string>();
  constructor(private readonly ids: ReadonlyMap<string, string>) {}

  step(next: string | undefined): string {
    if (next === undefined) return this.terminal(JOURNEY_NODES.finish);
    const id = this.ids.get(next);
    if (id === undefined) throw new RangeError(`unknown step "${next}"`);
    return id;
  }

  terminal(id: string): string {
    this.used.add(id);
    return id;
  }
}

function drawStep(chart: Flowchart, id: string, step: JourneyStep, to: Targets): void {
  switch (step.type) {
    case "email":
    case "sms":
    case "notify":
    case "updateRecord":
    case "createTask":
    case "score":
    case "assign":
    case "addToList":
    case "removeFromList":
    case "enrollInSequence":
    case "webhook":
      chart.node(id, actionShape(step), actionLabel(step));
      chart.edge(id, to.step(step.next));
      return;
    case "wait":
      chart.node(id, "hexagon", waitLabel(step));
      chart.edge(id, to.step(step.next));
      return;
    case "waitFor":
      chart.node(id, "hexagon", waitForLabel(step));
      chart.edge(id, to.step(step.next), step.event);
      chart.edge(id, to.step(step.onTimeout), `timeout ${step.timeout}`);
      return;
    case "branch":
      chart.node(id, "diamond", describeCondition(step.if));
      chart.edge(id, to.step(step.then), "yes");
      chart.edge(id, to.step(step.else), "no");
      return;
    case "split":
      chart.node(id, "diamond", "split");
      for (const p of step.paths)
        chart.edge(id, to.step(p.next), `${p.name} ${p.weight}%${p.holdout ? " (holdout)" : ""}`);
      return;
    case "goal":
      chart.node(id, "diamond", `goal: ${describeCondition(step.if)}`);
      chart.edge(id, to.terminal(JOURNEY_NODES.goal), "met");
      chart.edge(id, to.step(step.next), "not met");
      return;
    case "exit":
      chart.node(id, "stadium", step.reason === undefined ? "exit" : `exit: ${clip(step.reason)}`);
      return;
    default:
      assertUnreachable(step);
  }
}

/**
 * A journey: its triggers lead to `start`, each step is a node, and each way out of a step is an
 * edge (labelled for branches, splits and waitFor). A step with no `next` leads to `end`.
 */
export function journeyGraph(journey: Journey): string {
  const chart = new Flowchart();
  const steps = Object.entries(journey.steps);
  const to = new Targets(new Map(steps.map(([stepId], i) => [stepId, `s${i}`])));
  const triggers = journey.triggers.map(triggerLabel);
  chart.node(JOURNEY_NODES.triggers, "stadium", ...(triggers.length ? triggers : ["start"]));
  if (journey.exitWhen !== undefined) {
    chart.node(JOURNEY_NODES.exitWhen, "note", `exit when ${describeCondition(journey.exitWhen)}`);
    chart.link(JOURNEY_NODES.exitWhen, JOURNEY_NODES.triggers);
  }
  chart.edge(JOURNEY_NODES.triggers, to.step(journey.start));
  steps.forEach(([, step], i) => {
    drawStep(chart, `s${i}`, step, to);
  });
  if (to.used.has(JOURNEY_NODES.goal)) chart.node(JOURNEY_NODES.goal, "stadium", "goal reached");
  if (to.used.has(JOURNEY_NODES.finish)) chart.node(JOURNEY_NODES.finish, "stadium", "end");
  return chart.render();
}
