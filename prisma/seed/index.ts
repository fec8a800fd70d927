// Demo data for a fresh database: `npm run db:seed` (and `npm start` on first run).
// It adds nothing when the database already has an organisation, so running it twice is safe.
// Run with the react-server condition (lib/ modules import "server-only"):
//   DATABASE_URL=… tsx --conditions=react-server prisma/seed/index.ts
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { seedDemo } from "./demo";
import { seedPolicies } from "./policies";
import { seedIncidents } from "./incidents";
import { DEMO_PASSWORD } from "./people";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. Use `npm run db:seed`, which also knows the embedded database.");
    process.exit(2);
  }
  // One connection: enough for a script, and what the embedded PGlite needs.
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    const existing = await db.organisation.count();
    if (existing > 0) {
      console.log(`The database already has ${existing} organisation(s): demo data not added.`);
      return;
    }
    const t = Date.now();
    const s = await seedDemo(db);
    await seedPolicies(db);
    await seedIncidents(db);
    await (await import("./equipment")).seedEquipment(db);
    console.log(
      `Demo data added in ${((Date.now() - t) / 1000).toFixed(1)}s: ${s.organisations} organisations, ${s.schools} schools, ` +
        `${s.people} people, ${s.memberships} memberships, ${s.orgRoles} organisation roles. Password for every demo account: ${DEMO_PASSWORD}`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error("Seeding failed:", e);
  process.exit(1);
});
