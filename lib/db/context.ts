import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";

/**
 * What row-level security lets the current work see (docs/decisions/0025-app-login-role.md):
 * a school (its rows), a person (their own memberships across schools, and their need-to-know rows),
 * an organisation (reads across its schools, for trust-wide reports and its own audit chain).
 */
export type DbScope = { schoolId?: string | null; personId?: string | null; organisationId?: string | null };

type Holder = { scope: DbScope | null };

// One instance per process even when a bundler loads this module twice (Next's server layers).
const g = globalThis as unknown as { __ictDbScope?: AsyncLocalStorage<Holder> };
const storage = (g.__ictDbScope ??= new AsyncLocalStorage<Holder>());

// A page's layout and its components render in one request but not in one async call chain that
// requireMember could wrap: React's per-request cache is where they meet. Outside a render (actions,
// route handlers, jobs, scripts, tests) it hands out a fresh holder each time, so nothing is kept.
const requestHolder = cache((): Holder => ({ scope: null }));

/** The scope for a database operation starting now: the innermost runInScope, else the page request's. */
export function currentScope(): DbScope | null {
  return storage.getStore()?.scope ?? requestHolder().scope;
}

/** Runs fn (and everything it starts) with this scope; nested calls replace it. */
export function runInScope<T>(scope: DbScope | null, fn: () => Promise<T>): Promise<T> {
  return storage.run({ scope }, fn);
}

/**
 * For pages: the scope for the rest of this request's render (requireMember, requirePerson). A page
 * request is for one school and one person, so a later call only narrows a person to their school.
 */
export function setRequestScope(scope: DbScope) {
  const holder = requestHolder();
  holder.scope = { ...holder.scope, ...scope };
}
