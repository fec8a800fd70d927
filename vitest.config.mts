import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Outside Next's server build the "server-only" guard has nothing to guard against.
      "server-only": path.resolve(__dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    // Integration tests share one database; each builds its own schools, so files may run in parallel
    // against a real server, but the embedded PGlite takes one connection at a time.
    fileParallelism: process.env.PGLITE !== "1",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
