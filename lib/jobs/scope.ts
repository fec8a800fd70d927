import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";

// The jobs belong to no request and cover every school (docs/decisions/0028-no-system-role-in-the-app.md):
// each lists the schools (School is not a tenant table) and does each school's work in that school's
// scope, as the app role. Nothing a job does for school A can read or write school B's rows.

export type JobSchool = { id: string; slug: string; name: string; organisationId: string };

/** Every school, or those named (tests share one database), in a stable order. */
export function jobSchools(only?: readonly string[]): Promise<JobSchool[]> {
  return db.school.findMany({
    where: only ? { id: { in: [...only] } } : {},
    select: { id: true, slug: true, name: true, organisationId: true },
    orderBy: { id: "asc" },
  });
}

/**
 * A job's work for every school (or those named), each in that school's scope and in no person's. A school
 * that fails (bad data, a lost connection) is logged and does not stop the others: the results are those
 * of the schools that finished, the errors those of the ones that did not.
 */
export async function forEachJobSchool<T>(job: string, only: readonly string[] | undefined, fn: (school: JobSchool) => Promise<T>) {
  const results: T[] = [];
  const errors: unknown[] = [];
  for (const school of await jobSchools(only)) {
    try {
      results.push(await runInScope({ schoolId: school.id }, () => fn(school)));
    } catch (e) {
      console.error(`${job}: school ${school.id} failed`, e);
      errors.push(e);
    }
  }
  return { results, errors };
}

/** Adds up one field of a job's per-school results. */
export const total = <T>(results: readonly T[], field: (r: T) => number) => results.reduce((n, r) => n + field(r), 0);
