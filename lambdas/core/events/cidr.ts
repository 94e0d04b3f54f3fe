/** An address as 16-bit groups: 2 for IPv4, 8 for IPv6. */
type Groups = readonly number[];

/**
 * `{"cidr": "10.0.0.0/24"}` (IPv4) or `{"cidr": "2001:db8::/64"}` (IPv6): a test on event strings
 * that are addresses of the same family inside the block, or the reason the block is refused
 * (the messages follow EventBridge's).
 *
 * @example
 * const r = parseCidr("10.0.0.0/24");
 * r.ok && r.test("10.0.0.33"); // true
 */
export function parseCidr(
  cidr: string,
): { ok: true; test: (s: string) => boolean } | { ok: false; message: string } {
  const parts = cidr.split("/");
  if (parts.length !== 2) return { ok: false, message: "cidr: malformed CIDR, one '/' required" };
  const [ip = "", bits = ""] = parts;
  if (!/^\d{1,3}$/.test(bits))
    return { ok: false, message: "cidr: malformed CIDR, mask bits must be an integer" };
  const base = parseIp(ip);
  if (base === undefined) return { ok: false, message: `cidr: nonstandard IP address: ${ip}` };
  const width = base.length * 16;
  const mask = Number(bits);
  if (mask > width) return { ok: false, message: `cidr: mask bits must be between 0 and ${width}` };
  const lo = base.map((g, i) => g & groupMask(mask, i));
  return {
    ok: true,
    test: (s) => {
      const addr = parseIp(s);
      if (addr === undefined || addr.length !== lo.length) return false;
      for (let i = 0; i < lo.length; i++)
        if (((addr[i] as number) & groupMask(mask, i)) !== lo[i]) return false;
      return true;
    },
  };
}

/** The bits of group `i` (16 bits wide) covered by a prefix of `mask` bits. */
function groupMask(mask: number, i: number): number {
  const covered = Math.min(16, Math.max(0, mask - i * 16));
  return covered === 0 ? 0 : (0xffff << (16 - covered)) & 0xffff;
}

export function parseIp(s: string): Groups | undefined {
  return s.includes(":") ? parseIpv6(s) : parseIpv4(s);
}

function parseIpv4(s: string): Groups | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return [(a << 8) | b, (c << 8) | d];
}

function parseIpv6(s: string): Groups | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] === "" ? [] : (halves[0] as string).split(":");
  const tail = halves.length === 1 || halves[1] === "" ? [] : (halves[1] as string).split(":");
  const groups: number[] = [];
  const all = [...head, ...tail];
  for (let i = 0; i < all.length; i++) {
    const part = all[i] as string;
    if (i === all.length - 1 && part.includes(".") && (halves.length === 1 || tail.length > 0)) {
      // An IPv4 tail (`::ffff:10.0.0.1`) fills the last two groups.
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(...v4);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  if (halves.length === 1) return groups.length === 8 ? groups : undefined;
  const headCount = countGroups(head);
  if (groups.length > 7) return undefined;
  const zeros = new Array<number>(8 - groups.length).fill(0);
  return [...groups.slice(0, headCount), ...zeros, ...groups.slice(headCount)];
}

function countGroups(parts: readonly string[]): number {
  return parts.reduce((n, p) => n + (p.includes(".") ? 2 : 1), 0);
}
