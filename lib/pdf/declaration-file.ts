import "server-only";
import { sectionsOf } from "@/lib/policies/content";
import { getDeclarationInSchool } from "@/lib/declarations/queries";
import { buildDeclarationPdf, type DeclarationPart } from "./declaration";

type SchoolRef = { id: string; organisationId: string };

export type StoredDeclaration = NonNullable<Awaited<ReturnType<typeof getDeclarationInSchool>>>;

/** The stored declaration of this school, or null (another school's is null too). */
export function findDeclaration(school: SchoolRef, declarationId: string) {
  return getDeclarationInSchool(school, declarationId);
}

/**
 * The PDF of one declaration, built from the stored rows only. Who may have it is the caller's
 * decision, made before this is called (see the route handler).
 */
export async function renderDeclarationPdf(found: StoredDeclaration, part: DeclarationPart) {
  const { declaration: d, version: v } = found;
  const bytes = await buildDeclarationPdf({
    part,
    school: found.school,
    version: {
      title: v.title,
      number: v.number,
      sections: sectionsOf(v.sections),
      statements: v.statements,
      approvedBy: v.approvedBy,
      approvedOn: v.approvedOn,
      reviewDue: v.reviewDue,
      publishedAt: v.publishedAt,
    },
    declaration: {
      id: d.id,
      typedName: d.typedName,
      consentWording: d.consentWording,
      signedAt: d.signedAt,
      contentHash: d.contentHash,
      policyVersionId: d.policyVersionId,
      ip: d.ip,
      userAgent: d.userAgent,
      authMethod: d.authMethod,
      signaturePng: d.signaturePng ? new Uint8Array(d.signaturePng) : null,
    },
  });
  const fileName = `${v.title} v${v.number} declaration ${d.typedName} part ${part}.pdf`;
  return { bytes, fileName };
}
