/**
 * `npm start`: what the dev server does differently so a saved chapter is on
 * screen fast. Nothing here runs in a build (`npm run build`, the tests'
 * builds): one build gains nothing from it, and its output is the same.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

/** The two classes of Nunjucks used here (it ships no types). */
interface NunjucksLib {
  FileSystemLoader: new (searchPaths: string[]) => Loader;
  Environment: new (loader: Loader, options: { dev: boolean }) => object;
}

/** What a Nunjucks file loader keeps: the templates it compiled, by name, and the file of each name. */
interface Loader {
  cache: Record<string, unknown>;
  pathsToNames: Record<string, string>;
}

/** Eleventy sets ELEVENTY_RUN_MODE before it reads the config: "serve" (npm start), "watch", or "build". */
export function isDevServer(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch";
}

/**
 * Eleventy's own wait for a file to stop changing before it rebuilds is
 * 150 ms. A chapter is a few kilobytes that an editor writes in one go
 * (or writes aside and renames): 30 ms of steady size is enough to never
 * read it half-written, and is what a save waits for before the rebuild.
 */
const WRITE_SETTLED = { stabilityThreshold: 30, pollInterval: 10 };

/**
 * Eleventy makes a new Nunjucks environment for every rebuild, so every
 * layout and include (the whole print document, the partials) was parsed and
 * compiled again at each save. One environment for the whole session keeps
 * them compiled; Eleventy still drops from its cache any template a save
 * changes (its "templateModified" event clears that file), and re-registers
 * the filters and shortcodes on it at each rebuild. A config change makes a
 * new one (Eleventy runs the config again). A template whose file was
 * deleted is dropped before the next rebuild, so including it fails as it
 * would in a build.
 */
function sessionNunjucks(eleventyConfig: EleventyConfig): void {
  // The Nunjucks Eleventy itself loads (no second copy), with Eleventy's own settings:
  // its includes folder, then the project root, and `dev: true` (full template stacks).
  // (Resolved from the project, where Eleventy runs, wherever this file was compiled to.)
  const eleventy = createRequire(path.join(process.cwd(), "package.json")).resolve("@11ty/eleventy");
  const nunjucks = createRequire(eleventy)("nunjucks") as NunjucksLib;
  const includes = (eleventyConfig.directories as { includes: string }).includes;
  const loader = new nunjucks.FileSystemLoader([includes, process.cwd()]);
  eleventyConfig.setLibrary("njk", new nunjucks.Environment(loader, { dev: true }));
  eleventyConfig.on("eleventy.beforeWatch", () => {
    for (const [file, name] of Object.entries(loader.pathsToNames)) {
      if (fs.existsSync(file)) continue;
      delete loader.pathsToNames[file];
      delete loader.cache[name];
    }
  });
}

/** One line in eleventy.config.ts: the dev server's settings (none in a build). */
export function devServer(eleventyConfig: EleventyConfig): void {
  if (!isDevServer()) return;
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: WRITE_SETTLED });
  sessionNunjucks(eleventyConfig);
}
