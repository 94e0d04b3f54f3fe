import { StepId } from "../primitives.js";
import { checkCondition, checkStepContent, checkTriggers } from "./content.js";
import { CheckContext } from "./context.js";
import { arr, entries, isObj, num, type Obj, str } from "./raw.js";

const WAITING = new Set(["wait", "waitFor"]);
const MESSAGE = new Set(["email", "sms"]);

/** An edge out of a step: where it leads, and the path of the field that says so. */
interface Edge {
  to: string;
  path: (string | number)[];
}

export function edgesOf(id: string, step: Obj): Edge[] {
  const out: Edge[] = [];
  for (const key of ["next", "then", "else", "onTimeout"]) {
    const to = str(step[key]);
    if (to !== undefined) out.push({ to, path: ["steps", id, key] });
  }
  arr(step.paths).forEach((p, i) => {
    const to = isObj(p) ? str(p.next) : undefined;
    if (to !== undefined) out.push({ to, path: ["steps", id, "paths", i, "next"] });
  });
  return out;
}

/** Journey rules: targets exist, all steps reachable, every loop waits, splits add up. */
export function checkJourney(raw: Obj): CheckContext {
  const steps = new Map(entries(raw.steps).filter((e): e is [string, Obj] => isObj(e[1])));
  const messageSteps = new Set([...steps].filter(([, s]) => MESSAGE.has(String(s.type))).map(([id]) => id));
  const ctx = new CheckContext(messageSteps);

  if (arr(raw.triggers).length === 0 && raw.triggers !== undefined)
    ctx.error(["triggers"], "a journey needs at least one trigger");
  checkTriggers(ctx, ["triggers"], arr(raw.triggers));
  if (raw.exitWhen !== undefined) checkCondition(ctx, ["exitWhen"], raw.exitWhen, false);

  for (const id of steps.keys()) {
    if (!StepId.safeParse(id).success)
      ctx.error(["steps", id], `not a step id: letters, digits, "-", "_", "?", "!", at most 64`);
  }
  const start = str(raw.start);
  if (start !== undefined && !steps.has(start)) ctx.error(["start"], `unknown step "${start}"`);

  const graph = new Map<string, string[]>();
  for (const [id, step] of steps) {
    const edges = edgesOf(id, step);
    for (const e of edges) if (!steps.has(e.to)) ctx.error(e.path, `unknown step "${e.to}"`);
    graph.set(
      id,
      edges.map((e) => e.to).filter((to) => steps.has(to)),
    );
    checkStepContent(ctx, ["steps", id], step);
    if (step.type === "split") checkSplit(ctx, id, step);
    const waitsOn = str(step.step);
    if (step.type === "waitFor" && waitsOn !== undefined && !messageSteps.has(waitsOn))
      ctx.error(["steps", id, "step"], `"${waitsOn}" is not a message step of this journey`);
  }

  if (start !== undefined && steps.has(start)) {
    const seen = reachable(graph, start);
    for (const id of steps.keys())
      if (!seen.has(id)) ctx.error(["steps", id], `not reachable from start "${start}"`);
  }
  for (const loop of loopsWithoutWait(graph, steps)) {
    ctx.error(
      ["steps", loop[0] ?? ""],
      `this loop never waits (${[...loop, loop[0]].join(" → ")}); put a wait or waitFor in it`,
    );
  }
  return ctx;
}

function checkSplit(ctx: CheckContext, id: string, step: Obj): void {
  const paths = arr(step.paths).filter(isObj);
  let sum = 0;
  const names = new Set<string>();
  paths.forEach((p, i) => {
    const w = num(p.weight);
    if (w !== undefined && w <= 0)
      ctx.error(["steps", id, "paths", i, "weight"], `must be positive (got ${w})`);
    sum += w ?? 0;
    const name = str(p.name);
    if (name !== undefined && names.has(name))
      ctx.error(["steps", id, "paths", i, "name"], `duplicate path name "${name}"`);
    if (name !== undefined) names.add(name);
  });
  if (paths.length > 0 && Math.abs(sum - 100) > 1e-9)
    ctx.error(["steps", id, "paths"], `weights add up to ${sum}, not 100`);
}

function reachable(graph: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set([start]);
  const todo = [start];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const to of graph.get(id) ?? [])
      if (!seen.has(to)) {
        todo.push(to);
        seen.add(to);
      }
  }
  return seen;
}

/**
 * Cycles among steps that do not wait: the graph without the edges out of wait/waitFor steps,
 * cut into strongly connected components (Tarjan, iterative so deep journeys do not overflow).
 */
export function loopsWithoutWait(graph: Map<string, string[]>, steps: Map<string, Obj>): string[][] {
  const out = (id: string) => (WAITING.has(String(steps.get(id)?.type)) ? [] : (graph.get(id) ?? []));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
  };
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as [string, number];
      const [id, i] = frame;
      const targets = out(id);
      if (i < targets.length) {
        frame[1] = i + 1;
        const to = targets[i] as string;
        if (!index.has(to)) {
          visit(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(id, Math.min(low.get(id) as number, index.get(to) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(id) as number));
      if (low.get(id) !== index.get(id)) continue;
      const component: string[] = [];
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        onStack.delete(top);
        component.push(top);
        if (top === id) break;
      }
      if (component.length > 1 || targets.includes(id)) loops.push(orderLoop(component, out));
    }
  }
  return loops;
}

/** Lists a component's steps along one of its cycles, for a readable message. */
function orderLoop(component: string[], out: (id: string) => string[]): string[] {
  const members = new Set(component);
  const first = [...component].sort()[0] as string;
  const path = [first];
  const seen = new Set(path);
  for (let at = first; ; ) {
    const to = out(at).find((t) => members.has(t));
    if (to === undefined || seen.has(to)) break;
    path.push(to);
    seen.add(to);
    at = to;
  }
  return path;
}
