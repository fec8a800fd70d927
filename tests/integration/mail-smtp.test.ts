import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { db } from "../support/owner-db";
import { requestMagicLinkAction } from "@/lib/auth/actions";
import { signInWithMagicLink } from "@/lib/auth/sign-in";
import { sendMail } from "@/lib/mail/send";
import { drainMailRequests } from "@/lib/auth/mail-runner";
import { makePerson } from "../support/fixtures";
import { startSmtp, bodyOf, mailTo } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeEach(async () => {
  smtp = await startSmtp();
  mailTo(smtp.url);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await smtp.close();
});

describe("mail over SMTP", () => {
  it("requestMagicLink delivers the link to the person through the SMTP server, not the dev mailbox", async () => {
    const person = await makePerson();
    const res = await requestMagicLinkAction({ email: person.email });
    expect(res).toEqual({ ok: true, data: undefined });
    // The request only recorded the ask; the mail runner sends it.
    expect(smtp.received).toHaveLength(0);
    await drainMailRequests({ email: person.email });

    expect(smtp.received).toHaveLength(1);
    const [msg] = smtp.received;
    expect(msg.to).toEqual([person.email]);
    expect(msg.from).toBe("ict@school.example");
    expect(msg.raw).toMatch(/^Subject: Your sign-in link\r?$/m);
    const body = bodyOf(msg.raw);
    const token = body.match(/https:\/\/ict\.example\.test\/magic\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    expect(await db.devMail.count({ where: { to: person.email } })).toBe(0);

    // The link that went out is the one that signs in.
    expect((await signInWithMagicLink(token!, null)).id).toBe(person.id);
  });

  it("follows a change of SMTP_URL: a second server gets the next message (no stale cached transport)", async () => {
    const first = await makePerson();
    await sendMail({ to: first.email, subject: "One", text: "to the first server" });
    expect(smtp.received.map((m) => m.to)).toEqual([[first.email]]);

    const second = await startSmtp();
    try {
      vi.stubEnv("SMTP_URL", second.url);
      const other = await makePerson();
      await sendMail({ to: other.email, subject: "Two", text: "to the second server" });
      expect(second.received.map((m) => m.to)).toEqual([[other.email]]);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("when the SMTP server cannot be reached, the request answers as always, the runner keeps the error and sends later", async () => {
    const person = await makePerson();
    await smtp.close();
    smtp = await startSmtp();
    const deadUrl = smtp.url;
    await smtp.close();
    smtp = await startSmtp(); // for afterEach to close
    vi.stubEnv("SMTP_URL", deadUrl);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await requestMagicLinkAction({ email: person.email });
    expect(res).toEqual({ ok: true, data: undefined });
    await drainMailRequests({ email: person.email });
    expect(await db.devMail.count({ where: { to: person.email } })).toBe(0);
    const [req] = await db.mailRequest.findMany({ where: { email: person.email } });
    expect(req).toMatchObject({ attempts: 1, doneAt: null, error: expect.stringMatching(/ECONNREFUSED|connect/i) });

    // Once the server is back, the next round (after the back-off) delivers it.
    vi.stubEnv("SMTP_URL", smtp.url);
    await drainMailRequests({ email: person.email, now: new Date(Date.now() + 60_000) });
    expect(smtp.received.map((m) => m.to)).toEqual([[person.email]]);
    expect(await db.mailRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ attempts: 2, doneAt: expect.any(Date) });
    vi.restoreAllMocks();
  });
});
