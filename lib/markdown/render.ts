import MarkdownIt from "markdown-it";

// Policy sections are written in markdown by school staff and shown to everyone who must sign them,
// so rendering must never let an author inject markup: raw HTML is off (it is shown as text), images
// are off (no tracking pixels, nothing fetched from elsewhere) and links may only be http(s) or mailto.
const SAFE_LINK = /^(https?:|mailto:)/i;

type Md = InstanceType<typeof MarkdownIt>;

function createRenderer(): Md {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.disable(["image"]);
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  // The page already uses h1 (policy) and h2 (section heading): a section's own headings start at h3.
  md.core.ruler.push("demote_headings", (state) => {
    for (const token of state.tokens) {
      if (token.type === "heading_open" || token.type === "heading_close") {
        const level = Math.min(6, Number(token.tag.slice(1)) + 2);
        token.tag = `h${level}`;
      }
    }
  });
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    // A policy link leaves the app: do not hand it our page (window.opener) or our URL (referrer).
    tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

let renderer: Md | null = null;
function md(): Md {
  renderer ??= createRenderer();
  return renderer;
}

/** Markdown → HTML that is safe to put in the page with dangerouslySetInnerHTML. */
export function renderMarkdown(source: string): string {
  return md().render(source ?? "");
}

/** A block of plain text, as the PDF lays it out. */
export type PlainBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; marker: string; depth: number; text: string }
  | { kind: "code"; text: string };

/**
 * Markdown → plain blocks for the PDF, which must show the words of the policy, not its markup:
 * emphasis is dropped, links keep their address in brackets, lists keep bullets or numbers.
 */
export function markdownBlocks(source: string): PlainBlock[] {
  const tokens = md().parse(source ?? "", {});
  const out: PlainBlock[] = [];
  // One entry per open list: ordered lists count their items.
  const lists: { ordered: boolean; next: number }[] = [];
  let pendingMarker: { marker: string; depth: number } | null = null;
  let inHeading = false;

  for (const t of tokens) {
    switch (t.type) {
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(t.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const list = lists[lists.length - 1];
        const marker = list?.ordered ? `${list.next++}.` : "\u2022";
        pendingMarker = { marker, depth: Math.max(0, lists.length - 1) };
        break;
      }
      case "heading_open":
        inHeading = true;
        break;
      case "heading_close":
        inHeading = false;
        break;
      case "code_block":
      case "fence":
        out.push({ kind: "code", text: t.content.replace(/\n$/, "") });
        break;
      case "inline": {
        const text = inlineText(t.children ?? []);
        if (inHeading) out.push({ kind: "heading", text });
        else if (pendingMarker) {
          out.push({ kind: "item", marker: pendingMarker.marker, depth: pendingMarker.depth, text });
          pendingMarker = null;
        } else if (lists.length > 0) {
          // A second paragraph in the same list item: indent it like the item, without a marker.
          out.push({ kind: "item", marker: "", depth: lists.length - 1, text });
        } else out.push({ kind: "paragraph", text });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

type InlineToken = { type: string; content: string; attrGet(name: string): string | number | null };

function inlineText(children: InlineToken[]): string {
  let text = "";
  let linkHref: string | null = null;
  let linkText = "";
  for (const c of children) {
    const piece =
      c.type === "text" || c.type === "code_inline" || c.type === "html_inline"
        ? c.content
        : c.type === "softbreak"
          ? " "
          : c.type === "hardbreak"
            ? "\n"
            : "";
    if (c.type === "link_open") {
      linkHref = String(c.attrGet("href") ?? "");
      linkText = "";
      continue;
    }
    if (c.type === "link_close") {
      const shown = linkText;
      const href = linkHref ?? "";
      const bare = href.replace(/^mailto:/i, "");
      text += shown === href || shown === bare || !href ? shown : `${shown} (${bare})`;
      linkHref = null;
      continue;
    }
    if (linkHref !== null) linkText += piece;
    else text += piece;
  }
  return text;
}

/** Markdown → plain text (blocks separated by blank lines), for emails and search snippets. */
export function markdownToPlainText(source: string): string {
  return markdownBlocks(source)
    .map((b) => (b.kind === "item" ? `${"  ".repeat(b.depth)}${b.marker ? b.marker + " " : "  "}${b.text}` : b.text))
    .join("\n\n");
}
