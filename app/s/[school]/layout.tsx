import { requireMember, inductionGateFor } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { navigationFor, INCIDENTS_FOR_HANDLERS } from "@/lib/authz/navigation";
import { schoolsForPerson } from "@/lib/people/queries";
import { isIncidentHandler, urgentForViewer } from "@/lib/incidents/queries";
import { SchoolHeader } from "@/components/layout/school-header";
import { UrgentBanner } from "@/components/incidents/urgent-banner";

export default async function SchoolLayout({ children, params }: { children: React.ReactNode; params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, undefined, { duringInduction: true });
  const [schools, gate, urgent] = await Promise.all([schoolsForPerson(ctx.person.id), inductionGateFor(ctx), urgentForViewer(ctx)]);
  // Members reach incidents through "incident:report"; an organisation role only when it deals with some.
  const incidentsExtra =
    !can(ctx, "incident:report") && (can(ctx, "incident:breach-register") || (await isIncidentHandler(ctx))) ? INCIDENTS_FOR_HANDLERS : [];
  return (
    <>
      <SchoolHeader
        schoolName={ctx.school.name}
        personName={ctx.person.name}
        nav={gate ? [] : navigationFor(ctx.school.slug, ctx.permissions, incidentsExtra)}
        otherSchools={schools.length > 1}
        reportHref={can(ctx, "incident:report") ? `/s/${ctx.school.slug}/incidents/new` : null}
      />
      {/* Until a handler acknowledges it, on every page, for every handler of an urgent report. */}
      <UrgentBanner schoolSlug={ctx.school.slug} items={urgent} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
