import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Debian's pdfsig (poppler-utils) as an independent judge of our seals. `npm test` stops at once when
// it is missing (scripts/test.ts), so these tests never skip.

export const PDFSIG = process.env.PDFSIG_PATH ?? "/usr/bin/pdfsig";

/** pdfsig's report on a PDF (stdout and stderr; pdfsig exits non-zero on a bad signature). */
export async function pdfsig(bytes: Uint8Array): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdfsig-"));
  const file = path.join(dir, "doc.pdf");
  fs.writeFileSync(file, bytes);
  try {
    return await new Promise((resolve, reject) =>
      execFile(PDFSIG, [file], { timeout: 20_000 }, (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === "ENOENT") reject(new Error(`pdfsig not found at ${PDFSIG}`));
        else resolve(`${stdout}\n${stderr}`);
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A copy with one byte changed inside the signed range: the first letter of the document's /Producer
 * (UTF-16 hex, "S" 0053 becomes "T" 0054), which the seal covers (only its own /Contents is outside).
 */
export function oneByteChanged(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  const marker = "/Producer <FEFF0053";
  const at = copy.indexOf(marker);
  if (at < 0) throw new Error("no /Producer to change");
  copy[at + marker.length - 1] = 0x34; // "3" → "4"
  return copy;
}
