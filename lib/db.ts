import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/generated/prisma/client";
import { currentScope, type DbScope } from "@/lib/db/context";

export type Tx = Prisma.TransactionClient;

function createClient(url: string | undefined) {
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  // The embedded PGlite server takes one connection: with more, concurrent transactions lost isolation.
  const max = Number(process.env.DATABASE_POOL_MAX ?? (process.env.PGLITE === "1" ? 1 : 10));
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max }),
    // Secrets never leave the database unless a query asks for them by name.
    omit: { person: { passwordHash: true } },
  });
}

type Client = ReturnType<typeof createClient>;
type Lazy = PromiseLike<unknown> & { [ORIGINAL]?: Prisma.PrismaPromise<unknown> };
const g = globalThis as unknown as { prisma?: Client };
const ORIGINAL = Symbol("original PrismaPromise");
const MODELS = new Set(Object.values(Prisma.ModelName).map((n) => n[0].toLowerCase() + n.slice(1)));
const RAW = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]);

// Row-level security reads these for the transaction only (set_config(…, true)): a pooled connection
// carries nothing over to the next piece of work. `role` only where the server logs everyone in as its
// superuser (the embedded PGlite): there the role is chosen per transaction, as SET LOCAL ROLE would.
function scopeStatement(client: Client | Tx, s: DbScope, role: string | null) {
  const sql =
    "SELECT set_config('app.school_id', $1, true), set_config('app.person_id', $2, true), set_config('app.organisation_id', $3, true)" +
    (role ? ", set_config('role', $4, true)" : "");
  const params = [s.schoolId ?? "", s.personId ?? "", s.organisationId ?? "", ...(role ? [role] : [])];
  return client.$executeRawUnsafe(sql, ...params);
}

type Route = { client: Client; scope: DbScope | null; role: string | null };

/**
 * Where the work starting now goes: the app's client (ict_web) with the current scope. With
 * DATABASE_SET_ROLE (the embedded server, one connection): every statement in a transaction that sets the role.
 * There is no other client: nothing in the app reads past row-level security (docs/decisions/0032).
 */
function route(): Route {
  const scope = currentScope();
  const app = (g.prisma ??= createClient(process.env.DATABASE_URL));
  const setRole = process.env.DATABASE_SET_ROLE;
  if (setRole) return { client: app, scope: scope ?? {}, role: setRole };
  return { client: app, scope, role: null };
}

/**
 * A query made outside a transaction while a scope is set runs in a two-statement transaction (the scope,
 * then the query). It stays lazy, as Prisma's own are, and can still go into a batch $transaction([…]).
 */
function scoped(r: Route, original: Prisma.PrismaPromise<unknown>): Lazy {
  if (!r.scope) return original;
  const scope = r.scope;
  let ran: Promise<unknown> | null = null;
  const run = () => (ran ??= r.client.$transaction([scopeStatement(r.client, scope, r.role), original]).then((res) => res[1]));
  return {
    [ORIGINAL]: original,
    then: (ok, fail) => run().then(ok, fail),
    catch: (fail: (e: unknown) => unknown) => run().catch(fail),
    finally: (f: () => void) => run().finally(f),
    [Symbol.toStringTag]: "PrismaPromise",
  } as Lazy;
}

async function transaction(r: Route, arg: unknown, opts?: Record<string, unknown>) {
  const { client, scope, role } = r;
  if (typeof arg === "function") {
    const fn = arg as (tx: Tx) => Promise<unknown>;
    // One statement per transaction, whatever it does after.
    return client.$transaction(async (tx) => {
      if (scope) await scopeStatement(tx, scope, role);
      return fn(tx);
    }, opts);
  }
  const items = (arg as Lazy[]).map((p) => p[ORIGINAL] ?? (p as Prisma.PrismaPromise<unknown>));
  if (!scope) return client.$transaction(items, opts);
  const results = await client.$transaction([scopeStatement(client, scope, role), ...items], opts);
  return results.slice(1);
}

function delegate(model: string) {
  return new Proxy({}, {
    get(_target, prop) {
      const first = Reflect.get(route().client, model) as Record<string | symbol, unknown>;
      if (typeof first[prop] !== "function") return first[prop];
      return (...args: unknown[]) => {
        const r = route();
        const target = Reflect.get(r.client, model) as Record<string | symbol, (...a: unknown[]) => Prisma.PrismaPromise<unknown>>;
        return scoped(r, target[prop](...args));
      };
    },
  });
}

/**
 * The app's one client, connected as ict_web (owns nothing, no BYPASSRLS): every query and transaction
 * carries the scope of the work it is part of (lib/db/context.ts), so PostgreSQL's row-level security
 * decides which school's rows it sees. Created on first use, so that `next build` needs no database.
 */
export const db = new Proxy({} as Client, {
  get(_target, prop) {
    if (prop === "$transaction") return (arg: unknown, opts?: Record<string, unknown>) => transaction(route(), arg, opts);
    if (typeof prop === "string" && MODELS.has(prop)) return delegate(prop);
    if (typeof prop === "string" && RAW.has(prop)) {
      return (...args: unknown[]) => {
        const r = route();
        return scoped(r, (Reflect.get(r.client, prop) as (...a: unknown[]) => Prisma.PrismaPromise<unknown>).apply(r.client, args));
      };
    }
    const client = (g.prisma ??= createClient(process.env.DATABASE_URL));
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
