import { requireMember, inductionGateFor } from "@/lib/authz/require";
import { navigationFor } from "@/lib/authz/navigation";
import { schoolsForPerson } from "@/lib/people/queries";
import { SchoolHeader } from "@/components/layout/school-header";

export default async function SchoolLayout({ children, params }: { children: React.ReactNode; params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, undefined, { duringInduction: true });
  const [schools, gate] = await Promise.all([schoolsForPerson(ctx.person.id), inductionGateFor(ctx)]);
  return (
    <>
      <SchoolHeader
        schoolName={ctx.school.name}
        personName={ctx.person.name}
        nav={gate ? [] : navigationFor(ctx.school.slug, ctx.permissions)}
        otherSchools={schools.length > 1}
      />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
