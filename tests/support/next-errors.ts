/**
 * What a page or requireMember ended with, as Next would act on it: "NEXT_REDIRECT;…",
 * "NEXT_HTTP_ERROR_FALLBACK;404" / ";403", or `ok` when it returned normally.
 */
export async function digestOf(p: Promise<unknown>, ok = "no error"): Promise<string> {
  try {
    await p;
    return ok;
  } catch (e) {
    return String((e as { digest?: string }).digest);
  }
}
