import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { getCurrentPerson } from "@/lib/auth/session";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth answers /api/auth/session from the cookie alone; a session ended on the server (signed out,
// suspended, signed out everywhere) must say "no session" there too, as every page does.
async function GET(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth?.[0] === "session" && nextauth.length === 1 && !(await getCurrentPerson())) {
    return NextResponse.json({}, { headers: { "Cache-Control": "private, no-cache, no-store" } });
  }
  return handler(req, ctx);
}

export { GET, handler as POST };
