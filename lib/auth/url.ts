/** The app's public URL without a trailing slash: links in emails, and whether cookies are Secure. */
export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
