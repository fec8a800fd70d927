import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/** Puts the server's field messages next to the fields (the server re-checks everything the browser did). */
export function applyServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors?: Record<string, string>) {
  for (const [field, message] of Object.entries(fieldErrors ?? {})) {
    if (field !== "_form") setError(field as Path<T>, { type: "server", message });
  }
}
