import { encodeMessageTags, type MessageRef } from "../../lambdas/core/mail-tags.js";
import type { RuntimeHarness } from "./runtime-harness.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type AnyJson = any;

export { readExample as example } from "./load-example.js";

/** Saves and activates a definition; throws with the API's answer when either fails. */
export async function activate(h: RuntimeHarness, definition: AnyJson): Promise<void> {
  const created = await h.call("POST", "/automations", definition);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const on = await h.call("POST", `/automations/${definition.id}/activate`, {});
  if (on.status !== 200) throw new Error(JSON.stringify(on.body));
}

export async function contact(h: RuntimeHarness, fields: Record<string, unknown>): Promise<string> {
  const r = await h.call("POST", "/records/contact", fields);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  await h.runtime.settle();
  return r.body.id;
}

/** The one enrollment of a contact in an automation, with its trace. */
export async function enrollmentOf(
  h: RuntimeHarness,
  automationId: string,
  contactId: string,
): Promise<AnyJson> {
  const list = await h.call("GET", `/automations/${automationId}/enrollments?limit=1000`);
  const found = list.body.items.filter((e: AnyJson) => e.contactId === contactId);
  if (found.length !== 1) throw new Error(`${found.length} enrollments of ${contactId} in ${automationId}`);
  return (await h.call("GET", `/enrollments/${found[0].id}`)).body;
}

export const stepsRan = (e: AnyJson): string[] =>
  e.trace.filter((t: AnyJson) => t.what === "ran").map((t: AnyJson) => t.step);

export async function advance(h: RuntimeHarness, duration: string): Promise<void> {
  const r = await h.call("POST", "/_local/clock", { advance: duration });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

/** An SES engagement record (as SES publishes it) for a message a step sent. */
export function sesEvent(kind: "Open" | "Click", ref: MessageRef, messageId: string, at: string): AnyJson {
  const tags = Object.fromEntries(Object.entries(encodeMessageTags(ref)).map(([k, v]) => [k, [v]]));
  const mail = { timestamp: at, source: "hello@acme.test", messageId, destination: ["x@y.test"], tags };
  return kind === "Open"
    ? { eventType: "Open", mail, open: { timestamp: at, ipAddress: "192.0.2.1", userAgent: "test" } }
    : {
        eventType: "Click",
        mail,
        click: {
          timestamp: at,
          link: "https://acme.test/demo",
          ipAddress: "192.0.2.1",
          linkTags: {},
          userAgent: "test",
        },
      };
}
