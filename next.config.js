/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A staff import sends its file (up to 1 MB) as base64 in one server action (docs/decisions/0021).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  // Native and server-only packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "nodemailer", "pdf-lib"],
  async headers() {
    // The Content-Security-Policy (with a per-request nonce) is set in proxy.ts; these are static.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
