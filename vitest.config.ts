import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure code, no database) and `integration` (real database: PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set by test/run-all.mjs). End-to-end tests run separately.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "test/integration/**/*.test.ts"],
          // Migrates and seeds once per run; each file copies the result (test/helpers/database.ts).
          globalSetup: ["test/helpers/database-templates.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
