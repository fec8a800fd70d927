import { describe, it, expect, beforeAll } from "vitest";
import { identityFrom } from "@/lib/sso/providers";
import { sealLinkIntent, openLinkIntent, LINK_TTL_SECONDS } from "@/lib/sso/link-intent";

const TID = "72F988BF-86F1-41AF-91AB-2D7CD011DB47";
const ISS = `https://login.microsoftonline.com/${TID.toLowerCase()}/v2.0`;

describe("identityFrom: what each provider's claims say", () => {
  it.each([
    ["Entra, verified", "azure-ad", { sub: "s1", iss: ISS, tid: TID, email: "A@School.org.uk", email_verified: true }, { kind: "ENTRA", tenant: TID.toLowerCase(), subject: "s1", email: "a@school.org.uk", emailVerified: true }],
    ["Entra, xms_edov", "azure-ad", { sub: "s1", iss: ISS, tid: TID, email: "a@school.org.uk", xms_edov: true }, { emailVerified: true }],
    ["Entra, no verification claim", "azure-ad", { sub: "s1", iss: ISS, tid: TID, email: "a@school.org.uk" }, { emailVerified: false }],
    ["Entra: an issuer naming another tenant means no tenant", "azure-ad", { sub: "s1", tid: TID, iss: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0" }, { tenant: null }],
    ["Entra: no issuer, no tenant", "azure-ad", { sub: "s1", tid: TID }, { tenant: null }],
    ["Entra ignores hd", "azure-ad", { sub: "s1", hd: "school.org.uk" }, { tenant: null }],
    ["Google Workspace", "google", { sub: "g1", hd: "School.org.uk", email: "a@school.org.uk", email_verified: "true" }, { kind: "GOOGLE", tenant: "school.org.uk", emailVerified: true }],
    ["Google ignores xms_edov", "google", { sub: "g1", hd: "school.org.uk", xms_edov: true }, { emailVerified: false }],
    ["personal Gmail: no tenant", "google", { sub: "g1", email: "a@gmail.com", email_verified: true }, { tenant: null }],
    ["the test issuer reads tid", "oidc-test", { sub: "t1", tid: "tenant-a" }, { kind: "ENTRA", tenant: "tenant-a" }],
    ["an over-long email is dropped", "azure-ad", { sub: "s1", iss: ISS, tid: TID, email: `${"a".repeat(250)}@x.uk` }, { email: null }],
  ])("%s", (_name, provider, claims, expected) => {
    expect(identityFrom(provider, claims)).toMatchObject({ provider, ...expected });
  });

  it.each([
    ["an unknown provider", "github", { sub: "x", tid: TID }],
    ["no subject", "azure-ad", { tid: TID }],
    ["a blank subject", "azure-ad", { sub: "  ", tid: TID }],
    ["no claims", "azure-ad", undefined],
  ])("none for %s", (_name, provider, claims) => {
    expect(identityFrom(provider, claims as Record<string, unknown> | undefined)).toBeNull();
  });
});

describe("the link intent cookie", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdefghijklmnop";
  });
  const intent = { personId: "p1", sessionId: "s1", provider: "azure-ad" };

  it("opens what it sealed, within its lifetime only", () => {
    const now = Date.now();
    const sealed = sealLinkIntent(intent, now);
    expect(openLinkIntent(sealed, now + 1000)).toEqual(intent);
    expect(openLinkIntent(sealed, now + LINK_TTL_SECONDS * 1000 + 1)).toBeNull();
  });

  it("refuses anything altered or made up", () => {
    const sealed = sealLinkIntent(intent);
    const [body, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...intent, personId: "p2", exp: Date.now() + 60_000 })).toString("base64url");
    // The MAC's first character carries six whole bits (its last carries only four): change it for another.
    const alteredMac = (mac[0] === "A" ? "B" : "A") + mac.slice(1);
    for (const v of [`${forged}.${mac}`, `${body}.${alteredMac}`, body, "", "x.y", null, undefined, "a".repeat(2000)]) expect(openLinkIntent(v)).toBeNull();
  });
});
