import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL("./", import.meta.url)),
  // `server-only` throws outside a React Server Components build; tests run the server code directly.
  "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
};

const shared = {
  resolve: { alias },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks" as const,
    // A stray it.only must not pass CI by skipping everything else.
    allowOnly: !process.env.CI,
    // next-auth imports `next/server` without an extension, which Node's ESM loader refuses outside Next;
    // bundled through Vite, it resolves.
    server: { deps: { inline: ["next-auth"] } },
  },
};

const projects: TestProjectInlineConfiguration[] = [{ ...shared, test: { ...shared.test, name: "unit", include: ["tests/unit/**/*.test.ts"] } }];
// The data layer runs a second time against real PostgreSQL when one is given (.ci/run starts one).
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    ...shared,
    // One shared database: files take turns, so one file's worker never picks up another file's jobs.
    test: {
      ...shared.test,
      name: "postgres",
      include: ["tests/unit/data/**/*.test.ts"],
      fileParallelism: false,
      env: { DATABASE_URL: process.env.TEST_DATABASE_URL },
    },
  });
}

export default defineConfig({ resolve: { alias }, test: { projects } });
