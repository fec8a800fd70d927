import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { settingsPageData } from "@/lib/equipment/settings";
import { KIND_ORDER } from "@/lib/equipment/kinds";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsForm, TermsForm } from "@/components/equipment/settings-forms";
import type { AssetKind } from "@/generated/prisma/enums";

export const metadata: Metadata = { title: "Equipment settings" };

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

export default async function EquipmentSettingsPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "equipment:manage");
  const { settings, terms, own } = await settingsPageData(ctx);
  return (
    <>
      <PageHeader title="Equipment settings">The school's own wording, charge and term dates.</PageHeader>
      <div className="space-y-8">
        <SettingsForm
          schoolSlug={ctx.school.slug}
          charge={(settings.chargePence / 100).toFixed(2)}
          conditions={Object.fromEntries(KIND_ORDER.map((k) => [k, settings.conditionsFor(k)])) as Record<AssetKind, string>}
        />
        <TermsForm
          schoolSlug={ctx.school.slug}
          usingDefaults={own === 0}
          terms={terms.map((t) => ({ name: t.name, startDate: ymd(t.startDate), endDate: ymd(t.endDate), halfTermStart: ymd(t.halfTermStart), halfTermEnd: ymd(t.halfTermEnd) }))}
        />
      </div>
    </>
  );
}
