import type { SchoolContext } from "@/lib/authz/access";
import { inSchoolScope } from "@/lib/authz/require";

/**
 * A lib function that takes a school context, called in the row-level security scope the app gives it:
 * the action factory's for a service, requireMember's for a page's query (both: this school, this person).
 */
export function inScopeOf<A extends unknown[], R>(fn: (ctx: SchoolContext, ...args: A) => Promise<R>) {
  return (ctx: SchoolContext, ...args: A): Promise<R> => inSchoolScope(ctx, () => fn(ctx, ...args));
}
