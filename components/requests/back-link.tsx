import { BackLink } from "@/components/ui/back-link";
import { requestsPath } from "@/lib/requests/paths";

/** Back to "My requests", above every page under it. */
export function BackToRequests({ slug }: { slug: string }) {
  return (
    <BackLink href={requestsPath(slug)}>Your requests</BackLink>
  );
}
