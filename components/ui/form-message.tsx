/** The form-level outcome, announced to screen readers when it changes. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error)
    return (
      <div role="alert" className="mb-4 rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
        {error}
      </div>
    );
  if (success)
    return (
      <div role="status" className="mb-4 rounded border-l-4 border-emerald-700 bg-emerald-50 p-3 text-emerald-900">
        {success}
      </div>
    );
  return null;
}
