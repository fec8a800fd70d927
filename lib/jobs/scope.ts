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

/** Runs one school's part of a job in that school's scope, and in no person's. */
export function inSchool<T>(schoolId: string, fn: () => Promise<T>): Promise<T> {
  return runInScope({ schoolId }, fn);
}
