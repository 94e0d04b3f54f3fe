import { workflowActionId } from "../compiler/workflow.js";
import type { Workflow } from "../definitions/workflow.js";
import { describeCondition } from "./conditions.js";
import { Flowchart } from "./flowchart.js";
import { actionLabel, actionShape } from "./labels.js";
import { triggerLabel } from "./triggers.js";

/** Fixed node ids; action nodes are `s0`…`s3`, labelled with the compiler's `action-1`…`action-4`. */
export const WORKFLOW_NODES = { trigger: "trigger", condition: "condition", finish: "finish" };

/**
 * A workflow: its trigger, its condition (whose `no` ends the run), then its actions in a row.
 */
export function workflowGraph(workflow: Workflow): string {
  const chart = new Flowchart();
  const { trigger, condition, finish } = WORKFLOW_NODES;
  chart.node(trigger, "stadium", triggerLabel(workflow.trigger));
  let from = trigger;
  let label: string | undefined;
  if (workflow.condition !== undefined) {
    chart.node(condition, "diamond", describeCondition(workflow.condition));
    chart.edge(trigger, condition);
    from = condition;
    label = "yes";
  }
  workflow.actions.forEach((action, i) => {
    const id = chart.node(`s${i}`, actionShape(action), `${workflowActionId(i)}: ${actionLabel(action)}`);
    chart.edge(from, id, label);
    from = id;
    label = undefined;
  });
  chart.edge(from, finish, label);
  if (workflow.condition !== undefined) chart.edge(condition, finish, "no");
  chart.node(finish, "stadium", "end");
  return chart.render();
}
