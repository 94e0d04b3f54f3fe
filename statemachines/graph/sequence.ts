import { assertUnreachable } from "../compiler/unreachable.js";
import type { Sequence, SequenceStep } from "../definitions/sequence.js";
import { describeCondition } from "./conditions.js";
import { clip } from "./escape.js";
import { Flowchart } from "./flowchart.js";

/** Fixed node ids; step nodes are `s0`, `s1`… in the order of `steps`. */
export const SEQUENCE_NODES = { enrolled: "enrolled", loop: "loop", finish: "finish" };

function stepLines(step: SequenceStep): string[] {
  switch (step.type) {
    case "email": {
      const subject = step.subject === undefined ? "" : `: ${clip(step.subject)}`;
      return [`email${subject}${step.replyToThread ? " (reply in thread)" : ""}`];
    }
    case "sms":
      return [`sms: ${clip(step.text)}`];
    case "task":
      return [
        `task ${step.taskType}: ${clip(step.title)}`,
        ...(step.waitForCompletion ? ["waits for completion"] : []),
      ];
    case "manualEmail":
      return [`manual email: ${clip(step.subject)}`];
    default:
      return assertUnreachable(step);
  }
}

const waits = (step: SequenceStep | undefined) => step?.type === "task" && step.waitForCompletion === true;

/** manual: each edge carries the delay after the previous step (after it is done, for a waiting task). */
function manual(chart: Flowchart, steps: SequenceStep[]): void {
  let from = SEQUENCE_NODES.enrolled;
  steps.forEach((step, i) => {
    const delay = step.delay === undefined ? undefined : `after ${step.delay}`;
    const label = waits(steps[i - 1]) ? ["when done", delay].filter(Boolean).join(", ") : delay;
    chart.edge(from, `s${i}`, label);
    from = `s${i}`;
  });
  chart.edge(from, SEQUENCE_NODES.finish);
}

/** classic: each edge carries the step's day; a step's `where` is shown on its node. */
function classic(chart: Flowchart, steps: SequenceStep[]): void {
  let from = SEQUENCE_NODES.enrolled;
  steps.forEach((step, i) => {
    chart.edge(from, `s${i}`, step.day === undefined ? undefined : `day ${step.day}`);
    from = `s${i}`;
  });
  chart.edge(from, SEQUENCE_NODES.finish);
}

/** smart: every interval, a loop picks the first pending step whose `where` matches. */
function smart(chart: Flowchart, steps: SequenceStep[]): void {
  const { enrolled, loop, finish } = SEQUENCE_NODES;
  chart.edge(enrolled, loop);
  steps.forEach((step, i) => {
    chart.edge(loop, `s${i}`, step.where === undefined ? "always" : describeCondition(step.where));
    chart.edge(`s${i}`, loop, undefined, "dotted");
  });
  chart.edge(loop, finish, "no step pending");
}

/**
 * A sequence: a chain of steps from enrollment to the end, with its timing on the edges (manual
 * and classic modes), or a loop that fans out to every step (smart mode).
 */
export function sequenceGraph(sequence: Sequence): string {
  const chart = new Flowchart();
  const unenroll = sequence.settings?.unenrollOn ?? [];
  const enrolled = unenroll.length ? ["enrolled", `unenroll on ${unenroll.join(", ")}`] : ["enrolled"];
  chart.node(SEQUENCE_NODES.enrolled, "stadium", ...enrolled);
  if (sequence.mode === "smart") {
    const n = sequence.intervalDays;
    const every = n === 1 ? "every day" : `every ${n ?? "?"} days`;
    chart.node(SEQUENCE_NODES.loop, "hexagon", `${every}: first pending matching step`);
  }
  sequence.steps.forEach((step, i) => {
    const where = sequence.mode === "classic" && step.where ? [`if ${describeCondition(step.where)}`] : [];
    chart.node(`s${i}`, "rect", ...stepLines(step), ...where);
  });
  switch (sequence.mode) {
    case "manual":
      manual(chart, sequence.steps);
      break;
    case "classic":
      classic(chart, sequence.steps);
      break;
    case "smart":
      smart(chart, sequence.steps);
      break;
    default:
      assertUnreachable(sequence.mode);
  }
  const days = sequence.mode === "classic" && sequence.durationDays ? ` (day ${sequence.durationDays})` : "";
  chart.node(SEQUENCE_NODES.finish, "stadium", `end${days}`);
  return chart.render();
}
