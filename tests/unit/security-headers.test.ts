// Issue 6, point 8: Strict-Transport-Security in production whenever the public URL is https.
import { describe, it, expect, afterEach, vi } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

const hsts = () => proxy(new NextRequest("https://ict.example.test/signin")).headers.get("strict-transport-security");

afterEach(() => vi.unstubAllEnvs());

describe("HSTS (proxy.ts)", () => {
  it("is sent in production when the public URL is https, for two years and subdomains", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test");
    expect(hsts()).toBe("max-age=63072000; includeSubDomains");
  });

  it("is not sent when the public URL is http (it would pin a site that has no https)", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    expect(hsts()).toBeNull();
  });

  it("is not sent in development, so a developer's localhost is never pinned", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test");
    expect(hsts()).toBeNull();
  });

  it("sits beside the Content-Security-Policy, which is still set", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test");
    expect(proxy(new NextRequest("https://ict.example.test/")).headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });
});
