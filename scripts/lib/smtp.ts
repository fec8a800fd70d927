// A real SMTP server for the browser tests: the app sends through SMTP_URL exactly as in production, and
// each message lands in a directory as <time>-<n>.eml (raw RFC 822) plus <time>-<n>.json (the envelope).
// e2e/support/mail.ts reads them. The .json is written last, so a reader never sees half a message.
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { freePort } from "./embedded";

export type MailCatcher = { url: string; dir: string; stop: () => Promise<void> };

export async function startMailCatcher(dir: string): Promise<MailCatcher> {
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    banner: "ict-test mail catcher",
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", callback);
      stream.on("end", () => {
        try {
          const name = `${Date.now()}-${String(++n).padStart(4, "0")}`;
          fs.writeFileSync(path.join(dir, `${name}.eml`), Buffer.concat(chunks));
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            receivedAt: new Date().toISOString(),
          };
          fs.writeFileSync(path.join(dir, `${name}.json.tmp`), JSON.stringify(envelope));
          fs.renameSync(path.join(dir, `${name}.json.tmp`), path.join(dir, `${name}.json`));
          callback();
        } catch (e) {
          callback(e as Error);
        }
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
