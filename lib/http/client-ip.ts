import { isIP } from "node:net";

// The client's address is evidence (declarations, sign-ins, PDFs), so it is taken from what we know, not
// from what the client says. `next start` does NOT append the socket address to X-Forwarded-For: it only
// sets the header when the client sent none (scripts/check-next-xff.mjs shows it). Our server
// (scripts/serve.mjs, used by `npm start`, `npm run dev` and the browser tests) appends the TCP peer's
// address and sets ICT_SOCKET_PEER_IN_XFF=1, so the right-most entry is the peer. From there we walk left
// only while the entry is a proxy we trust (TRUSTED_PROXIES, CIDRs); the first other entry is the client.
// Anything else (no marker, garbage in the walked part) gives null: better no address than a forged one.

export const PEER_MARKER = "ICT_SOCKET_PEER_IN_XFF";

type Cidr = { bytes: Uint8Array; bits: number };

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), or null when it is not an address. */
function toBytes(raw: string): Uint8Array | null {
  const s = raw.startsWith("[") && raw.endsWith("]") ? raw.slice(1, -1) : raw;
  const kind = isIP(s);
  if (kind === 4) {
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    s.split(".").forEach((p, i) => (out[12 + i] = Number(p)));
    return out;
  }
  if (kind !== 6) return null;
  let text = s;
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[2].split(".").map(Number);
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === null ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  if (groups.length !== 8) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

const isMappedV4 = (b: Uint8Array) => b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** The address in its usual form: IPv4-mapped IPv6 (as a dual-stack socket reports IPv4 peers) as IPv4. */
function normalise(raw: string): string | null {
  const b = toBytes(raw);
  if (!b) return null;
  if (isMappedV4(b)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  return raw.startsWith("[") ? raw.slice(1, -1).toLowerCase() : raw.toLowerCase();
}

/** "10.0.0.0/8, 192.168.1.5, fd00::/8" → CIDRs. A bare address is a /32 (/128). Throws on a bad entry. */
export function parseCidrs(list: string | undefined): Cidr[] {
  if (!list) return [];
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [addr, len, extra] = entry.split("/");
      const bytes = extra === undefined ? toBytes(addr) : null;
      if (!bytes) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
      const v4 = isIP(addr) === 4;
      const max = v4 ? 32 : 128;
      const n = len === undefined ? max : /^\d+$/.test(len) ? Number(len) : NaN;
      if (!(n >= 0 && n <= max)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      return { bytes, bits: v4 ? 96 + n : n };
    });
}

function inCidr(b: Uint8Array, c: Cidr): boolean {
  for (let bit = 0; bit < c.bits; bit += 8) {
    const left = Math.min(8, c.bits - bit);
    const mask = (0xff << (8 - left)) & 0xff;
    if ((b[bit / 8] & mask) !== (c.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

export function isTrusted(ip: string, cidrs: Cidr[]): boolean {
  const b = toBytes(ip);
  return !!b && cidrs.some((c) => inCidr(b, c));
}

// Parsed once per value of the variable (tests change it).
let cached: { list: string | undefined; cidrs: Cidr[] } | null = null;
function trustedFromEnv(): Cidr[] {
  const list = process.env.TRUSTED_PROXIES;
  if (!cached || cached.list !== list) cached = { list, cidrs: parseCidrs(list) };
  return cached.cidrs;
}

type Options = { trusted?: Cidr[]; peerAppended?: boolean };
const peerAppendedFromEnv = () => process.env[PEER_MARKER] === "1";

function entries(forwardedFor: string | null | undefined): string[] {
  return (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * The client's address from X-Forwarded-For whose right-most entry our server appended (the TCP peer):
 * walk left past trusted proxies; the first untrusted entry is the client. Null when unknown.
 */
export function clientIpFrom(forwardedFor: string | null | undefined, opts: Options = {}): string | null {
  if (!(opts.peerAppended ?? peerAppendedFromEnv())) return null;
  const trusted = opts.trusted ?? trustedFromEnv();
  const chain = entries(forwardedFor);
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = normalise(chain[i]);
    if (!ip) return null;
    // The left-most entry is as far as anyone can tell, even when it is one of our proxies.
    if (i === 0 || !isTrusted(ip, trusted)) return ip;
  }
  return null;
}

/** Whether the TCP peer (the right-most entry our server appended) is this machine. */
export function peerIsLoopback(forwardedFor: string | null | undefined, opts: Pick<Options, "peerAppended"> = {}): boolean {
  if (!(opts.peerAppended ?? peerAppendedFromEnv())) return false;
  const chain = entries(forwardedFor);
  const b = chain.length ? toBytes(chain[chain.length - 1]) : null;
  if (!b) return false;
  if (isMappedV4(b)) return b[12] === 127;
  return b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
}
