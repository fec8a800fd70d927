export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10">
      <p className="mb-6 text-lg font-bold text-emerald-900">School ICT policy</p>
      {children}
    </main>
  );
}
