"use client";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { FormMessage } from "./form-message";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

/** A one-click server action: optional confirmation, busy state, and the refusal shown above the button. */
export function ActionButton<T>(props: {
  label: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  run: () => Promise<Result<T>>;
  onDone: (data: T) => unknown;
  children?: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <FormMessage error={error} />
      <Button
        type="button"
        variant={props.variant ?? "secondary"}
        disabled={busy}
        onClick={async () => {
          if (props.confirm && !window.confirm(props.confirm)) return;
          setBusy(true);
          setError(null);
          const res = await props.run();
          setBusy(false);
          if (!res.ok) return setError(res.error);
          await props.onDone(res.data);
        }}
      >
        {props.label}
      </Button>
      {props.children}
    </div>
  );
}
