"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/authz/action";

/**
 * Runs a server action from a form and keeps its outcome: the form-level message and a message per
 * field (the server checks everything; each message is shown next to its field).
 */
export function useAction<I, R>(action: (slug: string, input: I) => Promise<ActionResult<R>>, slug: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  async function run(input: I): Promise<R | null> {
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await action(slug, input);
      if (res.ok) return res.data;
      setError(res.error);
      setFieldErrors(res.fieldErrors ?? {});
      return null;
    } catch {
      setError("Something went wrong and nothing was saved. Please try again.");
      return null;
    } finally {
      setPending(false);
    }
  }
  return { pending, error, fieldErrors, run };
}

export const text = (form: FormData, name: string) => String(form.get(name) ?? "");
export const checked = (form: FormData, name: string) => form.get(name) === "on";
