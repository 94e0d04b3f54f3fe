import type { Workspace, Workspaces } from "../../ports.js";
import { ContainerCache } from "./container-cache.js";
import type { StepContext } from "./context.js";

/** How long a container trusts a workspace it read: a plan change reaches sends within this. */
export const WORKSPACE_TTL_MS = 60_000;

const workspaces = new ContainerCache<Workspace | undefined>(WORKSPACE_TTL_MS);

/** Forgets the workspaces this container read (one has just changed). */
export const forgetWorkspaces = (store: Workspaces) => workspaces.clear(store);

/**
 * The workspace of a step (plan, time zone, sender, postal address), read at most once a minute
 * per container: message steps read it on every send, and a fourth DynamoDB read per message
 * would cost more than the message's own claim, reserve and mark. An unknown workspace is a trial.
 */
export function workspaceOf(ctx: StepContext): Promise<Workspace> {
  return cachedWorkspace(ctx.deps.workspaces, ctx.tenantId);
}

/** The same cached read, for handlers that are not steps (date triggers placing contacts). */
export async function cachedWorkspace(store: Workspaces, tenantId: string): Promise<Workspace> {
  const found = await workspaces.get(store, tenantId, () => store.get(tenantId));
  return found ?? { tenantId, plan: "trial", timezone: "UTC" };
}
