import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Io, main } from "../../bin/cli.js";
import { startRuntime } from "../../local/runtime.js";

async function post(url: string, token: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe("the local runtime", () => {
  it("keeps records, automations and the token key across a restart on the same data folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "autopilot-data-"));
    const first = await startRuntime({ dataDir, port: 0, log: () => {} });
    await first.workspaces.put({ tenantId: "demo", plan: "growth", timezone: "UTC" });
    const token = await first.tokens.sign({ tenant: "demo", user: "usr_admin", role: "admin" });
    const contact = await post(`${first.url}/records/contact`, token, { firstName: "Ada" });
    expect(contact.status).toBe(201);
    const wf = await post(`${first.url}/automations`, token, {
      kind: "workflow",
      id: "hello",
      name: "Hello",
      trigger: { event: "record.created", recordType: "contact" },
      actions: [{ type: "createTask", taskType: "todo", title: "Say hello to {{record.firstName}}" }],
    });
    expect(wf.status).toBe(201);
    await first.close();

    const second = await startRuntime({ dataDir, port: 0, log: () => {} });
    const auth = { authorization: `Bearer ${token}` };
    const again = await fetch(`${second.url}/records/contact/${contact.body.id}`, { headers: auth });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { firstName: string }).firstName).toBe("Ada");
    const hello = await fetch(`${second.url}/automations/hello`, { headers: auth });
    expect(((await hello.json()) as { automation: { name: string } }).automation.name).toBe("Hello");
    await second.close();
  });

  it("turns a record change into an event on the bus, through the stream", async () => {
    const lines: string[] = [];
    const runtime = await startRuntime({ memory: true, port: 0, log: (l) => lines.push(l) });
    const token = await runtime.tokens.sign({ tenant: "ws1", user: "u", role: "admin" });
    await post(`${runtime.url}/records/deal`, token, { name: "Acme", stage: "new" });
    await runtime.settle();
    expect(runtime.bus.published.map((e) => e["detail-type"])).toEqual(["record.created"]);
    expect(lines).toEqual([]);
    await runtime.close();
  });

  it("makes development tokens from the command line that the runtime accepts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "autopilot-token-"));
    let out = "";
    const io: Io = {
      out: (t) => {
        out += t;
      },
      err: () => {},
    };
    expect(
      await main(["token", "--tenant", "ws9", "--user", "usr_9", "--role", "rep", "--data", dataDir], io),
    ).toBe(0);
    const runtime = await startRuntime({ dataDir, port: 0, log: () => {} });
    const created = await post(`${runtime.url}/records/contact`, out.trim(), { firstName: "Bo" });
    expect(created.status).toBe(201);
    expect(
      await main(["token", "--tenant", "ws9", "--user", "u", "--role", "boss", "--data", dataDir], io),
    ).toBe(2);
    await runtime.close();
  });
});
