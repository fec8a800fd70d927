// `npm run demo:mfa-code`: the code the demo's senior accounts are asked for now (they share the published
// demo key, prisma/seed/mfa-demo.ts). Demo only: a real account's key never leaves the server.
import { generate } from "otplib";
import { DEMO_MFA_SECRET } from "../prisma/seed/mfa-demo";

async function main() {
  const code = await generate({ secret: DEMO_MFA_SECRET });
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  console.log(`${code}   (the demo accounts' authenticator code; a new one in ${left} s)`);
}

void main();
