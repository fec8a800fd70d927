import type { Metadata } from "next";
import { connection } from "next/server";
import { VerifyForms } from "@/components/verify/verify-forms";

export const metadata: Metadata = { title: "Check a declaration PDF" };

// Public: no sign-in. Someone holding a declaration (at a hearing, on a personnel file) checks it here.
export default async function VerifyPage() {
  // Rendered per request: the scripts need this request's CSP nonce (proxy.ts), which a static page lacks.
  await connection();
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8">
      <p className="mb-6 text-lg font-bold text-emerald-900">School ICT policy</p>
      <h1 className="mb-3 text-2xl font-bold">Check a declaration PDF</h1>
      <p className="mb-2">
        Every declaration PDF from this site is sealed when it is issued, and the sealed file is kept. Upload a copy to find out
        whether it is exactly, byte for byte, a document issued here, or type the reference printed at the foot of its pages.
      </p>
      <p className="mb-6 text-sm text-slate-700">
        You do not need to sign in. Each check is recorded with your network address, and nothing else about you. The file is compared,
        not kept.
      </p>
      <VerifyForms />
    </main>
  );
}
