import "server-only";
import { db, type Tx } from "@/lib/db";

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
