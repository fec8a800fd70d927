/** A route's refusal or error: plain words a person can read, never a stack trace, never cached. */
export function plainText(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
