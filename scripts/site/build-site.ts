/** The site stage: Eleventy writes the web pages and the feed into `outputDir`. */
import Eleventy from "@11ty/eleventy";
import { isVerbose } from "../lib/verbose.ts";
import { compiledModule } from "../lib/compile.mjs";
import { printFilesData } from "../../print/eleventy.ts";
import type { PrintFileFacts } from "../../print/editions.ts";
import { risoEdition, type RisoReport } from "../../print/riso-page.ts";
import { writeFonts } from "./fonts.ts";

/** Eleventy's timing notes (« Benchmark … Nunjucks Filter ») are for whoever tunes the build: --verbose. */
const quiet = (write: (...args: unknown[]) => void) => (...args: unknown[]) => {
  if (isVerbose() || !args.some((a) => /\bBenchmark\b/.test(String(a)))) write(...args);
};

/** What the print stage knows about the PDFs: /imprimer/ lists them, the feed announces the A5 (none: no PDFs to offer). */
export interface PrintFacts {
  printFiles?: PrintFileFacts[];
  riso?: RisoReport;
}

/**
 * The templates that read the print facts (`printFiles`, `risoEdition`): all
 * that changes once the PDFs exist. A test renders the site with facts in one
 * go and compares it byte for byte with a site whose facts came afterwards.
 */
export const PRINT_FACT_TEMPLATES = ["./src/imprimer.njk", "./src/feed.njk"];

export interface SiteBuild {
  files: number;
  /**
   * The print stage's facts, given to the same Eleventy after the PDFs are
   * made: only the templates that read them are rendered again (an
   * incremental build of each), the rest of the site stays as written.
   */
  withPrintFacts(facts: PrintFacts): Promise<{ files: number }>;
}

type Results = [unknown[], { inputPath: string }[]] | { inputPath: string }[];

/** `printFiles`: the print stage's facts about the PDFs, for /imprimer/ and the feed (none: no PDFs to offer). */
export async function buildSite(outputDir: string, options: PrintFacts = {}): Promise<SiteBuild> {
  // Read by Eleventy at each build (a function of global data): withPrintFacts() changes them.
  const data = { printFiles: printFilesData(options.printFiles ?? []), riso: risoEdition(options.riso) };
  const eleventy = new Eleventy("src", outputDir, {
    // Under the build launcher (scripts/launch.mjs), the config it compiled with this module; under tsx, the source.
    configPath: compiledModule("eleventy.config.ts") ?? "eleventy.config.ts",
    quietMode: true,
    config: (eleventyConfig: { addGlobalData(name: string, value: unknown): void }) => {
      eleventyConfig.addGlobalData("printFiles", () => data.printFiles);
      eleventyConfig.addGlobalData("risoEdition", () => data.riso);
    },
  });
  // Eleventy's own account of a failure (stack traces) stays out of the way: scripts/lib/errors.ts
  // reports every failed build, for the person who edits the content. Warnings still show.
  eleventy.logger.overrideLogger({ ...console, error: () => {}, warn: quiet(console.warn), log: quiet(console.log) });
  const write = async (): Promise<{ inputPath: string }[]> => {
    // Its benchmark groups log through their own logger, straight to console.warn: filtered there too.
    const warn = console.warn;
    console.warn = quiet(warn);
    const results = (await eleventy.write().finally(() => (console.warn = warn))) as unknown as Results;
    // write() resolves to [passthroughCopies, templates]
    return (Array.isArray(results[1]) ? results[1] : results) as { inputPath: string }[];
  };
  const templates = await write();

  async function withPrintFacts(facts: PrintFacts): Promise<{ files: number }> {
    data.printFiles = printFilesData(facts.printFiles ?? []);
    data.riso = risoEdition(facts.riso);
    const rendered = new Set<string>();
    for (const template of PRINT_FACT_TEMPLATES) {
      // An incremental build may render several of them at once (pages that list every page).
      if (rendered.has(template)) continue;
      // As Eleventy's own watcher does on a save: the changed file, fresh data, a build.
      eleventy.setIncrementalFile(template);
      await eleventy.restart();
      await eleventy.init();
      for (const page of await write()) rendered.add(page.inputPath);
    }
    // The fonts are cut to the characters of every page as they are now (an incremental build only ever adds).
    await writeFonts(outputDir);
    return { files: rendered.size };
  }
  return { files: templates.length, withPrintFacts };
}
