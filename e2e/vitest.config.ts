import { defineConfig } from "vitest/config";

// End-to-end tests: the real `onebook start` on a fresh embedded database, driven in Chromium.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
