"use client";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function OidcButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 flex flex-col gap-2">
      {providers.map((p) => (
        <Button key={p.id} type="button" variant="secondary" onClick={() => signIn(p.id, { callbackUrl })}>
          Sign in with {p.id === "azure-ad" ? "Microsoft" : p.name}
        </Button>
      ))}
    </div>
  );
}
