import type { StateMachineDefinition } from "../../statemachines/compiler/asl.js";
import { substituteResources } from "../../statemachines/compiler/substitute.js";
import { type HandlerKind, RESOURCES } from "../../statemachines/contract.js";

export type TaskHandler = (input: unknown) => Promise<unknown> | unknown;

/** The ARN that stands for a handler kind locally; never called, only matched. */
export function localArn(kind: HandlerKind): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:autopilot-${RESOURCES[kind]}`;
}

const KIND_BY_ARN = new Map(
  Object.keys(RESOURCES).map((kind) => [localArn(kind as HandlerKind), kind as HandlerKind]),
);

/**
 * Prepares a compiled machine for aws-local-stepfunctions: placeholders become local ARNs (its
 * validator wants ARNs), and each Task state, which it maps to a local function by state name,
 * gets the handler of the kind its Resource names.
 */
export function localMachine(
  asl: StateMachineDefinition,
  handlerFor: (kind: HandlerKind, stateName: string) => TaskHandler,
): { definition: StateMachineDefinition; handlers: Record<string, TaskHandler> } {
  const definition = substituteResources(asl, localArn);
  const handlers: Record<string, TaskHandler> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== "Task") continue;
    const kind = KIND_BY_ARN.get(state.Resource);
    if (kind === undefined) throw new Error(`state ${name}: unknown resource ${state.Resource}`);
    handlers[name] = handlerFor(kind, name);
  }
  return { definition, handlers };
}
