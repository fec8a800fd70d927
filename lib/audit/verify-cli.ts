import fs from "node:fs";
import { db } from "@/lib/db";
import { knownChains, verifyAuditLog } from "./verify";
import { decodeAnchorText } from "./anchor-file";

// What `npm run audit:verify` does once it has a database (scripts/audit-verify.ts), as a function so the
// tests run the same code in their own process. Exit codes: 0 intact, 1 a break found, 2 could not run.
//   --anchor <file>  also check against anchors held outside the database: a DPO's digest email saved as
//                    a file, or the anchor block from it (docs/decisions/0024-anchored-audit-chains.md)
//   --chain <id>     check one chain only (a school's chain is the school's id)

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

export async function auditVerifyCommand(argv: readonly string[]): Promise<{ code: 0 | 1 | 2; output: string }> {
  let anchorFile: string | undefined;
  let chain: string | undefined;
  let external;
  try {
    anchorFile = option(argv, "--anchor");
    chain = option(argv, "--chain");
    external = anchorFile ? decodeAnchorText(fs.readFileSync(anchorFile, "utf8")) : [];
  } catch (e) {
    return { code: 2, output: `audit:verify could not run: ${e instanceof Error ? e.message : e}` };
  }
  const [chains, anchors] = await Promise.all([
    chain ? 1 : (await knownChains(external)).length,
    db.auditAnchor.count({ where: chain ? { chain } : {} }),
  ]);
  const { checked, broken } = await verifyAuditLog(chain, new Date(), { anchors: external });
  if (broken) return { code: 1, output: `BROKEN: chain ${broken.chain} seq ${broken.seq} id ${broken.id || "-"} ${broken.reason}` };
  const held = anchorFile ? ` and ${external.filter((a) => !chain || a.chain === chain).length} from ${anchorFile}` : "";
  const s = (n: number) => (n === 1 ? "" : "s");
  return { code: 0, output: `OK: ${checked} events in ${chains} chain${s(chains)} verified, against ${anchors} stored anchor${s(anchors)}${held}` };
}
