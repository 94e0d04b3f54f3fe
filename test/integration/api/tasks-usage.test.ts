import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../../support/runtime-harness.js";

describe("tasks, usage and the OpenAPI document", () => {
  let h: RuntimeHarness;
  beforeAll(async () => {
    h = await startRuntimeHarness("starter");
    await h.call("POST", "/users", { id: "usr_rep", email: "rep@acme.test", role: "rep" });
    await h.call("POST", "/automations", {
      kind: "workflow",
      id: "call-new-leads",
      name: "Call new leads",
      trigger: { event: "record.created", recordType: "contact" },
      actions: [
        { type: "createTask", taskType: "call", title: "Call {{record.firstName}}", assignee: "owner" },
      ],
    });
    await h.call("POST", "/automations/call-new-leads/activate", {});
  });
  afterAll(async () => {
    await h.runtime.close();
  });

  it("lists my open tasks and completes one, which emits task.completed", async () => {
    await h.call("POST", "/records/contact", { firstName: "Ada", ownerId: "usr_rep" });
    await h.call("POST", "/records/contact", { firstName: "Bo", ownerId: "usr_admin" });
    await h.runtime.settle();
    const rep = await h.token("usr_rep", "rep");
    const mine = await h.call("GET", "/tasks?assignee=me&status=open", undefined, rep);
    expect(mine.body.items.map((t: { title: string }) => t.title)).toEqual(["Call Ada"]);
    const done = await h.call("POST", `/tasks/${mine.body.items[0].id}/complete`, undefined, rep);
    expect(done.body).toMatchObject({ status: "completed", completedBy: "usr_rep" });
    await h.runtime.settle();
    expect(h.runtime.bus.published.some((e) => e["detail-type"] === "task.completed")).toBe(true);
    expect((await h.call("GET", "/tasks?assignee=me&status=open", undefined, rep)).body.items).toEqual([]);
    expect((await h.call("POST", "/tasks/act_nope/complete")).status).toBe(404);
  });

  it("shows every limit of the plan beside its use", async () => {
    const usage = await h.call("GET", "/usage");
    expect(usage.body.plan).toBe("starter");
    expect(usage.body.limits).toEqual(
      expect.arrayContaining([
        { limit: "workflows per workspace", max: 10, used: 1 },
        { limit: "sequences per user", max: 0, used: 0 },
        { limit: "workflow emails per user per day", max: 250, used: 0 },
      ]),
    );
  });

  it("serves an OpenAPI 3.1 document generated from the routes' schemas", async () => {
    const doc = (await h.call("GET", "/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/records/{type}", "/automations/{id}/activate", "/tasks", "/usage"]),
    );
    const createContact = doc.paths["/records/{type}"].post;
    expect(createContact.requestBody.content["application/json"].schema.properties.email).toBeDefined();
  });
});
