import { describe, it, expect, afterEach, vi } from "vitest";
import { clientIpFrom } from "@/lib/http/client-ip";

afterEach(() => vi.unstubAllEnvs());

describe("clientIpFrom", () => {
  it("with one trusted hop, takes the right-most address", () => {
    expect(clientIpFrom("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIpFrom("  203.0.113.9  ", 1)).toBe("203.0.113.9");
  });

  it("ignores addresses the client wrote itself on the left", () => {
    expect(clientIpFrom("1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIpFrom("127.0.0.1,10.0.0.1 , 203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("with two trusted hops, takes the address our outer proxy received the request from", () => {
    expect(clientIpFrom("6.6.6.6, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientIpFrom("198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("returns null when there are fewer entries than trusted hops", () => {
    expect(clientIpFrom("10.0.0.2", 2)).toBeNull();
  });

  it("takes the number of hops from TRUSTED_PROXY_HOPS, 1 by default", () => {
    expect(clientIpFrom("6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
    expect(clientIpFrom("6.6.6.6, 198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
  });

  it("accepts IPv6 addresses", () => {
    expect(clientIpFrom("2001:db8::1", 1)).toBe("2001:db8::1");
    expect(clientIpFrom("::ffff:203.0.113.9", 1)).toBe("::ffff:203.0.113.9");
  });

  it.each([null, undefined, "", " , ,"])("returns null for an empty header %j", (h) => {
    expect(clientIpFrom(h, 1)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])("returns null for a nonsense hop count %s", (hops) => {
    expect(clientIpFrom("203.0.113.9", hops)).toBeNull();
  });

  it.each([
    "not-an-ip",
    "<script>alert(1)</script>",
    "203.0.113.9; DROP TABLE",
    "cafe",
    "deadbeef",
    "....",
    "::::::",
    "999.1.1.1",
    "1.2.3",
    "a".repeat(100),
  ])("rejects garbage %j in the trusted position", (garbage) => {
    expect(clientIpFrom(`203.0.113.9, ${garbage}`, 1)).toBeNull();
  });

  it("does not fall back to a spoofed left entry when the trusted one is garbage", () => {
    expect(clientIpFrom("203.0.113.9, garbage", 1)).not.toBe("203.0.113.9");
  });
});
