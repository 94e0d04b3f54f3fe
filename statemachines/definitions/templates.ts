/** One piece of a template: literal text, or a `{{path}}` placeholder with an optional fallback. */
export type TemplatePart = { kind: "text"; text: string } | { kind: "var"; path: string; fallback?: string };

export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: string[];
}

const VAR_RE = /^\s*([A-Za-z_][\w-]*(?:\.[\w?!-]+)*)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?$/;

/**
 * Splits `Hi {{contact.firstName | "there"}}!` into text and placeholders. Syntax only: whether a
 * root is known is checked by the definition checks, values are filled in by `lambdas/core`.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf("{{", at);
    if (open < 0) break;
    if (open > at) parts.push({ kind: "text", text: source.slice(at, open) });
    const close = source.indexOf("}}", open + 2);
    if (close < 0) {
      errors.push(`unclosed "{{" at character ${open + 1}`);
      at = open;
      break;
    }
    const inner = source.slice(open + 2, close);
    const m = VAR_RE.exec(inner);
    if (!m?.[1])
      errors.push(
        `not a placeholder: {{${inner}}} (write {{contact.firstName}} or {{contact.firstName | "there"}})`,
      );
    else if (m[2] !== undefined)
      parts.push({ kind: "var", path: m[1], fallback: m[2].replace(/\\(.)/g, "$1") });
    else parts.push({ kind: "var", path: m[1] });
    at = close + 2;
  }
  if (at < source.length) parts.push({ kind: "text", text: source.slice(at) });
  return { parts, errors };
}
