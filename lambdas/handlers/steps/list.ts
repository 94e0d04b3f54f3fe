import { OUTCOME, type StepResult } from "../../../statemachines/contract.js";
import { once, type StepContext, stepOf, writeContact } from "./context.js";

const listsOf = (contact: Record<string, unknown>): string[] =>
  Array.isArray(contact.lists) ? contact.lists.filter((l): l is string => typeof l === "string") : [];

/**
 * `addToList` / `removeFromList`: the contact's `lists` field, without duplicates, at most once
 * per visit (claim, update, done). Adding a list the contact is on, or removing one it is not on,
 * writes nothing but the trace. The record stream turns the change into `list.joined` /
 * `list.left` events. The new array is computed over the snapshot, and again over the fresh
 * record when someone else changed the contact since: their list changes are kept.
 */
export async function runList(ctx: StepContext): Promise<StepResult> {
  const step = stepOf(ctx) as { type?: string; list?: string };
  const list = String(step.list ?? "");
  const adding = step.type === "addToList";
  const contact = ctx.contact;
  if (!contact) {
    await ctx.trace({ what: "skipped", detail: "no contact" });
    return ctx.result(OUTCOME.skipped);
  }
  const lists = listsOf(contact);
  if (adding === lists.includes(list)) {
    await ctx.trace({ what: "skipped", detail: adding ? `already on list ${list}` : `not on list ${list}` });
    return ctx.result(OUTCOME.done);
  }
  const change = (c: Record<string, unknown>) => {
    const now = listsOf(c).filter((l) => l !== list);
    return { lists: adding ? [...now, list] : now };
  };
  await once(
    ctx,
    async () => {
      const updated = await writeContact(ctx, contact, change);
      return { updated: updated !== undefined };
    },
    (r) =>
      r.updated
        ? { what: "ran", detail: `${adding ? "added to" : "removed from"} list ${list}` }
        : { what: "skipped", detail: `contact ${contact.id} no longer exists` },
  );
  return ctx.result(OUTCOME.done);
}
