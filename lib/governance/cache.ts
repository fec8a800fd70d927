import "server-only";

// A school's counted figures, kept in this process and reused while nothing they depend on has moved
// (decision 0027). The key holds everything the counts depend on: the school, the period, London's date,
// and the school's stamp (its audit chain's head, which every change made in the school moves in the same
// transaction; the trust's policies; who is suspended: lib/governance/sections/audit.ts), and, for the
// counts that leave out reports about the reader, the reader. A key that no longer matches is never asked
// for again, so nothing needs invalidating: old entries fall out of the end of the LRU.

const MAX_ENTRIES = 4000;

class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      // Map keeps insertion order: re-inserting makes it the most recent.
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }
  set(key: string, v: V) {
    this.entries.delete(key);
    this.entries.set(key, v);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
  clear() {
    this.entries.clear();
  }
  get size() {
    return this.entries.size;
  }
}

// On globalThis, so that Next.js's server bundles (pages, route handlers) share one cache per process.
const g = globalThis as unknown as { governanceFigures?: Lru<unknown> };
const cache = () => (g.governanceFigures ??= new Lru<unknown>(MAX_ENTRIES));

export const cached = <V>(key: string) => cache().get(key) as V | undefined;
export const keep = <V>(key: string, v: V) => cache().set(key, v);

/**
 * Forgets every kept figure. Only for writes that bypass the services (tests and benchmarks that insert
 * rows without their audit event): anything written through a service moves the school's stamp itself.
 */
export function forgetFigures() {
  cache().clear();
}
