import { describe, it, expect } from "vitest";
import { GET as coverageCsv } from "@/app/s/[school]/policies/[policyId]/coverage.csv/route";
import { GET as declarationPdf } from "@/app/s/[school]/declarations/[declarationId]/pdf/route";
import { signDeclaration } from "@/lib/declarations/service";
import { inSchoolScope } from "@/lib/authz/require";
import { makeMember } from "../support/fixtures";
import { signInAs } from "../support/session";
import { policyWorld, ctxOf, publishedPolicy } from "./policies-world";

// The induction gate holds a new starter at the signing page; the route handlers must hold them too
// (found in review: a new Business Manager could download colleagues' PDFs and the coverage CSV).

const evidence = { ip: "203.0.113.9", userAgent: "vitest" };

describe("route handlers during induction", () => {
  it("refuse a new starter's downloads of other people's data, but let them have their own declaration", async () => {
    const w = await policyWorld();
    const head = await ctxOf(w.headA.person, w.a.slug);
    const first = await publishedPolicy(head, { publishedAt: new Date("2026-01-05T09:00:00Z"), audience: ["TEACHER", "OFFICE"] });
    const second = await publishedPolicy(head, {
      publishedAt: new Date("2026-01-06T09:00:00Z"),
      audience: ["TEACHER", "OFFICE"],
      over: { title: "Mobile phones and cameras" },
    });
    const headsOwn = await inSchoolScope(head, () => signDeclaration(head, { policyVersionId: first.versionId, typedName: w.headA.person.name, signaturePng: null, confirmed: true }, evidence));

    const starter = await makeMember(w.a.id, { roles: ["BUSINESS_MANAGER", "STAFF"], staffGroup: "OFFICE", name: "Nina Newstart", startDate: new Date() });
    const starterCtx = await ctxOf(starter.person, w.a.slug);
    const own = await inSchoolScope(starterCtx, () => signDeclaration(starterCtx, { policyVersionId: first.versionId, typedName: "Nina Newstart", signaturePng: null, confirmed: true }, evidence));
    signInAs(starter.person);

    const csv = await coverageCsv(new Request(`http://localhost/s/${w.a.slug}/policies/${second.policyId}/coverage.csv`), {
      params: Promise.resolve({ school: w.a.slug, policyId: second.policyId }),
    });
    expect(csv.status).toBe(403);
    expect(await csv.text()).toBe('Please read and sign "Mobile phones and cameras" first.');

    const theirs = await declarationPdf(new Request(`http://localhost/s/${w.a.slug}/declarations/${headsOwn.declarationId}/pdf?part=2`), {
      params: Promise.resolve({ school: w.a.slug, declarationId: headsOwn.declarationId }),
    });
    expect(theirs.status).toBe(403);

    const mine = await declarationPdf(new Request(`http://localhost/s/${w.a.slug}/declarations/${own.declarationId}/pdf?part=1`), {
      params: Promise.resolve({ school: w.a.slug, declarationId: own.declarationId }),
    });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("application/pdf");

    // Once everything required is signed, the same person gets the CSV.
    await inSchoolScope(starterCtx, () => signDeclaration(starterCtx, { policyVersionId: second.versionId, typedName: "Nina Newstart", signaturePng: null, confirmed: true }, evidence));
    const after = await coverageCsv(new Request(`http://localhost/s/${w.a.slug}/policies/${second.policyId}/coverage.csv`), {
      params: Promise.resolve({ school: w.a.slug, policyId: second.policyId }),
    });
    expect(after.status).toBe(200);
  });
});
