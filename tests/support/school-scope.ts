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

/** One school's scope and no person's, as a route helper or a job sets it. */
export function inSchoolOnly<T>(schoolId: string, fn: () => Promise<T>): Promise<T> {
  return runInScope({ schoolId }, fn);
}
