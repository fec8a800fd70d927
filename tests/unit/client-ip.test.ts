import { afterEach, describe, expect, it, vi } from "vitest";
import { clientIpFrom, parseCidrs, peerIsLoopback, PEER_MARKER } from "@/lib/http/client-ip";

// X-Forwarded-For as the app sees it behind scripts/serve.mjs: whatever the client and any proxies wrote,
// then the TCP peer's address, appended by our server (the right-most entry).
const proxies = parseCidrs("10.0.0.0/8, 192.168.1.5, fd00::/8, 2001:db8:aa::/48");
const on = { trusted: proxies, peerAppended: true };

describe("clientIpFrom", () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    // [X-Forwarded-For, client recorded]
    ["203.0.113.9", "203.0.113.9"], // straight from the client, no header sent
    ["  203.0.113.9  ", "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9", "203.0.113.9"], // forged left-hand entry, peer untrusted
    ["127.0.0.1, 10.0.0.1 , 203.0.113.9", "203.0.113.9"], // forged "proxies" before an untrusted peer
    ["198.51.100.7, 10.0.0.2", "198.51.100.7"], // one trusted proxy
    ["6.6.6.6, 198.51.100.7, 10.1.2.3, 10.0.0.2", "198.51.100.7"], // two trusted proxies; forged entry ignored
    ["6.6.6.6, 198.51.100.7, 192.168.1.5", "198.51.100.7"], // a single trusted address
    ["6.6.6.6, 192.168.1.6", "192.168.1.6"], // the neighbour of a trusted address is not trusted
    ["10.0.0.1, 10.0.0.2", "10.0.0.1"], // only proxies: the left-most is as far as anyone can tell
    ["2001:db8::1", "2001:db8::1"], // IPv6
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["6.6.6.6, 2001:db8::1, fd00::5", "2001:db8::1"], // IPv6 through a trusted IPv6 proxy
    ["6.6.6.6, 2001:db8::7, 2001:db8:aa:1::9", "2001:db8::7"], // /48
    ["6.6.6.6, 2001:db8::7, 2001:db8:ab::9", "2001:db8:ab::9"], // outside the /48
    ["::ffff:203.0.113.9", "203.0.113.9"], // IPv4-mapped IPv6, as a dual-stack socket reports IPv4
    ["198.51.100.7, ::ffff:10.0.0.2", "198.51.100.7"], // a mapped peer matches an IPv4 CIDR
    ["198.51.100.7, ::ffff:a00:2", "198.51.100.7"], // the same in hex
    ["::1", "::1"],
    ["1.2.3.4, garbage, 10.0.0.2", null], // garbage where a proxy should have written: nothing believed
    ["203.0.113.9, garbage", null], // garbage as the peer
    ["203.0.113.9:4711", null], // a port is not an address
    ["999.1.1.1", null],
    ["cafe", null],
    ["....", null],
    ["::::::", null],
    ["<script>alert(1)</script>", null],
    ["", null],
    [" , ,", null],
  ] as const)("%j → %j", (xff, expected) => {
    expect(clientIpFrom(xff, on)).toBe(expected);
  });

  it.each([null, undefined])("returns null without a header (%j)", (h) => {
    expect(clientIpFrom(h, on)).toBeNull();
  });

  it("believes nothing when our server did not append the peer (bare `next start` passes the client's header through)", () => {
    expect(clientIpFrom("203.0.113.9", { trusted: proxies, peerAppended: false })).toBeNull();
    vi.stubEnv(PEER_MARKER, "");
    expect(clientIpFrom("203.0.113.9")).toBeNull();
    vi.stubEnv(PEER_MARKER, "1");
    expect(clientIpFrom("203.0.113.9")).toBe("203.0.113.9");
  });

  it("reads the trusted proxies from TRUSTED_PROXIES (none by default)", () => {
    vi.stubEnv(PEER_MARKER, "1");
    vi.stubEnv("TRUSTED_PROXIES", "");
    expect(clientIpFrom("198.51.100.7, 10.0.0.2")).toBe("10.0.0.2");
    vi.stubEnv("TRUSTED_PROXIES", "10.0.0.0/8");
    expect(clientIpFrom("198.51.100.7, 10.0.0.2")).toBe("198.51.100.7");
  });
});

describe("parseCidrs", () => {
  it.each(["10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0/8", "fd00::/129", "proxy.local", "10.0.0.0/8/8"])("refuses %j", (bad) => {
    expect(() => parseCidrs(bad)).toThrow(/TRUSTED_PROXIES/);
  });

  it("reads a list with spaces and empty entries", () => {
    expect(parseCidrs(" 10.0.0.0/8 ,, ::1 ")).toHaveLength(2);
    expect(parseCidrs(undefined)).toEqual([]);
  });

  it("a /0 trusts every address of its family", () => {
    const all = { trusted: parseCidrs("0.0.0.0/0"), peerAppended: true };
    expect(clientIpFrom("198.51.100.7, 10.0.0.2, 203.0.113.1", all)).toBe("198.51.100.7");
  });
});

describe("peerIsLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["[::1]", true],
    ["203.0.113.9", false],
    ["127.0.0.1, 203.0.113.9", false], // a forged loopback entry to the left of a real peer
    ["::ffff:203.0.113.9", false],
    ["::2", false],
    ["0.0.0.0", false],
    ["localhost", false],
    ["", false],
  ] as const)("%j → %s", (xff, expected) => {
    expect(peerIsLoopback(xff, { peerAppended: true })).toBe(expected);
  });

  it("is false when our server did not append the peer", () => {
    expect(peerIsLoopback("127.0.0.1", { peerAppended: false })).toBe(false);
  });
});
