import { AsyncLocalStorage } from "node:async_hooks";

// React's cache() is per request only inside Next's server render; imported here it caches nothing, so
// what requireMember keeps for the rest of a page (setRequestScope, lib/db/context.ts) would be lost.
// A test that renders a page mocks react's cache with this one and renders inside pageRequest().
const request = new AsyncLocalStorage<Map<unknown, unknown>>();

/** React's cache(), memoised per pageRequest() by argument identity, as Next memoises it per request. */
export function cachePerRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const store = request.getStore();
    if (!store) return fn(...args);
    let node = (store.get(fn) ?? store.set(fn, new Map()).get(fn)) as Map<unknown, unknown>;
    for (const arg of args) node = (node.get(arg) ?? node.set(arg, new Map()).get(arg)) as Map<unknown, unknown>;
    if (!node.has(RESULT)) node.set(RESULT, fn(...args));
    return node.get(RESULT) as R;
  };
}
const RESULT = Symbol("result");

/** Runs fn as one page request: everything cached in it is shared by it and nothing else. */
export function pageRequest<T>(fn: () => Promise<T>): Promise<T> {
  return request.run(new Map(), fn);
}
