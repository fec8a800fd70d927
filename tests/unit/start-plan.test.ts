import { describe, expect, it } from "vitest";
import { planStart } from "../../scripts/lib/start-plan";

const REAL = "postgresql://ict@db.example.org:5432/ict";

describe("planStart (npm start / npm run dev)", () => {
  it.each([
    // [env, flags, seeds the demo, refuses]
    [{}, [], true, false], // the embedded demo
    [{}, ["--dev"], true, false],
    [{ DATABASE_URL: REAL }, [], false, true], // a real database: no demo, and NEXTAUTH_URL required
    [{ DATABASE_URL: REAL, NEXTAUTH_URL: "https://ict.example.org" }, [], false, false],
    [{ DATABASE_URL: REAL, NEXTAUTH_URL: "https://ict.example.org" }, ["--demo"], true, false], // asked for explicitly
    [{ DATABASE_URL: REAL, NEXTAUTH_URL: "https://ict.example.org", SEED_DEMO: "1" }, [], true, false],
    [{ DATABASE_URL: REAL, NEXTAUTH_URL: "https://ict.example.org", SEED_DEMO: "0" }, [], false, false],
    [{ DATABASE_URL: REAL }, ["--dev"], false, false], // development against one's own database
    [{ NODE_ENV: "production" }, [], true, true], // production on the embedded database
    [{ NODE_ENV: "production" }, ["--dev"], true, true],
    [{ NODE_ENV: "production", NEXTAUTH_URL: "https://ict.example.org" }, [], true, false],
    [{ DEMO_MODE: "0" }, [], true, true], // the embedded database, but not the demo
  ] as const)("%j %j → seed %s, refuse %s", (env, flags, seeds, refuses) => {
    const plan = planStart(env as NodeJS.ProcessEnv, flags);
    expect(plan.seedDemo).toBe(seeds);
    expect(plan.refusal !== null).toBe(refuses);
    if (refuses) expect(plan.refusal).toMatch(/^NEXTAUTH_URL is not set\./);
  });
});
