import type { SchoolContext } from "@/lib/authz/access";
import { runInScope } from "@/lib/db/context";

/**
 * A service called directly from a test, below the action factory that would set its row-level security
 * scope: it runs in its caller's school and person scope, as the factory runs it
 * (docs/decisions/0025-app-login-role.md), on the app's connection (ict_web).
 */
export const asMember =
  <A extends unknown[], R>(fn: (ctx: SchoolContext, ...rest: A) => Promise<R>) =>
  (ctx: SchoolContext, ...rest: A): Promise<R> =>
    runInScope({ schoolId: ctx.school.id, personId: ctx.person.id }, () => fn(ctx, ...rest));
