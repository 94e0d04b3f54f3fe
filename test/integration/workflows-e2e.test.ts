import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExample } from "../support/load-example.js";
import { type RuntimeHarness, startRuntimeHarness } from "../support/runtime-harness.js";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let h: RuntimeHarness;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  h = await startRuntimeHarness("growth", { allowPrivateWebhooks: true });
  await h.call("POST", "/users", {
    id: "usr_owner",
    email: "owner@acme.test",
    role: "rep",
    timezone: "America/New_York",
  });
});
afterAll(async () => {
  await h.runtime.close();
  await new Promise((r) => receiver.close(r));
});

describe("workflow-big-deal-proposal, end to end on the local runtime", () => {
  it("moves a big deal to proposal: a task, an email to the owner, a signed webhook, the record marked high", async () => {
    const wf = readExample("workflow-big-deal-proposal.json");
    wf.actions[2].url = hookUrl; // a real receiver on loopback (the runtime allows it for this test)
    expect((await h.call("POST", "/automations", wf)).status).toBe(201);
    expect((await h.call("POST", "/automations/big-deal-proposal/activate", {})).status).toBe(200);

    const deal = await h.call("POST", "/records/deal", {
      name: "Acme renewal",
      amount: 25000,
      stage: "qualified",
      ownerId: "usr_owner",
    });
    await h.runtime.settle();
    expect((await h.call("PATCH", `/records/deal/${deal.body.id}`, { stage: "proposal" })).status).toBe(200);
    await h.runtime.settle();

    expect(h.runtime.engine.failures).toEqual([]);
    const tasks = (await h.call("GET", "/records/activity")).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: "task",
      taskType: "todo",
      title: "Send the proposal for Acme renewal",
      assigneeId: "usr_owner",
      status: "open",
      dueAt: "2027-03-02T10:00:00.000Z",
      relatedTo: { type: "deal", id: deal.body.id },
    });

    const mails = await h.runtime.mails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      destination: { to: ["owner@acme.test"] },
      subject: "Big deal in proposal: Acme renewal",
      body: { text: "Acme renewal (25000) moved to proposal." },
    });

    expect(received).toHaveLength(1);
    const hook = received[0] as Received;
    const id = String(hook.headers["webhook-id"]);
    const timestamp = String(hook.headers["webhook-timestamp"]);
    const signature = String(hook.headers["webhook-signature"]);
    expect(timestamp).toBe(String(Date.parse("2027-03-01T10:00:00Z") / 1000));
    expect(signature).toMatch(/^v1,/);
    expect(JSON.parse(hook.body).data.record).toMatchObject({ name: "Acme renewal", stage: "proposal" });
    // Verify as a receiver would, with the workspace's secret (stored encrypted, read back here).
    const secret = await readSecret("acme", "proposal-hook");
    const expected = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
      .update(`${id}.${timestamp}.${hook.body}`)
      .digest("base64");
    expect(signature).toBe(`v1,${expected}`);

    expect((await h.call("GET", `/records/deal/${deal.body.id}`)).body.priority).toBe("high");
  });

  it("does nothing for a small deal (condition false), and says so in the trace", async () => {
    const deal = await h.call("POST", "/records/deal", {
      name: "Tiny",
      amount: 50,
      stage: "qualified",
      ownerId: "usr_owner",
    });
    await h.call("PATCH", `/records/deal/${deal.body.id}`, { stage: "proposal" });
    await h.runtime.settle();
    expect((await h.runtime.mails()).length).toBe(1);
    expect(h.runtime.engine.failures).toEqual([]);
  });
});

/** The webhook secret as the workspace's admin reads it, to configure the receiver. */
async function readSecret(_tenant: string, name: string): Promise<string> {
  return (await h.call("GET", `/webhook-secrets/${name}`)).body.secret;
}
