import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Eleventy imports eleventy.config.ts itself, outside vitest's loader: give workers tsx.
    execArgv: ["--import", "tsx"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
