import { pickByWeight } from "../../core/split.js";
import { render } from "../../core/templates.js";
import { unsubscribeToken, unsubscribeUrl } from "../../core/unsubscribe.js";
import type { OutgoingMail, Workspace } from "../../ports.js";
import { ContainerCache } from "./container-cache.js";
import type { StepContext } from "./context.js";
import { messageTags } from "./messages.js";

/** The fields of an email step this reads (journey `email` step, workflow `email` action). */
export interface EmailSpec {
  subject?: string | undefined;
  html?: string | undefined;
  text?: string | undefined;
  from?: string | undefined;
  replyTo?: string | undefined;
  marketing?: boolean | undefined;
  variants?: { name: string; weight: number; subject?: string; html?: string; text?: string }[] | undefined;
}

// A workspace's unsubscribe key never changes: one read per container.
const unsubscribeKeys = new ContainerCache<string>();

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `from`: an address, `owner` (the record owner's identity) or `user` (the automation owner's). */
async function senderOf(ctx: StepContext, from: string | undefined, workspace: Workspace): Promise<string> {
  const { deps, tenantId } = ctx;
  const settings = (ctx.definition as { settings?: { from?: string } }).settings;
  const fallback = settings?.from ?? workspace.from ?? deps.systemFrom;
  if (from !== "owner" && from !== "user") return from ?? fallback;
  const userId =
    from === "owner"
      ? ((ctx.record?.ownerId ?? ctx.contact?.ownerId) as string | undefined)
      : (await deps.automations.get(tenantId, ctx.enrollment.automationId))?.ownerId;
  const user = userId ? await deps.users.get(tenantId, userId) : undefined;
  return user ? (user.sendAs ?? user.email) : fallback;
}

/** The unsubscribe link, postal address and RFC 8058 one-click headers of marketing mail. */
async function marketingParts(ctx: StepContext, workspace: Workspace) {
  const { deps, tenantId } = ctx;
  const key = await unsubscribeKeys.get(deps.secrets, tenantId, () =>
    deps.secrets.get(tenantId, "unsubscribe"),
  );
  const contactId = ctx.contact?.id ?? ctx.enrollment.contactId;
  const url = unsubscribeUrl(deps.publicUrl, unsubscribeToken(key, { tenantId, contactId }));
  const address = workspace.postalAddress ?? "";
  const footerHtml = `<p style="font-size:12px;color:#666">${address ? `${escapeHtml(address)}<br>` : ""}<a href="${escapeHtml(url)}">Unsubscribe</a></p>`;
  const footerText = `\n\n--\n${address ? `${address}\n` : ""}Unsubscribe: ${url}`;
  const headers = { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  return { footerHtml, footerText, headers };
}

/** Appends the footer inside `<body>` when the html has one, else at the end. */
function withFooter(html: string, footer: string): string {
  const end = html.toLowerCase().lastIndexOf("</body>");
  return end < 0 ? html + footer : html.slice(0, end) + footer + html.slice(end);
}

/**
 * The email a step sends to `to`: its A/B variant (by weight, the same for a replay of this
 * enrollment and step), subject and bodies rendered from the facts (html escaped), the sender,
 * the engagement tags, and for marketing mail (the default) the unsubscribe link, the postal
 * address and the one-click `List-Unsubscribe` headers.
 * @example const { mail, variant } = await composeEmail(ctx, stepOf(ctx) as EmailSpec, workspace, "ana@example.com");
 */
export async function composeEmail(
  ctx: StepContext,
  step: EmailSpec,
  workspace: Workspace,
  to: string,
): Promise<{ mail: OutgoingMail; variant?: string }> {
  const variant = step.variants?.length
    ? pickByWeight(step.variants, ctx.enrollment.id, ctx.stepId).item
    : undefined;
  const subject = render(variant?.subject ?? step.subject ?? "", ctx.facts);
  const htmlTemplate = variant?.html ?? step.html;
  const textTemplate = variant?.text ?? step.text;
  let html = htmlTemplate === undefined ? undefined : render(htmlTemplate, ctx.facts, "html");
  // A body is required: a mail with only a subject says it again in the text.
  let text =
    textTemplate === undefined ? (html === undefined ? subject : undefined) : render(textTemplate, ctx.facts);
  let headers: Record<string, string> | undefined;
  if (step.marketing !== false) {
    const parts = await marketingParts(ctx, workspace);
    if (html !== undefined) html = withFooter(html, parts.footerHtml);
    if (text !== undefined) text += parts.footerText;
    headers = parts.headers;
  }
  const mail: OutgoingMail = {
    from: await senderOf(ctx, step.from, workspace),
    to: [to],
    subject,
    ...(html === undefined ? {} : { html }),
    ...(text === undefined ? {} : { text }),
    ...(step.replyTo ? { replyTo: step.replyTo } : {}),
    ...(headers ? { headers } : {}),
    tags: messageTags(ctx),
  };
  return variant ? { mail, variant: variant.name } : { mail };
}
