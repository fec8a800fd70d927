import { describe, it, expect } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { decodeAnchorText, encodeAnchorBlock } from "@/lib/audit/anchor-file";
import { anchorPayload, signAnchor } from "@/lib/audit/anchor-sign";

// The copy of the anchors that leaves the database must come back exactly as it went, however a mail
// client or a person saved it.

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const anchors = [
  signAnchor({ chain: "school-a", seq: 12, hash: "a".repeat(64), anchoredAt: new Date("2026-12-02T06:00:00.000Z") }, { privateKey, fingerprint: "f1" }),
  signAnchor({ chain: "org:trust-1", seq: 3, hash: "b".repeat(64), anchoredAt: new Date("2026-12-02T06:00:01.000Z") }, { privateKey, fingerprint: "f1" }),
];
const block = encodeAnchorBlock(anchors);

describe("the anchor block", () => {
  it("is short lines of mail-safe characters between two markers", () => {
    const lines = block.split("\n");
    expect(lines[0]).toBe("-----BEGIN ICT AUDIT ANCHOR-----");
    expect(lines.at(-1)).toBe("-----END ICT AUDIT ANCHOR-----");
    for (const l of lines.slice(1, -1)) expect(l).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it.each([
    ["the block alone", block],
    ["a whole email around it", `Subject: Audit record anchors\r\n\r\nKeep this email.\r\n\r\n${block.replace(/\n/g, "\r\n")}\r\n`],
    ["a quoted-printable email with soft line breaks", block.replace(/(.{20})/g, "$1=\n")],
    ["an indented copy and paste", block.split("\n").map((l) => `    ${l}`).join("\n")],
    ["a bare JSON file", JSON.stringify({ format: "ict-audit-anchor/1", anchors: anchors.map((a) => ({ ...a, anchoredAt: a.anchoredAt.toISOString() })) })],
  ])("comes back unchanged from %s", (_label, text) => {
    expect(decodeAnchorText(text)).toEqual(anchors);
  });

  it("refuses what is not an anchor file, or an anchor with a malformed field", () => {
    expect(() => decodeAnchorText("hello")).toThrow("The anchor file holds no anchor block and is not an anchor JSON file.");
    expect(() => decodeAnchorText(JSON.stringify({ format: "other", anchors: [] }))).toThrow("is not in the ict-audit-anchor/1 format");
    const bad = JSON.stringify({ format: "ict-audit-anchor/1", anchors: [{ ...anchors[0], seq: "12", anchoredAt: anchors[0].anchoredAt.toISOString() }] });
    expect(() => decodeAnchorText(bad)).toThrow("malformed field");
  });

  it("signs a payload that names the format, and is plain enough to check with openssl", () => {
    expect(anchorPayload(anchors[0])).toBe(
      `ict-audit-anchor/1\n{"anchoredAt":"2026-12-02T06:00:00.000Z","chain":"school-a","fingerprint":"f1","hash":"${"a".repeat(64)}","seq":12}`,
    );
  });
});
