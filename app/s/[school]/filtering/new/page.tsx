import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { londonToday } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { RequestChangeForm } from "@/components/filtering/request-form";

export const metadata: Metadata = { title: "Ask for a filtering change" };

export default async function NewFilteringChangePage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "filtering:request");
  const review = londonToday();
  review.setUTCMonth(review.getUTCMonth() + 3);
  return (
    <>
      <PageHeader title="Ask for a filtering change">
        Your request goes to the ICT lead to authorise. A technician then makes it and the DSL confirms it; someone other than you does each of those steps.
      </PageHeader>
      <RequestChangeForm schoolSlug={ctx.school.slug} defaultReviewOn={review.toISOString().slice(0, 10)} />
    </>
  );
}
