import "server-only";
import { db, type Tx } from "@/lib/db";
import { runInScope } from "@/lib/db/context";

export type Scope = { schoolId: string; personId: string };

/**
 * Runs `fn` in one transaction as the database role ict_app, with the school and the person set for
 * the transaction, so the row-level security policies on the incident tables apply even when the app
 * connects as the tables' owner or a superuser (docs/decisions/0012-incidents-need-to-know.md).
 * SET LOCAL and set_config(…, true) end with the transaction: a pooled connection keeps nothing.
 */
export async function withScope<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!scope.schoolId || !scope.personId) throw new Error("withScope needs a school and a person");
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL ROLE ict_app");
    await tx.$queryRaw`SELECT set_config('app.school_id', ${scope.schoolId}, true), set_config('app.person_id', ${scope.personId}, true)`;
    return fn(tx);
    // The embedded database has one connection: the layout's banner query and the page's own may queue.
  }, { maxWait: 10_000, timeout: 15_000 });
}

/** The scope of a signed-in person acting in a school (lib/authz/access.ts). */
export function scopeOf(ctx: { school: { id: string }; person: { id: string } }): Scope {
  return { schoolId: ctx.school.id, personId: ctx.person.id };
}

/**
 * For the few decisions that must see one person's memberships in every school, whatever school the work
 * is for (may they sign in with a password, must they give a second factor, do they work for another
 * organisation): row-level security shows a person's own memberships only with no school set
 * (membership_own, docs/decisions/0025). Inside a transaction its scope is switched to that person for
 * `fn` and put back after (a transaction is one connection: nothing else runs in it meanwhile);
 * otherwise `fn` runs in that person's scope.
 */
export async function asPerson<T, C extends Tx | typeof db>(client: C, personId: string, fn: (client: C) => Promise<T>): Promise<T> {
  if ((client as unknown) === db) return runInScope({ personId }, () => fn(client));
  return switchedTo(client as Tx, { schoolId: "", personId, organisationId: "" }, () => fn(client));
}

/**
 * For work in one transaction across the schools of an organisation (a trust's staff import): `fn` runs
 * in that school's scope, for the same person, as if they had opened that school, and the transaction's
 * scope is put back after. Row-level security then reads and writes that school's rows only.
 */
export function asSchoolIn<T>(tx: Tx, scope: Scope, fn: () => Promise<T>): Promise<T> {
  return switchedTo(tx, { ...scope, organisationId: "" }, fn);
}

/**
 * For a read across the schools of an organisation inside a school's transaction (a trust's staff import
 * reading every listed school's staff at once): row-level security's organisation policies, read-only.
 */
export function asOrganisationIn<T>(tx: Tx, scope: { organisationId: string; personId: string }, fn: () => Promise<T>): Promise<T> {
  return switchedTo(tx, { schoolId: "", ...scope }, fn);
}

async function switchedTo<T>(tx: Tx, to: { schoolId: string; personId: string; organisationId: string }, fn: () => Promise<T>): Promise<T> {
  const [was] = await tx.$queryRaw<{ school: string | null; person: string | null; organisation: string | null }[]>`
    SELECT current_setting('app.school_id', true) AS school, current_setting('app.person_id', true) AS person,
      current_setting('app.organisation_id', true) AS organisation,
      set_config('app.school_id', ${to.schoolId}, true), set_config('app.person_id', ${to.personId}, true),
      set_config('app.organisation_id', ${to.organisationId}, true)`;
  try {
    return await fn();
  } finally {
    await tx.$queryRaw`SELECT set_config('app.school_id', ${was.school ?? ""}, true), set_config('app.person_id', ${was.person ?? ""}, true),
      set_config('app.organisation_id', ${was.organisation ?? ""}, true)`;
  }
}
