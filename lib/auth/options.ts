import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { signInWithPassword, signInWithMagicLink, signInWithOidc, SignInRefused, type SignedInUser } from "./sign-in";
import { clientIpFrom } from "@/lib/http/client-ip";
import { appUrl } from "./url";
import { endAuthSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { amrOf, providerReportsMfa } from "./mfa/rules";

function ipOf(req: { headers?: Record<string, unknown> } | undefined): string | null {
  const h = req?.headers?.["x-forwarded-for"];
  return clientIpFrom(typeof h === "string" ? h : Array.isArray(h) ? h.join(",") : null);
}

// next-auth turns a thrown error into ?error=<message>; the sign-in page maps these codes to plain words.
async function guard(fn: () => Promise<SignedInUser>) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SignInRefused) throw new Error(e.code);
    console.error("sign-in failed unexpectedly", e);
    throw new Error("UNAVAILABLE");
  }
}

const providers: NextAuthOptions["providers"] = [
  CredentialsProvider({
    id: "password",
    name: "Email and password",
    credentials: { email: { type: "email" }, password: { type: "password" } },
    authorize: (c, req) => guard(() => signInWithPassword(String(c?.email ?? ""), String(c?.password ?? ""), ipOf(req))),
  }),
  CredentialsProvider({
    id: "magic-link",
    name: "Email link",
    credentials: { token: { type: "text" } },
    authorize: (c, req) => guard(() => signInWithMagicLink(String(c?.token ?? ""), ipOf(req))),
  }),
];
// Single sign-on is switched on by configuration alone.
if (process.env.AZURE_AD_CLIENT_ID && process.env.AZURE_AD_CLIENT_SECRET) {
  providers.push(
    AzureADProvider({
      clientId: process.env.AZURE_AD_CLIENT_ID,
      clientSecret: process.env.AZURE_AD_CLIENT_SECRET,
      tenantId: process.env.AZURE_AD_TENANT_ID,
    }),
  );
}
if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
  providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
}

export const oidcProviders = providers
  .filter((p) => p.type === "oauth")
  .map((p) => ({ id: p.id, name: p.name }));

export const authOptions: NextAuthOptions = {
  providers,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Secure, __Secure-/__Host- prefixed cookies whenever the public URL is https. next-auth's default
  // says the same when NEXTAUTH_URL is set; pinned here so that it never depends on request headers
  // (AUTH_TRUST_HOST) and reads as a decision. A getter, so it follows NEXTAUTH_URL at each request.
  get useSecureCookies() {
    return appUrl().startsWith("https://");
  },
  events: {
    // A normal sign-out ends this session on the server too, so a copied cookie stops working.
    async signOut({ token }) {
      await endAuthSession(token?.sessionId, token?.personId);
    },
  },
  pages: { signIn: "/signin", error: "/signin" },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.type !== "oauth") return true;
      const providerMfa = providerReportsMfa(amrOf(profile, account.id_token));
      const person = await signInWithOidc(user.email, account.provider, { providerMfa });
      if (!person) return "/signin?error=NO_ACCOUNT";
      Object.assign(user, person);
      return true;
    },
    async jwt({ token, user }) {
      // Only at sign-in is `user` present: the claims are fixed then and re-checked on every request.
      if (user) {
        const u = user as unknown as SignedInUser;
        token.personId = u.id;
        token.sessionVersion = u.sessionVersion;
        token.sessionId = u.sessionId;
        token.authMethod = u.authMethod;
        token.name = u.name;
        token.email = u.email;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        name: token.name,
        email: token.email,
        personId: token.personId,
        sessionVersion: token.sessionVersion,
        sessionId: token.sessionId,
        authMethod: token.authMethod,
      } as typeof session.user;
      return session;
    },
  },
};
