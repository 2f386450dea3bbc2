/** The site stage: Eleventy writes the web pages and the feed into `outputDir`. */
import Eleventy from "@11ty/eleventy";
import { printFilesData } from "../../print/eleventy.ts";
import type { PrintFileFacts } from "../../print/editions.ts";

/** `printFiles`: the print stage's facts about the PDFs, for /imprimer/ and the feed (none: no PDFs to offer). */
export async function buildSite(outputDir: string, options: { printFiles?: PrintFileFacts[] } = {}): Promise<{ files: number }> {
  const printFiles = printFilesData(options.printFiles ?? []);
  const eleventy = new Eleventy("src", outputDir, {
    configPath: "eleventy.config.ts",
    quietMode: true,
    config: (eleventyConfig: { addGlobalData(name: string, value: unknown): void }) => eleventyConfig.addGlobalData("printFiles", printFiles),
  });
  // Eleventy's own account of a failure (stack traces) stays out of the way: scripts/lib/errors.ts
  // reports every failed build, for the person who edits the content. Warnings still show.
  eleventy.logger.overrideLogger({ ...console, error: () => {} });
  const results = (await eleventy.write()) as unknown as [unknown[], unknown[]] | unknown[];
  // write() resolves to [passthroughCopies, templates]
  const templates = Array.isArray(results[1]) ? results[1] : results;
  return { files: templates.length };
}
