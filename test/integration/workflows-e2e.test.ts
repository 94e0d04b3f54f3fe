import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../local/clock.js";
import { type Runtime, startRuntime } from "../../local/runtime.js";
import { EXAMPLES_DIR } from "../support/load-example.js";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let runtime: Runtime;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
let admin: string;
const lines: string[] = [];

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

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
  runtime = await startRuntime({
    memory: true,
    port: 0,
    allowPrivateWebhooks: true,
    clock: new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true }),
    log: (l) => lines.push(l),
  });
  await runtime.workspaces.put({ tenantId: "acme", plan: "growth", timezone: "UTC" });
  admin = await runtime.tokens.sign({ tenant: "acme", user: "usr_admin", role: "admin" });
  await call("POST", "/users", { id: "usr_admin", email: "admin@acme.test", role: "admin" });
  await call("POST", "/users", {
    id: "usr_owner",
    email: "owner@acme.test",
    role: "rep",
    timezone: "America/New_York",
  });
});
afterAll(async () => {
  await runtime.close();
  await new Promise((r) => receiver.close(r));
});

describe("workflow-big-deal-proposal, end to end on the local runtime", () => {
  it("moves a big deal to proposal: a task, an email to the owner, a signed webhook, the record marked high", async () => {
    const wf = JSON.parse(readFileSync(join(EXAMPLES_DIR, "workflow-big-deal-proposal.json"), "utf8"));
    wf.actions[2].url = hookUrl; // a real receiver on loopback (the runtime allows it for this test)
    expect((await call("POST", "/automations", wf)).status).toBe(201);
    expect((await call("POST", "/automations/big-deal-proposal/activate", {})).status).toBe(200);

    const deal = await call("POST", "/records/deal", {
      name: "Acme renewal",
      amount: 25000,
      stage: "qualified",
      ownerId: "usr_owner",
    });
    await runtime.settle();
    expect((await call("PATCH", `/records/deal/${deal.body.id}`, { stage: "proposal" })).status).toBe(200);
    await runtime.settle();

    expect(runtime.engine.failures).toEqual([]);
    const tasks = (await call("GET", "/records/activity")).body.items;
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

    const mails = await runtime.mails();
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

    expect((await call("GET", `/records/deal/${deal.body.id}`)).body.priority).toBe("high");
  });

  it("does nothing for a small deal (condition false), and says so in the trace", async () => {
    const deal = await call("POST", "/records/deal", {
      name: "Tiny",
      amount: 50,
      stage: "qualified",
      ownerId: "usr_owner",
    });
    await call("PATCH", `/records/deal/${deal.body.id}`, { stage: "proposal" });
    await runtime.settle();
    expect((await runtime.mails()).length).toBe(1);
    expect(runtime.engine.failures).toEqual([]);
  });
});

/** The webhook secret as the workspace's admin reads it, to configure the receiver. */
async function readSecret(_tenant: string, name: string): Promise<string> {
  return (await call("GET", `/webhook-secrets/${name}`)).body.secret;
}
