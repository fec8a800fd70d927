import { describe, it, expect } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/messages";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackUrl("/s/oakfield/people?leavers=1")).toBe("/s/oakfield/people?leavers=1");
    expect(safeCallbackUrl("/")).toBe("/");
  });
  it.each([
    null,
    "",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r//evil.example",
    "javascript:alert(1)",
  ])("sends %j home instead of off the site", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });
});
