// A tiny, throw-away Next app (one route that echoes X-Forwarded-For) built and served with the installed
// `next start`, to see what Next's own server does with the header. Run: node scripts/check-next-xff.mjs
// It answers the question behind lib/http/client-ip.ts: does `next start` append the socket address to
// X-Forwarded-For (so the right-most entry is the TCP peer), or only set it when the client sent none?
import fs from "node:fs";
import path from "node:path";
import { spawn, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Inside the project (an ignored folder) so that Turbopack resolves next from its node_modules.
fs.mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
const dir = fs.mkdtempSync(path.join(ROOT, "test-results", "next-xff-"));
const port = Number(process.env.CHECK_PORT ?? 3191);
fs.mkdirSync(path.join(dir, "app", "xff"), { recursive: true });
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true }));
fs.writeFileSync(path.join(dir, "app", "layout.js"), "export default function L({ children }) { return children; }\n");
fs.writeFileSync(
  path.join(dir, "app", "xff", "route.js"),
  `export const dynamic = "force-dynamic";\nexport function GET(req) { return new Response(String(req.headers.get("x-forwarded-for"))); }\n`,
);
const next = path.join(ROOT, "node_modules", ".bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
try {
  execFileSync(next, ["build"], { cwd: dir, env, stdio: "pipe" });
} catch (e) {
  console.error(String(e.stdout), String(e.stderr));
  throw e;
}
// --serve: the same through scripts/serve.mjs (our server), which must append the peer.
const viaServe = process.argv.includes("--serve");
const server = viaServe
  ? spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1", "--dir", dir], { cwd: dir, env, stdio: "ignore" })
  : spawn(next, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, env, stdio: "ignore" });
try {
  let up = false;
  for (let i = 0; i < 60 && !up; i++) {
    await new Promise((r) => setTimeout(r, 500));
    up = await fetch(`http://127.0.0.1:${port}/xff`).then(() => true, () => false);
  }
  if (!up) throw new Error("next start did not answer");
  const ask = async (xff) => (await fetch(`http://127.0.0.1:${port}/xff`, { headers: xff ? { "x-forwarded-for": xff } : {} })).text();
  const none = await ask(null);
  const forged = await ask("6.6.6.6");
  console.log(`no header sent        -> X-Forwarded-For seen by the app: ${none}`);
  console.log(`client sent 6.6.6.6   -> X-Forwarded-For seen by the app: ${forged}`);
  const who = viaServe ? "scripts/serve.mjs" : "next start";
  console.log(forged === "6.6.6.6" ? `RESULT: ${who} does NOT append the socket address; it sets the header only when absent.` : forged === `6.6.6.6, ${none}` ? `RESULT: ${who} appends the socket address.` : "RESULT: unexpected");
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
}
