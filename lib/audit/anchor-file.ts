import { ANCHOR_FORMAT, type SignedAnchor } from "./anchor-sign";

// The copy of the anchors that leaves the database: a block in the DPO's digest email, which an auditor
// saves (the whole email, or only the block) and gives to `npm run audit:verify -- --anchor <file>`.
// Base64url in short lines: it survives quoted-printable mail encoding, copying and pasting unchanged.

const BEGIN = "-----BEGIN ICT AUDIT ANCHOR-----";
const END = "-----END ICT AUDIT ANCHOR-----";

type AnchorFile = { format: string; anchors: { chain: string; seq: number; hash: string; anchoredAt: string; fingerprint: string; signature: string }[] };

export function encodeAnchorBlock(anchors: readonly SignedAnchor[]): string {
  const body: AnchorFile = {
    format: ANCHOR_FORMAT,
    anchors: anchors.map((a) => ({ chain: a.chain, seq: a.seq, hash: a.hash, anchoredAt: a.anchoredAt.toISOString(), fingerprint: a.fingerprint, signature: a.signature })),
  };
  const b64 = Buffer.from(JSON.stringify(body)).toString("base64url");
  return [BEGIN, ...(b64.match(/.{1,64}/g) ?? []), END].join("\n");
}

/** Every anchor in a text that holds one or more anchor blocks (a saved email), or in a bare JSON file. */
export function decodeAnchorText(text: string): SignedAnchor[] {
  // A saved email in quoted-printable may have broken the block's lines with "=" soft breaks.
  const unfolded = text.replace(/=\r?\n/g, "");
  const blocks = [...unfolded.matchAll(new RegExp(`${BEGIN}([\\s\\S]*?)${END}`, "g"))].map((m) =>
    Buffer.from(m[1].replace(/[^A-Za-z0-9_-]/g, ""), "base64url").toString("utf8"),
  );
  if (blocks.length === 0) blocks.push(text);
  return blocks.flatMap((json) => parseAnchorFile(json));
}

function parseAnchorFile(json: string): SignedAnchor[] {
  let parsed: AnchorFile;
  try {
    parsed = JSON.parse(json) as AnchorFile;
  } catch {
    throw new Error("The anchor file holds no anchor block and is not an anchor JSON file.");
  }
  if (parsed?.format !== ANCHOR_FORMAT || !Array.isArray(parsed.anchors)) throw new Error(`The anchor file is not in the ${ANCHOR_FORMAT} format.`);
  return parsed.anchors.map((a) => {
    const at = new Date(a.anchoredAt);
    if (typeof a.chain !== "string" || !Number.isInteger(a.seq) || typeof a.hash !== "string" || Number.isNaN(at.getTime()) || typeof a.fingerprint !== "string" || typeof a.signature !== "string")
      throw new Error("The anchor file has an anchor with a missing or malformed field.");
    return { chain: a.chain, seq: a.seq, hash: a.hash, anchoredAt: at, fingerprint: a.fingerprint, signature: a.signature };
  });
}
