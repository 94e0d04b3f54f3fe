import { createHmac } from "node:crypto";
import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { once, type StepContext, stepOf } from "./context.js";

/**
 * The Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, keyed
 * with the secret's bytes (`whsec_<base64>`).
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const RETRY_DELAYS_MS = [500, 1_000];

/** A signed POST of the record and the event; retried on 5xx and 429; private addresses refused. */
export async function runWebhook(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx);
  const url = String(step.url);
  await once(
    ctx,
    async () => {
      const secret = await ctx.deps.secrets.get(ctx.tenantId, String(step.secret ?? "default"));
      const id = `msg_${`${ctx.visit.enrollmentId}_${ctx.visit.visit}`.replace(/[^\w]/g, "_")}`;
      const timestamp = Math.floor(ctx.deps.clock.now().getTime() / 1000);
      const body = JSON.stringify({
        type: `autopilot.${ctx.enrollment.automationId}`,
        timestamp: new Date(timestamp * 1000).toISOString(),
        data: {
          record: ctx.facts.record ?? ctx.facts.contact ?? null,
          event: ctx.facts.event ?? null,
          ...((step.body as object) ?? {}),
        },
      });
      const headers = {
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(secret, id, timestamp, body),
      };
      let status = 0;
      let error = "";
      for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
        try {
          status = (await ctx.deps.webhook(url, { headers, body })).status;
          error = "";
        } catch (e) {
          error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          if (e instanceof Error && e.name === "BlockedAddressError") break;
        }
        if (!error && status < 500 && status !== 429) break;
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay !== undefined) await new Promise((r) => setTimeout(r, delay));
      }
      return error ? { error } : { status };
    },
    (r) =>
      r.error
        ? { what: "failed", detail: `webhook to ${url} refused or failed: ${r.error}` }
        : { what: "ran", detail: `webhook to ${url}: HTTP ${r.status}` },
  );
  return ctx.result(OUTCOME.done);
}
