import { parseTemplate } from "../../statemachines/definitions/templates.js";
import { type Facts, getPath } from "./facts.js";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Fills `{{path}}` placeholders from the facts; a missing value renders as empty (or as the
 * placeholder's fallback). In `html` mode values are escaped, the template's own markup is not.
 * @example render("Hi {{contact.firstName | \"there\"}}", {contact: {}}) // "Hi there"
 */
export function render(template: string, facts: Facts, mode: "text" | "html" = "text"): string {
  const { parts } = parseTemplate(template);
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const raw = text(getPath(facts, part.path));
    const value = raw === "" ? (part.fallback ?? "") : raw;
    out += mode === "html" ? value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch) : value;
  }
  return out;
}
