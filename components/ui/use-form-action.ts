"use client";
import { useState } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/authz/action";
import { applyServerErrors } from "./apply-server-errors";

/**
 * Sends a react-hook-form form to its server action: the server's messages go next to their fields and
 * the form-level one above the form; on success, `onDone` (go to the new record, or refresh the page).
 */
export function useFormAction<I extends FieldValues, R>(
  action: (slug: string, input: I) => Promise<ActionResult<R>>,
  slug: string,
  setFieldError: UseFormSetError<I>,
  onDone: (data: R) => void,
) {
  const [error, setError] = useState<string | null>(null);
  async function submit(values: I) {
    setError(null);
    const res = await action(slug, values);
    if (res.ok) return onDone(res.data);
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  }
  return { error, submit };
}
