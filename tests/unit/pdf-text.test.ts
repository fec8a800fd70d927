import { describe, it, expect, beforeAll } from "vitest";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import { encodable, wrap, asciiEscaped, isFullyEncodable } from "@/lib/pdf/text";
import { contentDisposition, asciiFileName } from "@/lib/pdf/download";
import { describeAuthMethod } from "@/lib/pdf/declaration";

let font: PDFFont;
beforeAll(async () => {
  font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
});

describe("encodable (WinAnsi)", () => {
  it.each([
    ["Plain ASCII", "Plain ASCII"],
    ["“curly” ‘quotes’ – dashes — … • € £ é ñ ß", "“curly” ‘quotes’ – dashes — … • € £ é ñ ß"],
    ["Zoë Ōtani", "Zoë Otani"],
    ["Łukasz Dvořák", "?ukasz Dvorák"], // á is Latin-1; ř is not
    ["李雷 😀", "?? ?"],
    ["no\u00A0break\u200Bzero\u00ADsoft", "no\u00A0breakzerosoft"], // no-break space is in WinAnsi
    ["tab\there\r\nline", "tab    here\nline"],
    ["ctrl\u0007char", "ctrlchar"],
  ])("%j → %j", (input, expected) => {
    const out = encodable(input, font);
    expect(out).toBe(expected);
    expect(() => font.encodeText(out.replace(/\n/g, " "))).not.toThrow();
  });

  it("knows when a text was changed", () => {
    expect(isFullyEncodable("Zoë", font)).toBe(true);
    expect(isFullyEncodable("Zoë 😀", font)).toBe(false);
    expect(asciiEscaped("Zoë 😀")).toBe("Zo\\u00eb \\ud83d\\ude00");
  });
});

describe("wrap", () => {
  it("wraps words to the width and breaks words longer than a line", () => {
    const lines = wrap("one two three four five six seven " + "x".repeat(200), font, 10, 100);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(100);
    expect(lines.join(" ").replace(/ /g, "")).toBe(("onetwothreefourfivesixseven" + "x".repeat(200)));
    expect(wrap("a\n\nb", font, 10, 100)).toEqual(["a", "", "b"]);
  });
});

describe("contentDisposition", () => {
  it.each([
    ["report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ['a "quoted"\r\nname/../x.pdf', `attachment; filename="a-quotedname..x.pdf"; filename*=UTF-8''a%20quotedname..x.pdf`],
    ["Zoë’s AUP.pdf", `attachment; filename="Zoe-s-AUP.pdf"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20AUP.pdf`],
    ["李雷.pdf", `attachment; filename="download.pdf"; filename*=UTF-8''%E6%9D%8E%E9%9B%B7.pdf`],
  ])("%j", (name, expected) => {
    const header = contentDisposition(name);
    expect(header).toBe(expected);
    // Header-safe: printable ASCII only.
    expect(header).toMatch(/^[\x20-\x7E]+$/);
  });

  it("asciiFileName keeps letters, digits, dot, dash and underscore", () => {
    expect(asciiFileName("  ..Hello, World!  ")).toBe("Hello-World");
    expect(asciiFileName("")).toBe("download");
  });
});

describe("describeAuthMethod", () => {
  it("explains known methods and keeps unknown ones as they are", () => {
    expect(describeAuthMethod("password")).toBe("Email address and password (password)");
    expect(describeAuthMethod("saml")).toBe("saml");
  });

  it("says when a second factor was used, and how", () => {
    expect(describeAuthMethod("password+totp")).toBe(
      "Email address and password, then a code from an authenticator app (multi-factor authentication) (password+totp)",
    );
    expect(describeAuthMethod("magic-link+recovery-code")).toContain("then a one-use recovery code (multi-factor authentication)");
    expect(describeAuthMethod("azure-ad+provider")).toContain("then the identity provider's own multi-factor authentication");
    expect(describeAuthMethod("password+sms")).toBe("password+sms");
  });
});
