import Link from "next/link";
import { requestsPath } from "@/lib/requests/paths";

/** Back to "My requests", above every page under it. */
export function BackToRequests({ slug }: { slug: string }) {
  return (
    <p className="mb-4">
      <Link href={requestsPath(slug)} className="underline underline-offset-2">
        Your requests
      </Link>
    </p>
  );
}
