import { describe, it, expect } from "vitest";
import { dueOn, obligationStart, obligationState, londonDay, isWeekend } from "@/lib/declarations/due";
import { decodeSignaturePng, SignatureImageError, MAX_SIGNATURE_BYTES } from "@/lib/declarations/signature";
import { csvCell, toCsv } from "@/lib/declarations/csv";
import { signDeclarationSchema } from "@/lib/declarations/schemas";
import { deflateSync } from "node:zlib";

const day = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

describe("due dates", () => {
  it("run from publication, or from a later start date", () => {
    expect(dueOn(new Date("2026-03-02T10:00:00Z"), day("2020-09-01"), 14)).toEqual(day("2026-03-16"));
    expect(dueOn(new Date("2026-03-02T10:00:00Z"), day("2026-04-20"), 14)).toEqual(day("2026-05-04"));
  });

  it("use the London day of publication (late evening in summer is the next day)", () => {
    expect(londonDay(new Date("2026-06-30T23:30:00Z"))).toEqual(day("2026-07-01"));
    expect(obligationStart(new Date("2026-06-30T23:30:00Z"), day("2020-01-01"))).toEqual(day("2026-07-01"));
  });

  it("are on time on the due date and overdue from the day after", () => {
    expect(obligationState(false, day("2026-03-16"), day("2026-03-16"))).toBe("outstanding");
    expect(obligationState(false, day("2026-03-16"), day("2026-03-17"))).toBe("overdue");
    expect(obligationState(true, day("2026-03-16"), day("2026-04-17"))).toBe("signed");
  });

  it("know the weekend", () => {
    expect([day("2026-03-07"), day("2026-03-08"), day("2026-03-09")].map(isWeekend)).toEqual([true, true, false]);
  });
});

// A minimal valid 8-bit RGBA PNG of the given size.
function png(width: number, height: number, opts: { filter?: number; colourType?: number; bitDepth?: number } = {}) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = opts.bitDepth ?? 8;
  ihdr[9] = opts.colourType ?? 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 4 + 1)] = opts.filter ?? 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const url = (b: Buffer) => `data:image/png;base64,${b.toString("base64")}`;

describe("decodeSignaturePng", () => {
  it("accepts a complete PNG and returns its bytes", () => {
    const b = png(300, 100);
    expect(Buffer.from(decodeSignaturePng(url(b))).equals(b)).toBe(true);
  });

  it.each([
    ["not a PNG data URL", "data:image/jpeg;base64,/9j/4AAQ"],
    ["not base64", "data:image/png;base64,@@@@"],
    ["not a PNG", url(Buffer.from("GIF89a not a png at all, really"))],
    ["truncated", url(png(30, 10).subarray(0, 60))],
    ["a corrupted chunk", url(Buffer.from(png(30, 10).map((x, i) => (i === 40 ? x ^ 0xff : x))))],
    ["too wide", url(png(2001, 1))],
    ["16-bit", url(png(10, 10, { bitDepth: 16 }))],
    ["an invalid row filter", url(png(10, 10, { filter: 9 }))],
    ["trailing bytes after IEND", url(Buffer.concat([png(10, 10), Buffer.from("extra")]))],
    ["too large", url(Buffer.concat([png(10, 10), Buffer.alloc(MAX_SIGNATURE_BYTES)]))],
  ])("refuses %s", (_what, dataUrl) => {
    expect(() => decodeSignaturePng(dataUrl)).toThrow(SignatureImageError);
  });

  it("the form schema refuses what is obviously not a PNG before the service sees it", () => {
    const base = { policyVersionId: "v1", typedName: "Ann Lee", confirmed: true };
    expect(signDeclarationSchema.safeParse({ ...base, signaturePng: "data:image/svg+xml;base64,PHN2Zz4=" }).success).toBe(false);
    expect(signDeclarationSchema.parse({ ...base, signaturePng: "" }).signaturePng).toBeNull();
    expect(signDeclarationSchema.parse(base).signaturePng).toBeNull();
    expect(signDeclarationSchema.safeParse({ ...base, confirmed: "yes" }).success).toBe(false);
    expect(signDeclarationSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});

describe("CSV", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+44 1234", "'+44 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["line\nbreak", '"line\nbreak"'],
    ["Plain", "Plain"],
    [null, ""],
    [3, "3"],
  ])("cell %j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(toCsv([["a", "b"], ["c", "=d"]])).toBe("\uFEFFa,b\r\nc,'=d\r\n");
  });
});
