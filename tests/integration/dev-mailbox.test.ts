import { describe, it, expect, afterEach, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { db } from "../support/owner-db";
import DevMailbox from "@/app/dev/mailbox/page";
import { mailboxVisible } from "@/lib/mail/mailbox";
import { sendMail, mailDestination } from "@/lib/mail/send";
import { testSession } from "../support/session";

// The mailbox shows sign-in links: only the embedded demo (PGLITE=1 and DEMO_MODE=1, which only
// scripts/start.ts sets together) without SMTP, and only to a request whose TCP peer is this machine.
afterEach(() => vi.unstubAllEnvs());

const demo = () => {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("PGLITE", "1");
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("SMTP_URL", "");
};
const subject = () => `Your sign-in link ${Math.random().toString(36).slice(2)}`;
const digestOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "rendered";
  } catch (e) {
    return String((e as { digest?: string }).digest);
  }
};

describe("who may see /dev/mailbox", () => {
  it.each([
    // [env, X-Forwarded-For (right-most = TCP peer), visible]
    [{ PGLITE: "1", DEMO_MODE: "1" }, "127.0.0.1", true],
    [{ PGLITE: "1", DEMO_MODE: "1" }, "::1", true],
    [{ PGLITE: "1", DEMO_MODE: "1" }, "::ffff:127.0.0.1", true],
    [{ PGLITE: "1", DEMO_MODE: "1" }, "192.168.1.20", false], // someone on the network
    [{ PGLITE: "1", DEMO_MODE: "1" }, "127.0.0.1, 192.168.1.20", false], // …pretending to be local
    [{ PGLITE: "1", DEMO_MODE: "1", SMTP_URL: "smtp://mail.example.org" }, "127.0.0.1", false],
    [{ PGLITE: "", DEMO_MODE: "1" }, "127.0.0.1", false], // a real DATABASE_URL with DEMO_MODE
    [{ PGLITE: "1", DEMO_MODE: "0" }, "127.0.0.1", false], // the browser tests' server
    [{ PGLITE: "", DEMO_MODE: "" }, "127.0.0.1", false],
  ] as const)("%j from %s → %s", (env, xff, visible) => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SMTP_URL", "");
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    expect(mailboxVisible(xff)).toBe(visible);
  });

  it("is hidden when our server did not append the TCP peer (bare `next start`)", () => {
    demo();
    vi.stubEnv("ICT_SOCKET_PEER_IN_XFF", "");
    expect(mailboxVisible("127.0.0.1")).toBe(false);
  });
});

describe("the /dev/mailbox page", () => {
  it("answers 404 to a peer that is not this machine, even in the demo", async () => {
    demo();
    await sendMail({ to: "someone@example.org", subject: subject(), text: "https://example.org/magic?token=secret" });
    testSession.headers = { "x-forwarded-for": "127.0.0.1, 203.0.113.50" };
    expect(await digestOf(DevMailbox())).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });

  it("answers 404 on a real database, even from this machine", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("PGLITE", "");
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("SMTP_URL", "");
    testSession.headers = { "x-forwarded-for": "127.0.0.1" };
    expect(await digestOf(DevMailbox())).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });

  it("shows the mail sent so far to this machine in the demo (rendered per request)", async () => {
    demo();
    testSession.headers = { "x-forwarded-for": "::1" };
    const s = subject();
    await sendMail({ to: "laura@example.org", subject: s, text: "Sign in: http://localhost/magic?token=abc" });
    const html = renderToStaticMarkup((await DevMailbox()) as ReactElement);
    expect(html).toContain(s);
    expect(html).toContain("To laura@example.org");
    expect(html).toContain("token=abc");
  });
});

describe("where mail goes without SMTP", () => {
  const rows = (to: string) => db.devMail.count({ where: { to } });

  it("the embedded demo: the dev mailbox", async () => {
    demo();
    const to = `demo-${Date.now()}@example.org`;
    expect(mailDestination()).toBe("dev-mailbox");
    await sendMail({ to, subject: "Hello", text: "Body" });
    expect(await rows(to)).toBe(1);
  });

  it("production on a real database (DEMO_MODE=1 or not): refuses, stores nothing", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("PGLITE", "");
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("SMTP_URL", "");
    const to = `prod-${Date.now()}@example.org`;
    await expect(sendMail({ to, subject: "Hello", text: "Body" })).rejects.toThrow(/SMTP_URL is not configured/);
    expect(await rows(to)).toBe(0);
  });

  it("development on a real database: the console only, stored nowhere", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("PGLITE", "");
    vi.stubEnv("SMTP_URL", "");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const to = `dev-${Date.now()}@example.org`;
    await sendMail({ to, subject: "Hello", text: "Body" });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(to));
    expect(await rows(to)).toBe(0);
    log.mockRestore();
  });
});
