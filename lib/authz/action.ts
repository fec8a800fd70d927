import "server-only";
import { z } from "zod";
import { getCurrentPerson, getLiveSession, type LiveSession } from "@/lib/auth/session";
import { resolveAccess, can, type SchoolContext } from "./access";
import type { Permission } from "./permissions";
import { DomainError } from "./errors";
import { inductionGatePolicy } from "@/lib/declarations/obligations";
import { runInScope } from "@/lib/db/context";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "INVALID" | "CONFLICT" | "ERROR"; error: string; fieldErrors?: Record<string, string> };

export const MESSAGES = {
  UNAUTHENTICATED: "Your session has ended. Please sign in again.",
  NOT_FOUND: "Not found.",
  FORBIDDEN: "You do not have permission to do this.",
  INVALID: "Please correct the highlighted fields.",
  ERROR: "Something went wrong and nothing was saved. Please try again.",
} as const;

/** First message per field, keyed by dotted path, for showing next to each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

function fail<T>(code: Exclude<ActionResult<T>, { ok: true }>["code"], error: string, fieldErrors?: Record<string, string>): ActionResult<T> {
  return { ok: false, code, error, ...(fieldErrors ? { fieldErrors } : {}) };
}

async function runService<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    if (e instanceof DomainError) return fail(e.code, e.message, e.field ? { [e.field]: e.message } : undefined);
    // Never show a stack trace or a database error to a person: log it for us instead.
    console.error("action failed", e);
    return fail("ERROR", MESSAGES.ERROR);
  }
}

/**
 * The one way to build a server action that touches a school:
 * session → membership of that school (or an organisation role over it) → permission → zod → service.
 * The service runs its change and its audit row in one transaction and checks every id it touches
 * belongs to ctx.school. A person with no standing in the school is told "not found".
 */
export function schoolAction<S extends z.ZodType, R>(opts: {
  permission: Permission;
  schema: S;
  run: (ctx: SchoolContext, input: z.output<S>) => Promise<R>;
  /** Also open to a new starter held at induction (reporting a safeguarding concern cannot wait). */
  duringInduction?: boolean;
}) {
  return async function action(schoolSlug: string, input: unknown): Promise<ActionResult<R>> {
    const person = await getCurrentPerson();
    if (!person) return fail("UNAUTHENTICATED", MESSAGES.UNAUTHENTICATED);
    const ctx = await resolveAccess(person, schoolSlug);
    if (!ctx) return fail("NOT_FOUND", MESSAGES.NOT_FOUND);
    if (!can(ctx, opts.permission)) return fail("FORBIDDEN", MESSAGES.FORBIDDEN);
    // From here on every query runs in this school's scope, for this person (row-level security).
    return runInScope({ schoolId: ctx.school.id, personId: person.id }, async () => {
      // Until a new starter has signed the induction policies, signing is the only thing they may do.
      if (opts.permission !== "declaration:sign" && !opts.duringInduction) {
        const gate = await inductionGatePolicy(ctx);
        if (gate) return fail("FORBIDDEN", `Please read and sign "${gate.title}" first.`);
      }
      const parsed = opts.schema.safeParse(input);
      if (!parsed.success) return fail("INVALID", MESSAGES.INVALID, fieldErrorsOf(parsed.error));
      return runService(() => opts.run(ctx, parsed.data));
    });
  };
}

/** For the few things a signed-out person may do (ask for a sign-in link): schema and service only. */
export function publicAction<S extends z.ZodType, R>(opts: { schema: S; run: (input: z.output<S>) => Promise<R> }) {
  return async function action(input: unknown): Promise<ActionResult<R>> {
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return fail("INVALID", MESSAGES.INVALID, fieldErrorsOf(parsed.error));
    return runService(() => opts.run(parsed.data));
  };
}

/** Session → zod → service, for the actions that act on a session rather than in a school. */
function sessionBound<P, S extends z.ZodType, R>(
  load: () => Promise<P | null>,
  personOf: (who: P) => string,
  opts: { schema: S; run: (who: P, input: z.output<S>) => Promise<R> },
) {
  return async function action(input: unknown): Promise<ActionResult<R>> {
    const who = await load();
    if (!who) return fail("UNAUTHENTICATED", MESSAGES.UNAUTHENTICATED);
    const parsed = opts.schema.safeParse(input);
    if (!parsed.success) return fail("INVALID", MESSAGES.INVALID, fieldErrorsOf(parsed.error));
    // No school: the person's own rows only (their memberships across schools).
    return runInScope({ personId: personOf(who) }, () => runService(() => opts.run(who, parsed.data)));
  };
}

/** For actions on the person's own account, in no particular school (sign out everywhere). */
export function personAction<S extends z.ZodType, R>(opts: {
  schema: S;
  run: (person: NonNullable<Awaited<ReturnType<typeof getCurrentPerson>>>, input: z.output<S>) => Promise<R>;
}) {
  return sessionBound(getCurrentPerson, (p) => p.id, opts);
}

/**
 * For the second step of signing in and for setting up an authenticator (lib/auth/mfa): the only actions
 * a session that still owes its second factor may call. Nothing else takes such a session.
 */
export function sessionStepAction<S extends z.ZodType, R>(opts: { schema: S; run: (session: LiveSession, input: z.output<S>) => Promise<R> }) {
  return sessionBound(getLiveSession, (s) => s.person.id, opts);
}
