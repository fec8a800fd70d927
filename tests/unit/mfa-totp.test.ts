import { describe, it, expect } from "vitest";
import { generate } from "otplib";
import {
  checkTotp,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseCode,
  totpUri,
  RECOVERY_CODE_COUNT,
} from "@/lib/auth/mfa/totp";
import { amrOf, providerReportsMfa, rolesRequireMfa } from "@/lib/auth/mfa/rules";

// RFC 6238 Appendix B's SHA-1 key ("12345678901234567890") in Base32, and two of its published values
// (cut to six digits): the library is checked against the standard, not against itself.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe("TOTP codes (RFC 6238)", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
  ])("at %i s the RFC's key gives %s", async (t, code) => {
    expect(await generate({ secret: RFC_SECRET, epoch: t })).toBe(code);
    expect(await checkTotp(RFC_SECRET, code, null, at(t))).toEqual({ ok: true, timeStep: Math.floor(t / 30) });
  });

  const T = 1_796_000_010; // 10 s into a step
  // [offset of the code's time from now (s), accepted?]: one step either side, never two.
  it.each([
    [0, true],
    [-30, true],
    [30, true],
    [-60, false],
    [60, false],
    [-90, false],
    [3600, false],
  ])("a code made %i s away from now: accepted = %s", async (offset, accepted) => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch: T + offset });
    const r = await checkTotp(secret, code, null, at(T));
    expect(r.ok).toBe(accepted);
  });

  it("a code is accepted once: the same or an earlier time step is a replay", async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch: T });
    const first = await checkTotp(secret, code, null, at(T));
    expect(first.ok).toBe(true);
    const step = first.ok ? first.timeStep : 0;
    expect(await checkTotp(secret, code, step, at(T + 5))).toEqual({ ok: false, reason: "replayed" });
    // The previous step's code, still inside the window, is refused too once a later one was used.
    const earlier = await generate({ secret, epoch: T - 30 });
    expect(await checkTotp(secret, earlier, step, at(T))).toEqual({ ok: false, reason: "replayed" });
    // The next step's code is fine.
    const next = await generate({ secret, epoch: T + 30 });
    expect((await checkTotp(secret, next, step, at(T + 30))).ok).toBe(true);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 56x"])("refuses %j as not a code at all", async (code) => {
    expect(await checkTotp(newTotpSecret(), normaliseCode(code), null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("accepts the code typed with spaces (as apps show it), after normalising", async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch: T });
    expect((await checkTotp(secret, normaliseCode(`${code.slice(0, 3)} ${code.slice(3)}`), null, at(T))).ok).toBe(true);
  });

  it("another person's secret does not accept the code", async () => {
    const code = await generate({ secret: newTotpSecret(), epoch: T });
    expect((await checkTotp(newTotpSecret(), code, null, at(T))).ok).toBe(false);
  });

  it("makes 160-bit Base32 secrets, and an otpauth URI naming the issuer and the account", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = totpUri(s, "helen.marsh@demo-trust.org.uk");
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    expect(uri).toContain(`secret=${s}`);
    expect(uri).toContain("issuer=School%20ICT%20governance");
    expect(uri).toContain("helen.marsh%40demo-trust.org.uk");
  });
});

describe("recovery codes", () => {
  it("ten distinct codes of four groups of four, from an alphabet without look-alikes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) {
      expect(c).toMatch(/^[A-HJKMNP-TV-Z2-9]{4}(-[A-HJKMNP-TV-Z2-9]{4}){3}$/);
      expect(looksLikeRecoveryCode(normaliseCode(c))).toBe(true);
    }
  });

  it.each([
    ["abcd-efgh-jkmn-pqrs", "ABCDEFGHJKMNPQRS", true],
    [" ABCD EFGH JKMN PQRS ", "ABCDEFGHJKMNPQRS", true],
    ["ABCD-EFGH-JKMN-PQR", "ABCDEFGHJKMNPQR", false], // too short
    ["ABCD-EFGH-JKMN-PQRO", "ABCDEFGHJKMNPQRO", false], // O is not in the alphabet
    ["123456", "123456", false],
  ])("normalises %j to %s (a recovery code: %s)", (raw, normalised, valid) => {
    expect(normaliseCode(raw)).toBe(normalised);
    expect(looksLikeRecoveryCode(normaliseCode(raw))).toBe(valid);
  });

  it("hashes the normalised code (SHA-256, hex), the same however it was typed", () => {
    const h = hashRecoveryCode(normaliseCode("abcd-efgh-jkmn-pqrs"));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(normaliseCode("ABCD EFGH JKMN PQRS"))).toBe(h);
    expect(hashRecoveryCode(normaliseCode("ABCD-EFGH-JKMN-PQRT"))).not.toBe(h);
  });
});

describe("who must give a second factor", () => {
  it.each([
    [["HEADTEACHER"], [], true],
    [["DSL", "STAFF"], [], true],
    [["BUSINESS_MANAGER"], [], true],
    [["DPO"], [], true],
    [["CHAIR_OF_GOVERNORS", "GOVERNOR"], [], true],
    [["STAFF"], [], false],
    [["DEPUTY_HEAD"], [], false],
    [["DEPUTY_DSL"], [], false],
    [["ICT_LEAD"], [], false],
    [["GOVERNOR"], [], false],
    [[], ["TRUST_ADMIN"], true],
    [[], ["TRUST_ICT_LEAD"], true],
    [[], ["TRUST_DPO"], true],
    [[], ["CEO"], true],
    [[], [], false],
  ] as const)("school roles %j, organisation roles %j: required = %s", (school, org, required) => {
    expect(rolesRequireMfa(school, org)).toBe(required);
  });

  it.each([
    [["pwd", "mfa"], true],
    ["mfa", true],
    [["pwd"], false],
    [["otp"], false],
    [undefined, false],
    [null, false],
    [{ mfa: true }, false],
  ])("provider amr %j reports MFA: %s", (amr, expected) => {
    expect(providerReportsMfa(amr)).toBe(expected);
  });
});

describe("where the amr claim is read from", () => {
  const jwt = (claims: object) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2ln`;
  it.each([
    ["the profile, when it has one", { amr: ["mfa"] }, jwt({ amr: ["pwd"] }), ["mfa"]],
    ["the ID token, when the profile has none (Entra's userinfo)", { email: "a@b.uk" }, jwt({ amr: ["pwd", "mfa"] }), ["pwd", "mfa"]],
    ["neither", { email: "a@b.uk" }, jwt({ sub: "x" }), undefined],
    ["no ID token", {}, undefined, undefined],
    ["a malformed ID token", {}, "not-a-jwt", undefined],
    ["an ID token whose payload is not JSON", {}, "a.bm90IGpzb24.c", undefined],
  ])("from %s", (_what, profile, idToken, expected) => {
    expect(amrOf(profile, idToken)).toEqual(expected);
  });
});
