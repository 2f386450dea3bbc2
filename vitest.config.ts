import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The caller's SOURCE_DATE_EPOCH, ZINE_* and ELEVENTY_* settings never reach a test (see the file).
    setupFiles: ["test/setup-env.ts"],
    // Eleventy imports eleventy.config.ts itself, outside vitest's loader: give workers tsx.
    execArgv: ["--import", "tsx"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
