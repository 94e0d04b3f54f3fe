import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../local/seed.js";
import { EXAMPLES_DIR } from "../support/load-example.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

describe("npm start -- --seed", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("growth");
  });
  afterAll(async () => {
    await h.runtime.close();
  });

  it("loads users, records and every example (workflows active), and can run again", async () => {
    const call = (method: string, path: string, body?: unknown) => h.call(method, path, body);
    const first = await seed(call, EXAMPLES_DIR);
    expect(first).toContain("workflow big-deal-proposal (active)");
    expect(first).toContain("journey webinar-nurture (draft)");
    const automations = (await h.call("GET", "/automations")).body.items;
    expect(automations).toHaveLength(8);
    expect((await h.call("GET", "/users")).body.items).toHaveLength(8);
    await h.runtime.settle();
    expect(h.runtime.engine.failures).toEqual([]);
    const again = await seed(call, EXAMPLES_DIR);
    expect(again).toEqual(["8 users"]);
    expect((await h.call("GET", "/records/contact")).body.items).toHaveLength(4);
  });
});
