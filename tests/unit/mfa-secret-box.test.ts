import { describe, it, expect, beforeEach, vi } from "vitest";
import { MfaKeyMissing, openSecret, sealSecret } from "@/lib/auth/mfa/secret-box";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

beforeEach(() => {
  vi.stubEnv("MFA_SECRET_KEY", "");
  vi.stubEnv("NEXTAUTH_SECRET", "unit-test-nextauth-secret");
});

describe("sealed authenticator secrets", () => {
  it("open again for the same person under the same key, and are never the secret in clear", () => {
    const sealed = sealSecret(SECRET, "person-1");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(openSecret(sealed, "person-1")).toBe(SECRET);
    // A fresh IV each time: the same secret never seals to the same text.
    expect(sealSecret(SECRET, "person-1")).not.toBe(sealed);
  });

  it("do not open for another person (copied onto their row)", () => {
    expect(openSecret(sealSecret(SECRET, "person-1"), "person-2")).toBeNull();
  });

  it("do not open under another key; MFA_SECRET_KEY takes precedence over NEXTAUTH_SECRET", () => {
    const sealed = sealSecret(SECRET, "person-1");
    vi.stubEnv("MFA_SECRET_KEY", "a-separate-mfa-key");
    expect(openSecret(sealed, "person-1")).toBeNull();
    expect(openSecret(sealSecret(SECRET, "person-1"), "person-1")).toBe(SECRET);
  });

  it("do not open once a byte is changed, or in another format", () => {
    const sealed = sealSecret(SECRET, "person-1");
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1] ^= 1;
    expect(openSecret(`v1.${raw.toString("base64url")}`, "person-1")).toBeNull();
    expect(openSecret(`v2.${sealed.slice(3)}`, "person-1")).toBeNull();
    expect(openSecret("v1.", "person-1")).toBeNull();
    expect(openSecret(SECRET, "person-1")).toBeNull();
  });

  it("refuse to seal without a key rather than store the secret in clear", () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    expect(() => sealSecret(SECRET, "person-1")).toThrow(MfaKeyMissing);
  });
});
