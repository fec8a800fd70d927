// `npm run audit:verify [-- --anchor <file>] [-- --chain <id>]`: recomputes every audit hash chain, checks
// each against its signed anchors (and a DPO's copy of them, with --anchor), and names the first broken
// link. Prints "OK: N events in M chains verified …" or "BROKEN: chain … seq … id … reason" (exit 1).
// Leaves each intact chain's checkpoint at its end (and records a break), which is what the audit page
// checks from. Options: lib/audit/verify-cli.ts. Uses DATABASE_URL, or the embedded database under .data/
// when it is unset (see scripts/lib/database.ts).
import { withDatabase } from "./lib/database";

async function main() {
  const code = await withDatabase(async () => {
    // Imported after DATABASE_URL is known: lib/db reads it on first use.
    const { auditVerifyCommand } = await import("../lib/audit/verify-cli");
    const { db } = await import("../lib/db");
    try {
      const { code, output } = await auditVerifyCommand(process.argv.slice(2));
      (code === 2 ? console.error : console.log)(output);
      return code;
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
