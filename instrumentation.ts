// Next calls register() once when a server instance starts. It starts the hourly check for daily jobs
// (lib/jobs), which run on Postgres itself: no second service (docs/decisions/0004-jobs-on-postgres.md).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file while prerendering; jobs belong to running servers only.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Sign-in and password links asked for on the public forms are sent from here, off the request path
  // (lib/auth/mail-runner.ts): they are how people get in, so JOBS_DISABLED does not stop them.
  const { startMailRunner } = await import("./lib/auth/mail-runner");
  startMailRunner();
  // For e2e runs and one-off processes that must not send mail.
  if (process.env.JOBS_DISABLED === "1") return;
  const { startScheduler } = await import("./lib/jobs/scheduler");
  startScheduler();
  // Seals declaration PDFs queued by signing (lib/seal, docs/decisions/0013-sealed-pdfs.md), unless
  // scripts/serve.mjs runs the sealing in a process of its own (decision 0026).
  if (process.env.ICT_SEAL_WORKER_PROCESS === "1") return;
  const { startSealWorker } = await import("./lib/seal/worker");
  startSealWorker();
}
