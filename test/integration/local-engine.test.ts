import { describe, expect, it } from "vitest";
import type { StepHandler } from "../../lambdas/handlers/steps/index.js";
import { LocalEngine } from "../../local/engine/local-engine.js";
import type { StateMachineDefinition } from "../../statemachines/compiler/asl.js";
import { type HandlerKind, placeholder, RESOURCES, type SegmentInput } from "../../statemachines/contract.js";

/** One Task (the claim handler) and the end: enough to watch how many segments run at once. */
const asl: StateMachineDefinition = {
  StartAt: "_Claim",
  States: { _Claim: { Type: "Task", Resource: placeholder("claim"), End: true } },
} as unknown as StateMachineDefinition;

const input = (i: number): SegmentInput => ({
  tenantId: "ws1",
  automationId: "a",
  version: 1,
  enrollmentId: `enr_${i}`,
  contactId: `ctc_${i}`,
  resume: { stepId: "_Start", token: `tok_${i}` },
});

describe("the local engine", () => {
  it("runs at most `concurrency` segments at once, queues the rest, and drains them all", async () => {
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const claim: StepHandler = async (task) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      ran.push((task as unknown as SegmentInput).enrollmentId);
      running--;
      return { outcome: "claimed" };
    };
    const handlers = Object.fromEntries(
      Object.keys(RESOURCES).map((kind) => [kind, kind === "claim" ? claim : async () => ({})]),
    ) as Record<HandlerKind, StepHandler>;
    const engine = new LocalEngine(
      async () => asl,
      handlers,
      () => {},
      4,
    );
    for (let i = 0; i < 40; i++) await engine.start(input(i));
    expect(engine.segments).toBe(40);
    await engine.drain();
    expect(most).toBe(4);
    expect(ran.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `enr_${i}`).sort());
    expect(engine.failures).toEqual([]);
    await engine.drain(); // nothing left: returns at once
  });
});
