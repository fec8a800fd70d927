import "server-only";
import { cache } from "react";
import { notFound, redirect, forbidden } from "next/navigation";
import { getCurrentPerson, getLiveSession } from "@/lib/auth/session";
import { resolveAccess, can, type SchoolContext } from "./access";
import type { Permission } from "./permissions";
import { plainText } from "@/lib/http/plain-text";
import { inductionGatePolicy } from "@/lib/declarations/obligations";
import { signingPath } from "@/lib/declarations/paths";
import { runInScope, setRequestScope, type DbScope } from "@/lib/db/context";

// A school page renders its layout and its page in one request: both ask who this is in the school and
// whether the induction gate holds them. Asked once per request, answered from the cache after that.
const accessFor = cache(resolveAccess);

/** The induction policy holding this person at the signing page, if any (once per request). */
export const inductionGateFor = cache((ctx: SchoolContext) => inductionGatePolicy(ctx));

/** For pages: the signed-in person, or off to sign in (or to the second step, when that is still owed). */
export async function requirePerson(returnTo?: string) {
  const person = await getCurrentPerson();
  if (!person) {
    const step = (await getLiveSession())?.mfaPending ? "/signin/mfa" : "/signin";
    redirect(returnTo ? `${step}?callbackUrl=${encodeURIComponent(returnTo)}` : step);
  }
  // The rest of the page reads as this person (their own memberships), until a school narrows it.
  setRequestScope({ personId: person.id });
  return person;
}

/**
 * For pages and route handlers under /s/[school]: the same checks as the action factory.
 * Another school's page is "not found"; a page of one's own school without the permission is "forbidden".
 */
export async function requireMember(
  schoolSlug: string,
  permission?: Permission,
  opts: { duringInduction?: boolean } = {},
): Promise<SchoolContext> {
  const person = await requirePerson(`/s/${encodeURIComponent(schoolSlug)}`);
  const ctx = await accessFor(person, schoolSlug);
  if (!ctx) notFound();
  // Every query of the rest of this page's render runs in this school's scope (row-level security).
  setRequestScope({ schoolId: ctx.school.id, personId: person.id });
  // A new starter signs the induction policies before anything else (seed 003): every other page sends
  // them to the signing page. Only the signing page and the school layout pass duringInduction.
  if (!opts.duringInduction) {
    const gate = await runInScope(schoolScope(ctx), () => inductionGateFor(ctx));
    if (gate) redirect(signingPath(ctx.school.slug, gate.policyId));
  }
  if (permission && !can(ctx, permission)) forbidden();
  return ctx;
}

/**
 * For route handlers, which answer with a status rather than a page. Someone held at induction is refused
 * too, unless the route passes duringInduction (then it must call inductionRefusal itself where it matters).
 */
export async function memberOrStatus(
  schoolSlug: string,
  permission: Permission,
  opts: { duringInduction?: boolean } = {},
): Promise<SchoolContext | Response> {
  const person = await getCurrentPerson();
  if (!person) return plainText("Please sign in.", 401);
  const ctx = await accessFor(person, schoolSlug);
  if (!ctx) return plainText("Not found.", 404);
  if (!can(ctx, permission)) return plainText("You do not have permission to do this.", 403);
  if (!opts.duringInduction) {
    const refusal = await inductionRefusal(ctx);
    if (refusal) return refusal;
  }
  return ctx;
}

/** A 403 while this person must first sign an induction policy, otherwise null. */
export async function inductionRefusal(ctx: SchoolContext): Promise<Response | null> {
  const gate = await runInScope(schoolScope(ctx), () => inductionGateFor(ctx));
  return gate ? plainText(`Please read and sign "${gate.title}" first.`, 403) : null;
}

/** The row-level security scope of a person acting in a school. */
export function schoolScope(ctx: Pick<SchoolContext, "school" | "person">): DbScope {
  return { schoolId: ctx.school.id, personId: ctx.person.id };
}

/**
 * For route handlers, after memberOrStatus: runs the rest of the handler in the school's scope. (A page
 * needs nothing: requireMember sets the scope for the rest of its render.) A streamed body reads later,
 * outside this call: its reads go through runInScope(schoolScope(ctx), …) themselves.
 */
export function inSchoolScope<T>(ctx: SchoolContext, fn: () => Promise<T>): Promise<T> {
  return runInScope(schoolScope(ctx), fn);
}
