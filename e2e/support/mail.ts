// Reads the mail the app sent during the browser tests. `npm test` runs a real SMTP server and points the
// app at it (SMTP_URL); every message is a raw .eml in E2E_MAILDIR with its envelope beside it (.json).
import fs from "node:fs";
import path from "node:path";

export type ReceivedMail = { to: string[]; from: string | null; subject: string; text: string; receivedAt: Date; raw: string };

function maildir(): string {
  const dir = process.env.E2E_MAILDIR;
  if (!dir) throw new Error("E2E_MAILDIR is not set: run the browser tests with `npm test` or `npm run test:e2e`");
  return dir;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const buf =
        enc.toUpperCase() === "B"
          ? Buffer.from(data, "base64")
          : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
      return new TextDecoder(charset.toLowerCase()).decode(buf);
    });
}

function decodeQuotedPrintable(body: string, charset: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  return new TextDecoder(charset).decode(Buffer.from(bytes, "latin1"));
}

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

/** The text/plain content of a part (walking into multipart bodies), decoded. */
function textOf(part: Part): string {
  const type = part.headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith("--"));
    const parts = pieces.map((p) => splitPart(p.replace(/^\r?\n/, "")));
    const plain = parts.find((p) => /^text\/plain/i.test(p.headers.get("content-type") ?? "text/plain"));
    return plain ? textOf(plain) : parts.length ? textOf(parts[0]) : "";
  }
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1]?.toLowerCase() ?? "utf-8";
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body, charset);
  if (encoding === "base64") return new TextDecoder(charset).decode(Buffer.from(part.body.replace(/\s+/g, ""), "base64"));
  return part.body;
}

export function parseMail(raw: string, envelope: { to: string[]; from: string | null; receivedAt: string }): ReceivedMail {
  const top = splitPart(raw);
  return {
    to: envelope.to,
    from: envelope.from,
    subject: decodeWords(top.headers.get("subject") ?? ""),
    text: textOf(top).replace(/\r\n/g, "\n").trim(),
    receivedAt: new Date(envelope.receivedAt),
    raw,
  };
}

/** Every message received for this address (any case), oldest first. */
export function mailsFor(recipient: string): ReceivedMail[] {
  const dir = maildir();
  const want = recipient.trim().toLowerCase();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ f, envelope: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { to: string[]; from: string | null; receivedAt: string } }))
    .filter(({ envelope }) => envelope.to.includes(want))
    .map(({ f, envelope }) => parseMail(fs.readFileSync(path.join(dir, f.replace(/\.json$/, ".eml")), "utf8"), envelope));
}

/** The newest message for this address, or null. */
export function latestMail(recipient: string): ReceivedMail | null {
  return mailsFor(recipient).at(-1) ?? null;
}

/**
 * Waits for a message to this address received after `since` (default: any), polling the directory.
 * Use `const since = new Date()` before the action that sends the mail.
 */
export async function waitForMail(recipient: string, opts: { since?: Date; timeoutMs?: number } = {}): Promise<ReceivedMail> {
  const until = Date.now() + (opts.timeoutMs ?? 15_000);
  const since = opts.since?.getTime() ?? 0;
  for (;;) {
    const mail = mailsFor(recipient).filter((m) => m.receivedAt.getTime() >= since).at(-1);
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`No mail for ${recipient} arrived within ${opts.timeoutMs ?? 15_000} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
