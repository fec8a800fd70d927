// The app's HTTP server: Next's request handler behind a plain node:http server that appends the TCP
// peer's address to X-Forwarded-For. `next start` does not (it only sets the header when the client sent
// none: scripts/check-next-xff.mjs), so without this the right-most entry is whatever the client wrote.
// lib/http/client-ip.ts believes the header only when ICT_SOCKET_PEER_IN_XFF=1, which only this sets.
// Used by `npm start`, `npm run dev` (scripts/start.ts) and the browser tests (playwright.config.ts).
//   node scripts/serve.mjs [--dev] [-p PORT] [-H HOST] [--dir APP_DIR]
import http from "node:http";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const dev = args.includes("--dev");
const port = Number(option("-p", process.env.PORT || 3000));
const hostname = option("-H", undefined);
process.env.NODE_ENV ??= dev ? "development" : "production";
process.env.ICT_SOCKET_PEER_IN_XFF = "1";

const { default: next } = await import("next");
const dir = path.resolve(option("--dir", path.join(path.dirname(fileURLToPath(import.meta.url)), "..")));
// The .env files, as Next reads them, before deciding where PDFs are sealed.
(await import("@next/env")).default.loadEnvConfig(dir, dev);
const sealWorker = sealWorkerProcess();
const app = next({ dev, dir, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();
sealWorker?.start();

const server = http.createServer((req, res) => {
  // Node joins repeated X-Forwarded-For headers with ", "; the peer goes last, always.
  const sent = req.headers["x-forwarded-for"];
  const peer = req.socket.remoteAddress ?? "unknown";
  req.headers["x-forwarded-for"] = sent ? `${sent}, ${peer}` : peer;
  handle(req, res).catch((e) => {
    console.error("request failed", e);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => console.log(`▲ listening on http://${hostname ?? "localhost"}:${port} (${dev ? "dev" : "production"})`));

/**
 * Declaration PDFs are sealed in a process of their own (scripts/seal-worker.ts, docs/decisions/0026),
 * not on this server's event loop, when the app runs on a real PostgreSQL in production. Not in
 * development, not on the embedded database (it serves one connection: a second process would share
 * it), not with JOBS_DISABLED=1, nor with SEAL_WORKER=inline: then instrumentation.ts seals in-process.
 */
function sealWorkerProcess() {
  if (dev || process.env.PGLITE === "1" || process.env.JOBS_DISABLED === "1" || process.env.SEAL_WORKER === "inline") return null;
  // The worker is TypeScript run by tsx (as `npm start` itself is): without it, seal in-process.
  try {
    import.meta.resolve("tsx");
  } catch {
    console.error("seal worker: tsx is not installed, so PDFs are sealed inside the app's process");
    return null;
  }
  process.env.ICT_SEAL_WORKER_PROCESS = "1";
  let child = null;
  let stopping = false;
  const start = () => {
    // The IPC channel is how it knows this server has gone, however it went.
    child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(dir, "scripts", "seal-worker.ts")], {
      cwd: dir,
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      console.error(`seal worker exited (${signal ?? code}); starting another in 5 s`);
      setTimeout(() => !stopping && start(), 5_000).unref();
    });
  };
  return {
    start,
    stop() {
      stopping = true;
      child?.kill("SIGTERM");
    },
  };
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    sealWorker?.stop();
    server.close();
    void app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
