import "server-only";
import { withScope, scopeOf } from "@/lib/db/scope";
import type { SchoolContext } from "@/lib/authz/access";
import { IMPORT_FIELDS, type ColumnMapping } from "./columns";

// The school's column mapping is a preference, not evidence: read and written as ict_app under row-level
// security (only this school's row exists for the transaction).

export async function rememberedMapping(ctx: SchoolContext): Promise<ColumnMapping | null> {
  const row = await withScope(scopeOf(ctx), (tx) => tx.staffImportMapping.findUnique({ where: { schoolId: ctx.school.id } }));
  if (!row || typeof row.columns !== "object" || row.columns === null) return null;
  const cols = row.columns as Record<string, unknown>;
  return Object.fromEntries(IMPORT_FIELDS.filter((f) => typeof cols[f] === "string").map((f) => [f, cols[f] as string]));
}

export async function rememberMapping(ctx: SchoolContext, mapping: ColumnMapping) {
  await withScope(scopeOf(ctx), (tx) =>
    tx.staffImportMapping.upsert({
      where: { schoolId: ctx.school.id },
      create: { schoolId: ctx.school.id, columns: mapping, updatedById: ctx.person.id },
      update: { columns: mapping, updatedById: ctx.person.id },
    }),
  );
}
