import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "../support/owner-db";
import { pdfsig } from "../support/pdfsig";
import { policyWorld, teacherSigned, type PolicyWorld } from "./policies-world";

// Calls services directly, below the entry points that set the row-level security scope (decision 0025).

// scripts/seal-worker.ts as scripts/serve.mjs starts it: its own process, at a lower priority, sealing
// what signing queued, and gone when the server that started it goes (decision 0026).
const ROOT = path.resolve(__dirname, "../..");
const sealDir = fs.mkdtempSync(path.join(os.tmpdir(), "ict-seal-worker-"));
let w: PolicyWorld;
let child: ChildProcess | null = null;

beforeAll(async () => {
  w = await policyWorld();
});
afterAll(() => {
  child?.kill("SIGKILL");
  fs.rmSync(sealDir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the sealing worker process", () => {
  it("seals a new declaration's two PDFs at nice 10, and stops when its server's channel closes", async () => {
    const declarationId = await teacherSigned(w);
    expect(await db.sealedDocument.count({ where: { declarationId } })).toBe(0);

    let output = "";
    child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts", "seal-worker.ts")], {
      cwd: ROOT,
      env: { ...process.env, SEAL_DIR: sealDir, SEAL_P12_PATH: "", SEAL_WORKER_SCHOOL_ID: w.a.id, SEAL_POLL_MS: "200", NEXTAUTH_URL: "https://ict.example.org" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((r) => child!.on("exit", (code) => r(code)));

    const sealed = await until("both parts sealed", async () => {
      const rows = await db.sealedDocument.findMany({ where: { declarationId }, orderBy: { part: "asc" } });
      return rows.length === 2 ? rows : null;
    });
    expect(os.getPriority(child.pid!)).toBe(10);
    expect(output).toContain("nice 10");
    expect(sealed.map((s) => s.part)).toEqual([1, 2]);
    expect(await pdfsig(sealed[0].bytes)).toContain("Signature Validation: Signature is Valid.");
    const events = await db.auditEvent.count({ where: { schoolId: w.a.id, action: "declaration.sealed", entityId: declarationId } });
    expect(events).toBe(2);

    child.disconnect();
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 15_000))])).toBe(0);
    child = null;
  });
});
