import { type HandlerKind, RESOURCES } from "../contract.js";
import type { StateMachineDefinition } from "./asl.js";

/**
 * Replaces `${EmailStepArn}`-style placeholders with real ARNs, as CDK's definition
 * substitutions do on AWS. Returns a copy.
 */
export function substituteResources(
  asl: StateMachineDefinition,
  arnFor: (kind: HandlerKind) => string,
): StateMachineDefinition {
  const byName = new Map<string, string>(
    Object.entries(RESOURCES).map(([kind, name]) => [name, arnFor(kind as HandlerKind)]),
  );
  return JSON.parse(
    JSON.stringify(asl).replace(/\$\{(\w+)\}/g, (whole, name: string) => byName.get(name) ?? whole),
  ) as StateMachineDefinition;
}
