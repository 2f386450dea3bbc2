/** The site stage: Eleventy writes the web pages and the feed into `outputDir`. */
import Eleventy from "@11ty/eleventy";
import { isVerbose } from "../lib/verbose.ts";
import { compiledModule } from "../lib/compile.mjs";
import { printFilesData } from "../../print/eleventy.ts";
import type { PrintFileFacts } from "../../print/editions.ts";
import { risoEdition, type RisoReport } from "../../print/riso-page.ts";

/** Eleventy's timing notes (« Benchmark … Nunjucks Filter ») are for whoever tunes the build: --verbose. */
const quiet = (write: (...args: unknown[]) => void) => (...args: unknown[]) => {
  if (isVerbose() || !args.some((a) => /\bBenchmark\b/.test(String(a)))) write(...args);
};

/** `printFiles`: the print stage's facts about the PDFs, for /imprimer/ and the feed (none: no PDFs to offer). */
export async function buildSite(outputDir: string, options: { printFiles?: PrintFileFacts[]; riso?: RisoReport } = {}): Promise<{ files: number }> {
  const printFiles = printFilesData(options.printFiles ?? []);
  const riso = risoEdition(options.riso);
  const eleventy = new Eleventy("src", outputDir, {
    // Under the build launcher (scripts/launch.mjs), the config it compiled with this module; under tsx, the source.
    configPath: compiledModule("eleventy.config.ts") ?? "eleventy.config.ts",
    quietMode: true,
    config: (eleventyConfig: { addGlobalData(name: string, value: unknown): void }) => {
      eleventyConfig.addGlobalData("printFiles", printFiles);
      eleventyConfig.addGlobalData("risoEdition", riso);
    },
  });
  // Eleventy's own account of a failure (stack traces) stays out of the way: scripts/lib/errors.ts
  // reports every failed build, for the person who edits the content. Warnings still show.
  eleventy.logger.overrideLogger({ ...console, error: () => {}, warn: quiet(console.warn), log: quiet(console.log) });
  // Its benchmark groups log through their own logger, straight to console.warn: filtered there too.
  const warn = console.warn;
  console.warn = quiet(warn);
  const results = (await eleventy.write().finally(() => (console.warn = warn))) as unknown as [unknown[], unknown[]] | unknown[];
  // write() resolves to [passthroughCopies, templates]
  const templates = Array.isArray(results[1]) ? results[1] : results;
  return { files: templates.length };
}
