/** What to do, and not to do, with a police matter (CEOP's advice), shown before the report is written. */
export function PoliceGuidance({ steps }: { steps: readonly string[] }) {
  return (
    <section aria-labelledby="police-guidance" className="mb-6 max-w-2xl rounded border-l-8 border-red-700 bg-red-50 p-4 text-red-950">
      <h2 id="police-guidance" className="text-lg font-bold">
        This is a police matter: before you go on
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}
