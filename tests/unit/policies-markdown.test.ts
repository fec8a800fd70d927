import { describe, it, expect } from "vitest";
import { renderMarkdown, markdownBlocks, markdownToPlainText } from "@/lib/markdown/render";

describe("renderMarkdown", () => {
  it("renders ordinary markdown", () => {
    const html = renderMarkdown("Use **strong** passwords.\n\n- one\n- two\n\n# Heading");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<li>one</li>");
    // The page has h1 and h2 already: section headings start at h3.
    expect(html).toContain("<h3>Heading</h3>");
  });

  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src="x" onerror="alert(1)">', "<img"],
    ["![tracker](https://evil.example/p.png)", "<img"],
    ["[x](javascript:alert(1))", 'href="javascript'],
    ["[x](JAVASCRIPT:alert(1))", "href="],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)", "href="],
    ["[x](vbscript:msgbox)", "href="],
    ["[x](/relative/path)", "href="],
    ['<a href="https://example.org">x</a>', '">x</a>'],
    ["<iframe src=https://evil.example></iframe>", "<iframe"],
  ])("never lets through %j", (source, forbidden) => {
    expect(renderMarkdown(source).toLowerCase()).not.toContain(forbidden.toLowerCase());
  });

  it("keeps http(s) and mailto links, with rel set", () => {
    expect(renderMarkdown("[guide](https://example.org/a?b=1&c=2)")).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">guide</a>',
    );
    expect(renderMarkdown("[DSL](mailto:dsl@school.example)")).toContain('href="mailto:dsl@school.example"');
    expect(renderMarkdown("see https://example.org")).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">');
  });
});

describe("markdownBlocks", () => {
  it("gives plain text blocks for the PDF", () => {
    expect(markdownBlocks("## Rules\n\nUse **strong** passwords and [the guide](https://example.org).\n\n1. First\n2. Second\n   - nested\n\n```\ncode\n```")).toEqual([
      { kind: "heading", text: "Rules" },
      { kind: "paragraph", text: "Use strong passwords and the guide (https://example.org)." },
      { kind: "item", marker: "1.", depth: 0, text: "First" },
      { kind: "item", marker: "2.", depth: 0, text: "Second" },
      { kind: "item", marker: "\u2022", depth: 1, text: "nested" },
      { kind: "code", text: "code" },
    ]);
  });

  it("keeps raw HTML as visible text, and mailto links as the address", () => {
    expect(markdownToPlainText("<b>bold</b> [DSL](mailto:dsl@school.example)")).toBe("<b>bold</b> DSL (dsl@school.example)");
  });
});
