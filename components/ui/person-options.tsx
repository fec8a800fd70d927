/** A "Choose a person" option and one option per person, with their job title, for a <select>. */
export function PersonOptions({ people }: { people: readonly { id: string; name: string; jobTitle: string | null }[] }) {
  return (
    <>
      <option value="">Choose a person</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.jobTitle ? ` (${p.jobTitle})` : ""}
        </option>
      ))}
    </>
  );
}
