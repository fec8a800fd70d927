// `npm run db:migrate` (prisma migrate deploy) and `npm run db:seed` (demo data, only into an empty database;
// `-- --demo` for a DATABASE_URL of one's own),
// against DATABASE_URL or, when it is unset, the embedded database under .data/.
import { withDatabase } from "./lib/database";
import { bin, run, runTs, toolEnv } from "./lib/run";

const command = process.argv[2];

async function main() {
  if (command !== "migrate" && command !== "seed") {
    console.error("usage: tsx scripts/db.ts migrate|seed");
    process.exit(2);
  }
  await withDatabase(
    async () => {
      if (command === "migrate") await run(bin("prisma"), ["migrate", "deploy"], { env: toolEnv() });
      // --demo (or SEED_DEMO=1) is needed for a database of one's own: prisma/seed/index.ts says so.
      else await runTs("prisma/seed/index.ts", process.argv.slice(3), { env: toolEnv() });
    },
    { create: command === "migrate" },
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
