/** Free text (subjects, titles, conditions) is cut here so that a node stays readable. */
export const MAX_TEXT = 60;

/**
 * Shortens text to `max` characters, ending in `…` when cut. Counts code points, so that an emoji
 * is never split in half.
 * @example clip("a".repeat(70)) // "aaaa…" (60 characters)
 */
export function clip(text: string, max = MAX_TEXT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Makes text safe inside a quoted Mermaid label. `"` would end the label, `<`/`>` would be read as
 * HTML, `|` ends an edge label and a leading backtick starts a Markdown string; Mermaid decodes
 * `#name;` and `#123;` entities, so `#` itself is encoded first.
 * @example escapeLabel('say "hi"') // "say #quot;hi#quot;"
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\|/g, "#124;")
    .replace(/`/g, "#96;")
    .replace(/\s+/g, " ");
}
