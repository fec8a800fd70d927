// `npm run audit:verify`: recomputes every audit hash chain and names the first broken link.
// Prints "OK: N events in M chains verified" or "BROKEN: chain … seq … id … reason" (exit 1). Leaves each
// intact chain's checkpoint at its end (and records a break), which is what the audit page checks from.
// Uses DATABASE_URL, or the embedded database under .data/ when it is unset (see scripts/lib/database.ts).
import { withDatabase } from "./lib/database";

async function main() {
  const code = await withDatabase(async () => {
    // Imported after DATABASE_URL is known: lib/db reads it on first use.
    const { verifyAuditLog } = await import("../lib/audit/verify");
    const { db } = await import("../lib/db");
    try {
      const chains = (await db.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } })).length;
      const { checked, broken } = await verifyAuditLog();
      if (broken) {
        console.log(`BROKEN: chain ${broken.chain} seq ${broken.seq} id ${broken.id} ${broken.reason}`);
        return 1;
      }
      console.log(`OK: ${checked} events in ${chains} chains verified`);
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
