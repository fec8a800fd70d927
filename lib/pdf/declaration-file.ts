import "server-only";
import { sectionsOf } from "@/lib/policies/content";
import { getDeclarationInSchool } from "@/lib/declarations/queries";
import { buildDeclarationPdf, type DeclarationPart, type SealPrint } from "./declaration";

type SchoolRef = { id: string; organisationId: string };

export type StoredDeclaration = NonNullable<Awaited<ReturnType<typeof getDeclarationInSchool>>>;

/** The stored declaration of this school, or null (another school's is null too). */
export function findDeclaration(school: SchoolRef, declarationId: string) {
  return getDeclarationInSchool(school, declarationId);
}

/**
 * The PDF of one declaration, built from the stored rows only (and, for the copy that is sealed, what
 * the seal will be), so the same inputs always give the same bytes. Who may have it is the caller's
 * decision, made before this is called (see the route handler); downloads get the sealed copy (lib/seal).
 */
export async function renderDeclarationPdf(found: StoredDeclaration, part: DeclarationPart, seal?: SealPrint) {
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
    seal,
  });
  return { bytes, fileName: declarationFileName(found, part) };
}

export function declarationFileName(found: StoredDeclaration, part: DeclarationPart): string {
  return `${found.version.title} v${found.version.number} declaration ${found.declaration.typedName} part ${part}.pdf`;
}
