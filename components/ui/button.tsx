import type { ButtonHTMLAttributes } from "react";

const styles = {
  primary: "bg-emerald-800 text-white hover:bg-emerald-900",
  secondary: "bg-slate-200 text-slate-900 hover:bg-slate-300",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof styles }) {
  return (
    <button
      {...props}
      className={`inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold disabled:opacity-60 ${styles[variant]} ${className}`}
    />
  );
}
