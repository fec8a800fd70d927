// `npm run setup:organisation`: the first real organisation, its first school and its first administrator
// (who then adds everyone else in the app), with their audit events, on DATABASE_URL (or the embedded
// database). Asks on a terminal; otherwise reads ORG_NAME, ORG_KIND, SCHOOL_NAME, SCHOOL_SLUG, SCHOOL_URN,
// ADMIN_NAME, ADMIN_EMAIL and ADMIN_PASSWORD (optional: without one, sign-in is by emailed link).
import readline from "node:readline";
import { Writable } from "node:stream";
import { withDatabase } from "./lib/database";
import { bin, runQuiet, step, toolEnv } from "./lib/run";
import { firstOrganisationSchema, slugFrom } from "../lib/organisations/schemas";

type Field = { key: keyof typeof ENV; question: string; secret?: boolean; fallback?: (a: Record<string, string>) => string };
const ENV = {
  organisationName: "ORG_NAME",
  kind: "ORG_KIND",
  schoolName: "SCHOOL_NAME",
  schoolSlug: "SCHOOL_SLUG",
  schoolUrn: "SCHOOL_URN",
  adminName: "ADMIN_NAME",
  adminEmail: "ADMIN_EMAIL",
  adminPassword: "ADMIN_PASSWORD",
} as const;
const FIELDS: Field[] = [
  { key: "organisationName", question: "Organisation name (trust, federation, local authority or the school itself)" },
  { key: "kind", question: "Kind: TRUST, FEDERATION, LOCAL_AUTHORITY or STANDALONE", fallback: () => "STANDALONE" },
  { key: "schoolName", question: "First school's name" },
  { key: "schoolSlug", question: "Its short name for web addresses (/s/<short name>)", fallback: (a) => slugFrom(a.schoolName ?? "") },
  { key: "schoolUrn", question: "Its URN (optional)", fallback: () => "" },
  { key: "adminName", question: "Administrator's full name" },
  { key: "adminEmail", question: "Administrator's email address" },
  { key: "adminPassword", question: "Administrator's password (12+ characters; empty: sign in by emailed link)", secret: true, fallback: () => "" },
];

function ask(question: string, secret: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(`${question}: `, (answer) => {
      rl.close();
      if (secret) process.stdout.write("\n");
      resolve(answer);
    });
    muted = secret;
  });
}

async function gather(): Promise<Record<string, string>> {
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  const answers: Record<string, string> = {};
  const missing: string[] = [];
  for (const f of FIELDS) {
    const fromEnv = process.env[ENV[f.key]];
    const suggestion = f.fallback?.(answers);
    if (fromEnv !== undefined) answers[f.key] = fromEnv;
    else if (interactive) {
      const hint = suggestion ? ` [${suggestion}]` : "";
      const a = (await ask(`${f.question}${f.secret ? "" : hint}`, !!f.secret)).trim();
      answers[f.key] = a === "" && suggestion !== undefined ? suggestion : a;
    } else if (suggestion !== undefined) answers[f.key] = suggestion;
    else missing.push(ENV[f.key]);
  }
  if (missing.length) {
    console.error(`Not on a terminal, so the answers come from the environment; missing: ${missing.join(", ")}.`);
    process.exit(2);
  }
  return answers;
}

async function main() {
  const raw = await gather();
  const parsed = firstOrganisationSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${ENV[issue.path[0] as keyof typeof ENV] ?? issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const code = await withDatabase(
    async () => {
      await step("prisma migrate deploy", () => runQuiet(bin("prisma"), ["migrate", "deploy"], { env: toolEnv() }));
      // Imported once DATABASE_URL is known: lib/db reads it on first use.
      const { createFirstOrganisation } = await import("../lib/organisations/service");
      const { DomainError } = await import("../lib/authz/errors");
      const { db } = await import("../lib/db");
      try {
        const out = await createFirstOrganisation(parsed.data);
        const url = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
        console.log(
          [
            `Created ${parsed.data.organisationName} with ${parsed.data.schoolName} (${url}/s/${out.schoolSlug}).`,
            `${parsed.data.adminName} <${parsed.data.adminEmail}> is its administrator: they sign in at ${url}/signin`,
            parsed.data.adminPassword ? "with the password given." : "with an emailed link (SMTP_URL must be set).",
          ].join("\n"),
        );
        return 0;
      } catch (e) {
        if (e instanceof DomainError) {
          console.error(`${e.field ? `${ENV[e.field as keyof typeof ENV] ?? e.field}: ` : ""}${e.message} Nothing was created.`);
          return 1;
        }
        throw e;
      } finally {
        await db.$disconnect();
      }
    },
    { create: true },
  );
  process.exit(code);
}

main().catch((e) => {
  console.error("setup:organisation failed; nothing was created:", e instanceof Error ? e.message : e);
  process.exit(1);
});
