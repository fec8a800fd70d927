import { UrgentLink } from "@/components/incidents/urgent-link";
import type { UrgentItem } from "@/lib/incidents/types";

/**
 * For the handlers of a police-matter or allegation report that nobody has acknowledged yet. Names no
 * category and no person: it may be on a screen others can see.
 */
export function UrgentBanner({ schoolSlug, items }: { schoolSlug: string; items: UrgentItem[] }) {
  if (items.length === 0) return null;
  return (
    <div role="alert" className="border-b-4 border-red-900 bg-red-700 text-white">
      <div className="mx-auto max-w-5xl px-4 py-3">
        <p className="font-bold">
          {items.length === 1 ? "An urgent report needs acknowledging now" : `${items.length} urgent reports need acknowledging now`}
        </p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {items.map((i) => (
            <li key={i.id}>
              <UrgentLink href={`/s/${schoolSlug}/incidents/${i.id}`} reference={i.reference} />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
