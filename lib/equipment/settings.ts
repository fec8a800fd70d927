import "server-only";
import type { z } from "zod";
import { withScope, scopeOf } from "@/lib/db/scope";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError } from "@/lib/authz/errors";
import { ASSET_KINDS, KIND_ORDER } from "./kinds";
import { schoolEquipmentSettings } from "./service";
import { termsOf } from "./check-queries";
import type { equipmentSettingsSchema, termsSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

/**
 * The school's replacement charge and its own conditions of use per kind. A kind's wording equal to the
 * default is stored as nothing, so a later change of default reaches it. Loans already issued keep the
 * wording their borrower signed (it is frozen on the loan item).
 */
export async function saveEquipmentSettings(ctx: SchoolContext, input: Input<typeof equipmentSettingsSchema>): Promise<{ ok: true }> {
  const conditions = Object.fromEntries(
    KIND_ORDER.filter((k) => input.conditions[k] && input.conditions[k]!.trim() !== ASSET_KINDS[k].conditions).map((k) => [k, input.conditions[k]!.trim()]),
  );
  return withScope(scopeOf(ctx), async (tx) => {
    await tx.equipmentSettings.upsert({
      where: { schoolId: ctx.school.id },
      create: { schoolId: ctx.school.id, replacementChargePence: input.chargePence, conditions },
      update: { replacementChargePence: input.chargePence, conditions },
    });
    await record(tx, {
      schoolId: ctx.school.id, organisationId: ctx.school.organisationId, actorId: ctx.person.id, action: "equipment.settings_saved",
      entityType: "School", entityId: ctx.school.id, data: { chargePence: input.chargePence, ownWording: Object.keys(conditions) },
    });
    return { ok: true as const };
  });
}

/** Replaces the school's term dates (checks are computed from them; nothing else is stored per term). */
export async function saveTerms(ctx: SchoolContext, input: Input<typeof termsSchema>): Promise<{ terms: number }> {
  const sorted = [...input.terms].sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  for (const [i, t] of sorted.entries()) {
    if (i > 0 && t.startDate <= sorted[i - 1].endDate) throw new DomainError(`${t.name} starts before ${sorted[i - 1].name} ends.`, "terms");
  }
  return withScope(scopeOf(ctx), async (tx) => {
    await tx.schoolTerm.deleteMany({ where: { schoolId: ctx.school.id } });
    await tx.schoolTerm.createMany({ data: sorted.map((t) => ({ schoolId: ctx.school.id, ...t })) });
    await record(tx, {
      schoolId: ctx.school.id, organisationId: ctx.school.organisationId, actorId: ctx.person.id, action: "equipment.terms_saved",
      entityType: "School", entityId: ctx.school.id, data: { terms: sorted.map((t) => t.name) },
    });
    return { terms: sorted.length };
  });
}

/** The school's charge and wording, read for a page (the services read them inside their own transaction). */
export function equipmentSettingsFor(ctx: SchoolContext) {
  return withScope(scopeOf(ctx), (tx) => schoolEquipmentSettings(tx, ctx.school.id));
}

/** The settings page: charge and wording, the term dates in force, and whether the school has its own. */
export function settingsPageData(ctx: SchoolContext) {
  return withScope(scopeOf(ctx), async (tx) => ({
    settings: await schoolEquipmentSettings(tx, ctx.school.id),
    terms: await termsOf(tx, ctx.school.id),
    own: await tx.schoolTerm.count({ where: { schoolId: ctx.school.id } }),
  }));
}
