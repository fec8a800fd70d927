/** The role the app logs in as: it owns nothing and has no BYPASSRLS (docs/decisions/0025-app-login-role.md). */
export const APP_ROLE = "ict_web";

/**
 * The app's connection string on a server where the owner's is known: the same server and database, as
 * ict_web. For the local and test servers (trust authentication: no password); a real installation sets
 * DATABASE_URL itself, with ict_web's password.
 */
export function appDatabaseUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = "";
  return u.toString();
}
