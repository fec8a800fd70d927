/** The full text of a version: sections (already rendered to safe HTML), then the code-of-conduct statements. */
export function PolicyText(props: { sections: { heading: string; html: string }[]; statements: string[] }) {
  return (
    <article className="policy-text">
      {props.sections.map((s, i) => (
        <section key={i} className="mb-6">
          <h2 className="text-xl font-bold">{s.heading}</h2>
          {/* lib/markdown renders with raw HTML disabled and only http(s)/mailto links. */}
          <div dangerouslySetInnerHTML={{ __html: s.html }} />
        </section>
      ))}
      {props.statements.length > 0 && (
        <section className="mb-6">
          <h2 className="text-xl font-bold">Code of conduct</h2>
          <ol className="mt-2">
            {props.statements.map((st, i) => (
              <li key={i}>{st}</li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
