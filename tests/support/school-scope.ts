import type { SchoolContext } from "@/lib/authz/access";
import { inSchoolScope as inRequestScope } from "@/lib/authz/require";
import { runInScope } from "@/lib/db/context";

/**
 * A lib function that takes a school context, called in the row-level security scope the app gives it:
 * the action factory's for a service, requireMember's for a page's query (both: this school, this person).
 */
export function inScopeOf<A extends unknown[], R>(fn: (ctx: SchoolContext, ...args: A) => Promise<R>) {
  return (ctx: SchoolContext, ...args: A): Promise<R> => inRequestScope(ctx, () => fn(ctx, ...args));
}

/**
 * For fixtures made through services in a test that runs the code as ict_web: the scope the action
 * factory would set for this member (docs/decisions/0025), so the service sees and writes what it would.
 */
export function asMember<T>(ctx: { school: { id: string }; person: { id: string } }, fn: () => Promise<T>): Promise<T> {
  return runInScope({ schoolId: ctx.school.id, personId: ctx.person.id }, fn);
}

/** One school's scope and no person's, as a route helper or a job sets it. */
export function inSchoolScope<T>(schoolId: string, fn: () => Promise<T>): Promise<T> {
  return runInScope({ schoolId }, fn);
}
