import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

const USERS = [
  {
    id: "usr_admin",
    email: "admin@demo.autopilot.local",
    name: "Demo Admin",
    role: "admin",
    timezone: "UTC",
  },
  {
    id: "usr_amer",
    email: "amer@demo.autopilot.local",
    name: "Ana (Americas)",
    role: "rep",
    timezone: "America/New_York",
  },
  {
    id: "usr_emea",
    email: "emea@demo.autopilot.local",
    name: "Erik (EMEA)",
    role: "rep",
    timezone: "Europe/Berlin",
  },
  { id: "usr_amer_1", email: "amer1@demo.autopilot.local", role: "rep", timezone: "America/Chicago" },
  { id: "usr_amer_2", email: "amer2@demo.autopilot.local", role: "rep", timezone: "America/Los_Angeles" },
  { id: "usr_1", email: "rep1@demo.autopilot.local", role: "rep", timezone: "UTC" },
  { id: "usr_2", email: "rep2@demo.autopilot.local", role: "rep", timezone: "UTC" },
  { id: "usr_3", email: "rep3@demo.autopilot.local", role: "manager", timezone: "UTC" },
];

const CONTACTS = [
  {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    country: "GB",
    timezone: "Europe/London",
    ownerId: "usr_emea",
    score: 35,
    lifecycleStage: "lead",
    lists: ["newsletter"],
  },
  {
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@example.com",
    country: "US",
    timezone: "America/New_York",
    ownerId: "usr_amer",
    score: 60,
    lifecycleStage: "mql",
    lists: ["newsletter", "webinar-2026"],
  },
  {
    firstName: "Alan",
    lastName: "Turing",
    email: "alan@example.com",
    country: "GB",
    timezone: "Europe/London",
    ownerId: "usr_emea",
    score: 10,
    lifecycleStage: "lead",
    lists: [],
  },
  {
    firstName: "Katherine",
    lastName: "Johnson",
    email: "katherine@example.com",
    country: "US",
    timezone: "America/Los_Angeles",
    ownerId: "usr_amer",
    score: 80,
    lifecycleStage: "sql",
    lists: ["newsletter"],
  },
];

/**
 * `npm start -- --seed`: a demo workspace with users, contacts, deals, and every example as an
 * automation (workflows activated). Safe to run again: what exists is left as it is.
 */
export async function seed(call: Call, examplesDir: string): Promise<string[]> {
  const done: string[] = [];
  for (const user of USERS) await call("POST", "/users", user);
  done.push(`${USERS.length} users`);
  const existing = (await call("GET", "/records/contact?limit=1")).body as { items: unknown[] };
  if (existing.items.length === 0) {
    for (const c of CONTACTS) await call("POST", "/records/contact", c);
    await call("POST", "/records/deal", {
      name: "Acme renewal",
      amount: 25000,
      stage: "qualified",
      ownerId: "usr_amer",
    });
    await call("POST", "/records/deal", {
      name: "Globex pilot",
      amount: 4000,
      stage: "new",
      ownerId: "usr_emea",
    });
    await call("POST", "/records/company", { name: "Acme", country: "US" });
    done.push(`${CONTACTS.length} contacts, 2 deals, 1 company`);
  }
  for (const file of readdirSync(examplesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const definition = JSON.parse(readFileSync(join(examplesDir, file), "utf8")) as {
      id: string;
      kind: string;
    };
    const created = await call("POST", "/automations", definition);
    if (created.status === 201 && definition.kind === "workflow")
      await call("POST", `/automations/${definition.id}/activate`, {});
    if (created.status === 201)
      done.push(
        `${definition.kind} ${definition.id}${definition.kind === "workflow" ? " (active)" : " (draft)"}`,
      );
  }
  return done;
}
