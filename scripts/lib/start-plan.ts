// What `npm start` / `npm run dev` will do, decided from the environment and flags alone (tested as a
// table in tests/unit/start-plan.test.ts).

export type StartPlan = {
  /** No DATABASE_URL: the embedded PGlite under .data/. */
  embedded: boolean;
  /** Add the demo data (the seed itself only ever fills an empty database). */
  seedDemo: boolean;
  /** Real people may use it: a database of one's own, NODE_ENV=production or DEMO_MODE=0. */
  production: boolean;
  /** Why it must not start, in plain words; null when it may. */
  refusal: string | null;
};

export function planStart(env: NodeJS.ProcessEnv, argv: readonly string[]): StartPlan {
  const dev = argv.includes("--dev");
  const embedded = !env.DATABASE_URL;
  // Demo accounts share one published password: only the embedded demo gets them unasked.
  const seedDemo = embedded || argv.includes("--demo") || env.SEED_DEMO === "1";
  const production = env.NODE_ENV === "production" || (!dev && (!embedded || env.DEMO_MODE === "0"));
  const refusal =
    production && !env.NEXTAUTH_URL
      ? [
          "NEXTAUTH_URL is not set.",
          `This is a production start (${!embedded ? "DATABASE_URL is set" : env.NODE_ENV === "production" ? "NODE_ENV=production" : "DEMO_MODE=0"}),`,
          "so the app needs its public address: it goes into the sign-in links in emails and decides whether",
          "the session cookie is Secure. Start it with, for example:",
          "    NEXTAUTH_URL=https://ict.your-school.org.uk npm start",
        ].join("\n")
      : null;
  return { embedded, seedDemo, production, refusal };
}
