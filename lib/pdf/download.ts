// Download headers. The file name is built from data people typed (policy titles, names), so it is
// made safe for the header: an ASCII fallback with no quotes, slashes or control characters, and the
// full name in RFC 5987 form (filename*) for browsers that read it.

/** "Staff AUP – Zoë" → "Staff-AUP-Zoe": letters, digits, dot, dash and underscore only. */
export function asciiFileName(name: string, fallback = "download"): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036F]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 150);
  return ascii || fallback;
}

export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const cleaned = fileName.replace(/[\u0000-\u001F\u007F"\\/]/g, "").trim() || "download";
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? asciiFileName(cleaned.slice(dot + 1), "") : "";
  const base = asciiFileName(dot > 0 ? cleaned.slice(0, dot) : cleaned);
  const ascii = ext ? `${base}.${ext}` : base;
  const utf8 = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
