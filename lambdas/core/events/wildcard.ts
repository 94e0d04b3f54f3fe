/**
 * Wildcard syntax, per the EventBridge docs: `*` matches any run of characters (none included),
 * `\*` is a literal star, `\\` a literal backslash; any other escape and `**` are refused.
 * Returns a test on strings, or the reason the pattern is refused.
 *
 * @example
 * const r = parseWildcard("dir/*.png");
 * r.ok && r.test("dir/cat.png"); // true
 */
export function parseWildcard(
  pattern: string,
): { ok: true; test: (s: string) => boolean } | { ok: false; message: string } {
  let source = "";
  let literal = "";
  let stars = 0;
  let lastWasStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\")
        return { ok: false, message: `wildcard: invalid escape at pos ${i}` };
      literal += next;
      source += escapeRegExp(next);
      lastWasStar = false;
      i++;
    } else if (c === "*") {
      // EventBridge counts positions from the start of the value, as here.
      if (lastWasStar) return { ok: false, message: `wildcard: consecutive wildcard characters at pos ${i}` };
      source += ".*";
      stars++;
      lastWasStar = true;
    } else {
      literal += c;
      source += escapeRegExp(c);
      lastWasStar = false;
    }
  }
  if (stars === 0) return { ok: true, test: (s) => s === literal };
  const re = new RegExp(`^${source}$`, "s");
  return { ok: true, test: (s) => re.test(s) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
