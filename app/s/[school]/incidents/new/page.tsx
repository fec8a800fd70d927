import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { reportFormOptions } from "@/lib/incidents/queries";
import { toLondonDateTimeInput } from "@/lib/incidents/breach-clock";
import { PageHeader } from "@/components/ui/page-header";
import { ReportForm } from "@/components/incidents/report-form";

export const metadata: Metadata = { title: "Report a concern" };

export default async function ReportConcernPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  // A new starter still signing the induction policies may report a concern: it cannot wait.
  const ctx = await requireMember(school, "incident:report", { duringInduction: true });
  const people = await reportFormOptions(ctx);
  return (
    <>
      <BackLink href={`/s/${ctx.school.slug}/incidents`}>Your reports</BackLink>
      <PageHeader title="Report a concern">
        An ICT or online-safety concern at {ctx.school.name}. It takes a minute; say what you know, and leave out what you do not.
      </PageHeader>
      <ReportForm schoolSlug={ctx.school.slug} people={people} now={toLondonDateTimeInput(new Date())} />
    </>
  );
}
