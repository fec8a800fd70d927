// The app's URLs for policies and declarations, in one place: emails, pages and route handlers agree.
const seg = encodeURIComponent;

/** The signing page of a policy: always shows its latest published version. */
export const signingPath = (schoolSlug: string, policyId: string) => `/s/${seg(schoolSlug)}/policies/${seg(policyId)}/sign`;
export const policyPath = (schoolSlug: string, policyId: string) => `/s/${seg(schoolSlug)}/policies/${seg(policyId)}`;
export const coveragePath = (schoolSlug: string, policyId: string) => `/s/${seg(schoolSlug)}/policies/${seg(policyId)}/coverage`;
export const coverageCsvPath = (schoolSlug: string, policyId: string, scope: "school" | "trust" = "school") =>
  `/s/${seg(schoolSlug)}/policies/${seg(policyId)}/coverage.csv${scope === "trust" ? "?scope=trust" : ""}`;
export const declarationPdfPath = (schoolSlug: string, declarationId: string, part: 1 | 2) =>
  `/s/${seg(schoolSlug)}/declarations/${seg(declarationId)}/pdf?part=${part}`;
export const myDeclarationsPath = (schoolSlug: string) => `/s/${seg(schoolSlug)}/declarations`;
