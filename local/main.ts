/**
 * `npm start`: Autopilot on this machine, on its embedded default.
 *   npm start -- --memory        a throwaway run (nothing written to disk)
 *   npm start -- --port 4000     another port (default 3000, or $PORT)
 *   npm start -- --data DIR      where data lives (default .autopilot/data)
 *   npm start -- --seed          load a demo workspace: users, contacts, deals, the examples
 *   npm start -- --allow-private-webhooks   let webhooks reach loopback/private addresses (local receivers only)
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { startRuntime } from "./runtime.js";
import { seed } from "./seed.js";

const { values } = parseArgs({
  options: {
    memory: { type: "boolean", default: false },
    port: { type: "string" },
    data: { type: "string", default: ".autopilot/data" },
    seed: { type: "boolean", default: false },
    "allow-private-webhooks": { type: "boolean", default: false },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const runtime = await startRuntime({
  memory: values.memory,
  dataDir: values.data,
  port,
  sesPort: Number(process.env.SES_PORT ?? 8005),
  allowPrivateWebhooks: values["allow-private-webhooks"],
});
const demo = { tenant: "demo", user: "usr_admin", role: "admin" } as const;
if (!(await runtime.workspaces.get(demo.tenant)))
  await runtime.workspaces.put({ tenantId: demo.tenant, plan: "growth", timezone: "UTC" });
const token = await runtime.tokens.sign(demo);
// The demo admin, so that "owner" and notify have someone to write to.
await fetch(`${runtime.url}/users`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}` },
  body: JSON.stringify({
    id: demo.user,
    email: "admin@demo.autopilot.local",
    name: "Demo Admin",
    role: "admin",
  }),
});

let seeded: string[] = [];
if (values.seed) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  seeded = await seed(call, join(import.meta.dirname, "../examples"));
  await runtime.settle();
}

console.log(`Autopilot is running (${values.memory ? "in memory" : `data in ${values.data}`})

  API         ${runtime.url}
  mailbox     ${runtime.sesUrl}   (aws-ses-v2-local: every email sent)
  workspace   ${demo.tenant} (plan growth), user ${demo.user}, role ${demo.role}
  token       ${token}

Try:
  export TOKEN=${token.slice(0, 12)}…   (the whole token above)
  curl -s -X POST ${runtime.url}/records/contact -H "authorization: Bearer $TOKEN" -d '{"firstName":"Ada"}'
More tokens: npx autopilot token --tenant T --user U --role admin|manager|rep
${seeded.length ? `\nSeeded the demo workspace: ${seeded.join("; ")}\n` : ""}`);

const stop = async () => {
  await runtime.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
