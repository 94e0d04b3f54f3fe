import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Enrollment } from "../../lambdas/ports.js";
import { VirtualClock } from "../../local/clock.js";
import { type Runtime, type RuntimeOptions, startRuntime } from "../../local/runtime.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;

export interface RuntimeHarness {
  runtime: Runtime;
  lines: string[];
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: AnyJson }>;
  token(user: string, role?: "admin" | "manager" | "rep"): Promise<string>;
  /** Every enrollment of the workspace (a scan: tests only). */
  enrollments(): Promise<Enrollment[]>;
}

/** The local runtime in memory with a frozen clock at 2027-03-01T10:00Z and workspace `acme`. */
export async function startRuntimeHarness(
  plan: "trial" | "starter" | "growth" = "growth",
  options: RuntimeOptions = {},
): Promise<RuntimeHarness> {
  const lines: string[] = [];
  const runtime = await startRuntime({
    memory: true,
    port: 0,
    clock: new VirtualClock({ start: new Date("2027-03-01T10:00:00Z"), frozen: true }),
    log: (l) => lines.push(l),
    ...options,
  });
  await runtime.workspaces.put({ tenantId: "acme", plan, timezone: "UTC" });
  const admin = await runtime.tokens.sign({ tenant: "acme", user: "usr_admin", role: "admin" });
  const call = async (method: string, path: string, body?: unknown, token = admin) => {
    const res = await fetch(`${runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as AnyJson };
  };
  await call("POST", "/users", { id: "usr_admin", email: "admin@acme.test", role: "admin" });
  return {
    runtime,
    lines,
    call,
    token: (user, role = "admin") => runtime.tokens.sign({ tenant: "acme", user, role }),
    async enrollments() {
      const { doc, tableName } = runtime.dynamo;
      const items: Enrollment[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: "begins_with(pk, :p)",
            ExpressionAttributeValues: { ":p": "T#acme#E#" },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        items.push(...((out.Items ?? []) as unknown as Enrollment[]));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}
