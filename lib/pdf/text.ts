import type { PDFFont } from "pdf-lib";

// The standard PDF fonts (Helvetica) encode text as WinAnsi: Latin-1 plus curly quotes, dashes, the
// bullet, the euro and a few more. pdf-lib throws on anything else (emoji, Greek, Chinese…), and a
// person's name or a policy may contain anything, so text is made encodable before it is drawn.

const REPLACEMENTS: Record<string, string> = {
  "\u00A0": " ", // no-break space
  "\u2007": " ",
  "\u202F": " ",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2015": "\u2014",
  "\u2212": "-", // minus sign
  "\u2032": "'",
  "\u2033": '"',
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2713": "v",
  "\u2714": "v",
};
// Invisible characters that would otherwise become "?".
const DROP = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** Replaces what the font cannot encode: accents are dropped where that helps (ő → o), else "?". */
export function encodable(text: string, font: PDFFont): string {
  const supported = charset(font);
  let out = "";
  for (const ch of (text ?? "").normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    ")) {
    if (ch === "\n") {
      out += ch;
      continue;
    }
    if (DROP.test(ch) || /[\u0000-\u001F\u007F]/.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (supported.has(cp)) {
      out += ch;
      continue;
    }
    if (REPLACEMENTS[ch]) {
      out += REPLACEMENTS[ch];
      continue;
    }
    const plain = ch.normalize("NFKD").replace(/[\u0300-\u036F]/g, "");
    out += plain.length > 0 && [...plain].every((c) => supported.has(c.codePointAt(0)!)) ? plain : "?";
  }
  return out;
}

const charsets = new WeakMap<PDFFont, Set<number>>();
function charset(font: PDFFont): Set<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
}

/** True when the text survives encoding unchanged (the evidence page then also prints it escaped). */
export function isFullyEncodable(text: string, font: PDFFont): boolean {
  return encodable(text, font) === (text ?? "").normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, "    ");
}

/** Word-wraps already-encodable text to a width; words longer than a line are broken. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    const words = para.split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      lines.push("");
      continue;
    }
    let line = "";
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the line (a long URL, a hash): break it where it must.
      while (font.widthOfTextAtSize(word, size) > maxWidth) {
        let cut = word.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > maxWidth) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

/** Makes any text safe to show as ASCII: non-ASCII characters become \uXXXX escapes. */
export function asciiEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/[^\x20-\x7E]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
