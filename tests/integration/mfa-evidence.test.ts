// Issue 12, point 4: "the declaration evidence records that MFA was used" — through the real sign-in, the
// real second step, the signing action and the PDF route.
import { describe, it, expect, beforeEach, vi } from "vitest";
import { generate } from "otplib";
import { db } from "../support/owner-db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { confirmMfaEnrolmentAction, startMfaEnrolmentAction } from "@/lib/auth/mfa/actions";
import { enrolmentInProgress } from "@/lib/auth/mfa/service";
import { signDeclarationAction } from "@/lib/declarations/actions";
import { GET as declarationPdfRoute } from "@/app/s/[school]/declarations/[declarationId]/pdf/route";
import { setPassword } from "../support/fixtures";
import { signInAs } from "../support/session";
import { pdfPages } from "../support/pdf-text";
import { policyWorld, publishedPolicy, ctxOf } from "./policies-world";

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", "integration-test-secret-for-mfa-0123456789");
});

describe("declaration evidence", () => {
  it("a Headteacher who gave an authenticator code signs: the declaration and its PDF say MFA was used", async () => {
    const w = await policyWorld();
    const { versionId } = await publishedPolicy(await ctxOf(w.headA.person, w.a.slug));
    await setPassword(w.headA.person.id, "correct horse battery staple");
    const user = await signInWithPassword(w.headA.person.email, "correct horse battery staple", null);
    signInAs({ id: w.headA.person.id, sessionId: user.sessionId });

    // Pending: signing is refused and nothing is written.
    const refused = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Helen Head", confirmed: true });
    expect(refused).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await db.declaration.count({ where: { personId: w.headA.person.id } })).toBe(0);

    expect(await startMfaEnrolmentAction({})).toMatchObject({ ok: true });
    const { secret } = (await enrolmentInProgress(w.headA.person))!;
    expect(await confirmMfaEnrolmentAction({ code: await generate({ secret }) })).toMatchObject({ ok: true });

    const res = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Helen Head", confirmed: true });
    expect(res).toMatchObject({ ok: true });
    const declarationId = res.ok ? res.data.declarationId : "";
    expect((await db.declaration.findUniqueOrThrow({ where: { id: declarationId } })).authMethod).toBe("password+totp");

    const pdf = await declarationPdfRoute(new Request(`http://localhost/s/${w.a.slug}/declarations/${declarationId}/pdf?part=2`), {
      params: Promise.resolve({ school: w.a.slug, declarationId }),
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(new Uint8Array(await pdf.arrayBuffer()))).join(" ").replace(/\s+/g, " ");
    expect(text).toContain("Email address and password, then a code from an authenticator app (multi-factor authentication) (password+totp)");
  });
});
