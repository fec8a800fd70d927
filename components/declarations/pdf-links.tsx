import { declarationPdfPath } from "@/lib/declarations/paths";

export function PdfLinks({ schoolSlug, declarationId, personnelCopy }: { schoolSlug: string; declarationId: string; personnelCopy: boolean }) {
  return (
    <span className="flex flex-wrap gap-x-4">
      <a href={declarationPdfPath(schoolSlug, declarationId, 1)} className="underline underline-offset-2">
        Download your copy (PDF, Part 1)
      </a>
      {personnelCopy && (
        <a href={declarationPdfPath(schoolSlug, declarationId, 2)} className="underline underline-offset-2">
          Personnel file copy (PDF, Part 2)
        </a>
      )}
    </span>
  );
}
