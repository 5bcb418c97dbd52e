import { defineConfig } from "vitest/config";

// End-to-end tests: the real `onebook start` on its own embedded database, driven in Chromium.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    // One first start seeds the demo county; each file's product starts from a copy of its data.
    globalSetup: ["e2e/global-setup.ts"],
    // A story test takes 30–40 s on a quiet machine (the violations story: 31 s) and twice that while
    // the other file and its product share the two cores: 60 s was seen exceeded once (2026-12-01).
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Two files at a time, each with its own product and browser: a file spends most of its time
    // waiting for pages (≈ 35 % of a core), so two share the machine's two cores without starving.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
