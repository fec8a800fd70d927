#!/usr/bin/env node
// Adds the lock entries that `npm ci` needs for other platforms' optional binaries.
//
// Why: the npm registry these machines reach does not serve some platform packages (e.g.
// @next/swc-darwin-arm64 answers 404), so npm cannot write them into package-lock.json; `npm ci` then
// refuses the lock ("Missing: @next/swc-darwin-arm64@ from lock file"). Each missing optional dependency
// whose platform is evident from its name gets an entry with its version and os/cpu, so npm skips it on
// Linux without fetching it, exactly as with a lock written where the registry is complete.
//
// Plain Node (it runs before `npm ci` installs anything):
//   node scripts/complete-lockfile.mjs          add what is missing (prints each entry)
//   node scripts/complete-lockfile.mjs --check  exit 1 if anything is missing
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "package-lock.json");
const check = process.argv.includes("--check");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages ?? {};

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix"];
const CPU = { arm64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", gnueabihf: "arm", ppc64: "ppc64", s390x: "s390x", riscv64: "riscv64", loong64: "loong64", wasm32: "wasm32" };

/** os/cpu from a platform package's name (…-darwin-arm64, …-linux-arm-gnueabihf, …-wasm32-wasi), or null. */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (cpu === "wasm32") return { cpu: ["wasm32"] };
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu] };
}

/** Where npm resolves `name` from the package at `from`: the nearest node_modules up the tree. */
function resolved(from, name) {
  let dir = from;
  for (;;) {
    const loc = (dir ? `${dir}/` : "") + `node_modules/${name}`;
    if (packages[loc]) return loc;
    if (!dir) return null;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i === -1 ? "" : dir.slice(0, i);
  }
}

const added = [];
const unknown = [];
for (const [loc, pkg] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (resolved(loc, name)) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) {
      unknown.push(`${name}@${spec} (needed by ${loc || "the project"})`);
      continue;
    }
    const top = `node_modules/${name}`;
    const at = packages[top] ? `${loc}/node_modules/${name}` : top;
    packages[at] = {
      version: spec,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(`${at}@${spec} ${JSON.stringify(platform)}`);
  }
}

for (const u of unknown) console.log(`cannot complete (platform not evident): ${u}`);
if (check) {
  for (const a of added) console.log(`missing: ${a}`);
  process.exit(added.length || unknown.length ? 1 : 0);
}
if (added.length) {
  // npm keeps packages sorted by location.
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))));
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
  for (const a of added) console.log(`added: ${a}`);
}
console.log(`package-lock.json: ${added.length} platform entr${added.length === 1 ? "y" : "ies"} added`);
