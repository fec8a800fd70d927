// `npm run audit:verify`: recomputes every audit hash chain, checks each against its signed anchors, and
// names the first broken link. Prints "OK: N events in M chains verified …" or "BROKEN: chain … seq … id …
// reason" (exit 1). Leaves each intact chain's checkpoint at its end (and records a break), which is what
// the audit page checks from. Uses DATABASE_URL, or the embedded database under .data/ when it is unset
// (see scripts/lib/database.ts).
//   --anchor <file>  also check against anchors held outside the database: a DPO's digest email saved as
//                    a file, or the anchor block from it (docs/decisions/0024-anchored-audit-chains.md)
//   --chain <id>     check one chain only (a school's chain is the school's id)
import fs from "node:fs";
import { withDatabase } from "./lib/database";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

async function main() {
  const anchorFile = option("--anchor");
  const chain = option("--chain");
  const code = await withDatabase(async () => {
    // Imported after DATABASE_URL is known: lib/db reads it on first use.
    const { verifyAuditLog } = await import("../lib/audit/verify");
    const { decodeAnchorText } = await import("../lib/audit/anchor-file");
    const { db } = await import("../lib/db");
    try {
      const external = anchorFile ? decodeAnchorText(fs.readFileSync(anchorFile, "utf8")) : [];
      const scope = chain ? { chain } : {};
      const [chains, anchors] = await Promise.all([
        chain ? 1 : (await db.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } })).length,
        db.auditAnchor.count({ where: scope }),
      ]);
      const { checked, broken } = await verifyAuditLog(chain, new Date(), { anchors: external });
      if (broken) {
        console.log(`BROKEN: chain ${broken.chain} seq ${broken.seq} id ${broken.id || "-"} ${broken.reason}`);
        return 1;
      }
      const held = anchorFile ? ` and ${external.filter((a) => !chain || a.chain === chain).length} from ${anchorFile}` : "";
      console.log(`OK: ${checked} events in ${chains} chain${chains === 1 ? "" : "s"} verified, against ${anchors} stored anchor${anchors === 1 ? "" : "s"}${held}`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  });
  process.exit(code);
}

main().catch((e) => {
  console.error("audit:verify could not run:", e instanceof Error ? e.message : e);
  process.exit(2);
});
