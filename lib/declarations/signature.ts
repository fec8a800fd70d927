import { inflateSync } from "node:zlib";

// The drawn signature arrives as a PNG data URL from a canvas. It is evidence kept for years and drawn
// into PDFs, so it is checked here rather than trusted: PNG only, small, and sane dimensions (a tiny
// file can still claim to be 50,000 px wide and exhaust memory when decoded).

export const MAX_SIGNATURE_BYTES = 200 * 1024;
export const MAX_SIGNATURE_SIDE = 2000;
const PREFIX = "data:image/png;base64,";
/** Longest data URL that can decode to MAX_SIGNATURE_BYTES. */
export const MAX_SIGNATURE_DATA_URL = PREFIX.length + Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class SignatureImageError extends Error {}

/** Decodes and checks a PNG data URL; throws SignatureImageError with a message for the person. */
export function decodeSignaturePng(dataUrl: string): Uint8Array<ArrayBuffer> {
  if (!dataUrl.startsWith(PREFIX)) throw new SignatureImageError("The drawn signature must be a PNG image.");
  const b64 = dataUrl.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new SignatureImageError(UNREADABLE);
  if (b64.length > MAX_SIGNATURE_DATA_URL - PREFIX.length) throw new SignatureImageError(TOO_LARGE);
  const bytes = new Uint8Array(Buffer.from(b64, "base64"));
  if (bytes.length > MAX_SIGNATURE_BYTES) throw new SignatureImageError(TOO_LARGE);
  if (bytes.length < 8 || PNG_MAGIC.some((b, i) => bytes[i] !== b)) throw new SignatureImageError("The drawn signature must be a PNG image.");
  checkPngStructure(bytes);
  return bytes;
}

const UNREADABLE = "The drawn signature could not be read. Clear it and draw it again.";
const TOO_LARGE = "The drawn signature is too large. Clear it and draw it again.";

// Channels per pixel for 8-bit PNGs by colour type: grey, RGB, palette, grey+alpha, RGBA.
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Walks every chunk (lengths and CRCs), then inflates the image data and checks it is exactly the size
 * the header promises. The PDF library's PNG decoder loops for ever on some damaged files, so nothing
 * reaches it that is not a complete, consistent, 8-bit, non-interlaced PNG.
 */
function checkPngStructure(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: { width: number; height: number; colourType: number } | null = null;
  let sawPalette = false;
  let ended = false;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    if (ended || offset + 12 > bytes.length) throw new SignatureImageError(UNREADABLE);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (length > bytes.length || end > bytes.length) throw new SignatureImageError(UNREADABLE);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) throw new SignatureImageError(UNREADABLE);
    if (header === null && type !== "IHDR") throw new SignatureImageError(UNREADABLE);
    if (type === "IHDR") {
      if (header !== null || length !== 13) throw new SignatureImageError(UNREADABLE);
      const d = new DataView(data.buffer, data.byteOffset, 13);
      const [width, height, bitDepth, colourType, compression, filter, interlace] = [
        d.getUint32(0), d.getUint32(4), data[8], data[9], data[10], data[11], data[12],
      ];
      if (width < 1 || height < 1 || width > MAX_SIGNATURE_SIDE || height > MAX_SIGNATURE_SIDE) throw new SignatureImageError(UNREADABLE);
      if (bitDepth !== 8 || !(colourType in CHANNELS) || compression !== 0 || filter !== 0 || interlace !== 0)
        throw new SignatureImageError(UNREADABLE);
      header = { width, height, colourType };
    } else if (type === "PLTE") sawPalette = true;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") ended = true;
    offset = end;
  }
  if (!header || !ended || idat.length === 0 || (header.colourType === 3 && !sawPalette)) throw new SignatureImageError(UNREADABLE);
  const rowBytes = 1 + header.width * CHANNELS[header.colourType];
  const expected = rowBytes * header.height;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    throw new SignatureImageError(UNREADABLE);
  }
  if (raw.length !== expected) throw new SignatureImageError(UNREADABLE);
  for (let row = 0; row < header.height; row++) if (raw[row * rowBytes] > 4) throw new SignatureImageError(UNREADABLE);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
