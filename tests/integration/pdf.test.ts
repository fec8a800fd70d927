import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { signDeclaration } from "@/lib/declarations/service";
import { GET as declarationPdfRoute } from "@/app/s/[school]/declarations/[declarationId]/pdf/route";
import { buildDeclarationPdf, PART_HEADINGS } from "@/lib/pdf/declaration";
import { makeMember } from "../support/fixtures";
import { inScopeOf } from "../support/school-scope";
import { signInAs } from "../support/session";
import { pdfPages } from "../support/pdf-text";
import { policyWorld, publishedPolicy, ctxOf, actAs, TINY_PNG, type PolicyWorld, type Actor } from "./policies-world";

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

const pdfRequest = (slug: string, declarationId: string, part = "1") =>
  declarationPdfRoute(new Request(`http://localhost/s/${slug}/declarations/${declarationId}/pdf?part=${part}`), {
    params: Promise.resolve({ school: slug, declarationId }),
  });

async function signedDeclaration(opts: { title?: string; signaturePng?: string | null } = {}) {
  const head = await ctxOf(w.headA.person, w.a.slug);
  const { versionId, contentHash } = await publishedPolicy(head, {
    over: {
      title: opts.title ?? "Staff Acceptable Use of ICT",
      sections: [
        {
          heading: "Purpose",
          body: "This policy explains **how** staff use ICT.\n\n- Keep passwords private\n- Lock your screen\n\n" + "A long paragraph. ".repeat(400),
        },
      ],
    },
  });
  const teacher = await ctxOf(w.teacherA.person, w.a.slug, "magic-link");
  // As the signing action runs it, in the factory's scope.
  const { declarationId } = await inScopeOf(signDeclaration)(
    teacher,
    { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true, signaturePng: opts.signaturePng === undefined ? TINY_PNG : opts.signaturePng },
    { ip: "203.0.113.20", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)" },
  );
  return { declarationId, contentHash, versionId };
}

describe("declaration PDF route", () => {
  it("gives the signer Part 1 with the text, their typed name, the hash and the evidence", async () => {
    const { declarationId, contentHash } = await signedDeclaration();
    signInAs(w.teacherA.person);
    const res = await pdfRequest(w.a.slug, declarationId, "1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Staff-Acceptable-Use-of-ICT-v1-declaration-Laura-Pemberton-Smith-part-1.pdf"; ` +
        `filename*=UTF-8''Staff%20Acceptable%20Use%20of%20ICT%20v1%20declaration%20Laura%20Pemberton-Smith%20part%201.pdf`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const pages = await pdfPages(bytes);
    const all = pages.join("\n");
    expect(pages.length).toBeGreaterThanOrEqual(4); // the long section wraps onto more pages
    expect(all).toContain("Staff Acceptable Use of ICT");
    expect(all).toContain("Version 1");
    expect(all).toContain(w.a.name);
    expect(all).toContain("Laura Pemberton-Smith");
    expect(all).toContain(contentHash);
    expect(all).toContain(declarationId);
    expect(all).toContain(PART_HEADINGS[1].heading);
    expect(all).not.toContain(PART_HEADINGS[2].heading);
    expect(all).toContain("I will keep my password private.");
    expect(all).toContain("I have read and understood the Staff Acceptable Use of ICT policy and I agree to follow it.");
    expect(all).toContain("203.0.113.20");
    expect(all).toContain("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)");
    expect(all).toContain("One-time sign-in link sent by email (magic-link)");
    expect(all).toContain("Keep passwords private");
    expect(all).not.toContain("**how**");
    // Dates: en-GB in London, and the UTC instant.
    const d = await db.declaration.findUniqueOrThrow({ where: { id: declarationId } });
    expect(all).toContain(d.signedAt.toISOString());
    expect(all).toContain(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(d.signedAt));
    // The last page is the evidence page.
    expect(pages[pages.length - 1]).toContain("Evidence of this declaration");
    expect(pages[pages.length - 1]).toContain(contentHash);
  });

  it("Part 2 (personnel file) for the Headteacher and the Business Manager", async () => {
    const { declarationId } = await signedDeclaration();
    for (const who of [w.headA.person, w.bmA.person]) {
      signInAs(who);
      const res = await pdfRequest(w.a.slug, declarationId, "2");
      expect(res.status).toBe(200);
      const all = (await pdfPages(new Uint8Array(await res.arrayBuffer()))).join("\n");
      expect(all).toContain(PART_HEADINGS[2].heading);
      expect(all).not.toContain(PART_HEADINGS[1].heading);
      expect(all).toContain("Laura Pemberton-Smith");
    }
  });

  it("is the same document every time (built from the stored record only)", async () => {
    const { declarationId } = await signedDeclaration();
    signInAs(w.teacherA.person);
    const a = Buffer.from(await (await pdfRequest(w.a.slug, declarationId)).arrayBuffer());
    const b = Buffer.from(await (await pdfRequest(w.a.slug, declarationId)).arrayBuffer());
    expect(a.equals(b)).toBe(true);
  });

  const REFUSED: [string, (w: PolicyWorld) => Actor, number][] = [
    ["another teacher of the school", (w) => w.taA.person, 403],
    ["the DSL (no declaration:read-any)", (w) => w.dslA.person, 403],
    ["the CEO of the trust", (w) => w.ceo, 403],
    ["the head of a sibling school", (w) => w.headA2.person, 404],
    ["the head of another trust's school", (w) => w.headB.person, 404],
    ["nobody signed in", () => null, 401],
  ];
  it.each(REFUSED)("is refused to %s, with a plain-text body", async (_who, pick, status) => {
    const { declarationId } = await signedDeclaration();
    actAs(pick(w));
    const res = await pdfRequest(w.a.slug, declarationId);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).not.toContain("Laura");
  });

  it("another school's declaration through one's own school is not found; so is a made-up id", async () => {
    const { declarationId } = await signedDeclaration();
    signInAs(w.headB.person);
    expect((await pdfRequest(w.b.slug, declarationId)).status).toBe(404);
    signInAs(w.headA.person);
    expect((await pdfRequest(w.a.slug, "c".repeat(25))).status).toBe(404);
    expect((await pdfRequest(w.a.slug, "x".repeat(500))).status).toBe(404);
    expect((await pdfRequest(w.a.slug, declarationId, "3")).status).toBe(400);
  });

  it("a title with quotes and accents gives a safe file name", async () => {
    const { declarationId } = await signedDeclaration({ title: 'Staff "Use" Policy – Zoë\'s draft/final', signaturePng: null });
    signInAs(w.teacherA.person);
    const cd = (await pdfRequest(w.a.slug, declarationId)).headers.get("content-disposition")!;
    const ascii = cd.match(/filename="([^"]*)"/)![1];
    expect(ascii).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(ascii).toContain("Zoe-s-draftfinal");
    expect(cd).toContain("filename*=UTF-8''Staff%20Use%20Policy%20%E2%80%93%20Zo%C3%AB%27s%20draftfinal");
  });
});

describe("buildDeclarationPdf", () => {
  it("draws names and text the standard font cannot encode without failing", async () => {
    const person = await makeMember(w.a.id, { name: "Zoë 李 O’Brien 😀" });
    const bytes = await buildDeclarationPdf({
      part: 1,
      school: { name: "École “Saint” Ōtani" },
      version: {
        title: "Policy ✓ with emoji 🚀 and Ελληνικά",
        number: 3,
        sections: [{ heading: "Zero\u200Bwidth", body: "Tabs\tand a very long URL https://example.org/" + "a".repeat(300) }],
        statements: ["I will — always — use “quotes” correctly…", "Ünïcödé ŝtatement"],
        approvedBy: "FGB",
        approvedOn: new Date("2026-01-21T00:00:00Z"),
        reviewDue: null,
        publishedAt: new Date("2026-01-22T10:00:00Z"),
      },
      declaration: {
        id: "decl_1",
        typedName: person.person.name,
        consentWording: "I agree — “fully”.",
        signedAt: new Date("2026-06-01T12:34:56.789Z"),
        contentHash: "a".repeat(64),
        policyVersionId: "ver_1",
        ip: null,
        userAgent: null,
        authMethod: "password",
        signaturePng: null,
      },
    });
    const all = (await pdfPages(bytes)).join("\n");
    expect(all).toContain("Zoë ? O’Brien ?");
    expect(all).toContain("“quotes”");
    expect(all).toContain("École “Saint” Otani"); // É is in WinAnsi; Ō is not
    // The exact characters of the name are kept on the evidence page, escaped.
    expect(all).toContain("Zo\\u00eb \\u674e O\\u2019Brien \\ud83d\\ude00");
    // London time in summer is BST.
    expect(all).toContain("1 June 2026 at 13:34:56 BST");
  });
});
