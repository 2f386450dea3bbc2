/**
 * The print edition, as an Eleventy plugin: the print documents (rendered from
 * the same collections and data as the site, through templates in print/),
 * their stylesheets and Paged.js handlers, the filters only paper needs, and
 * the `printFiles` data that /imprimer/ lists once the PDFs exist.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { printDocuments, printFiles, PREFLIGHT_FILE, type PrintFileKey } from "./editions.ts";
import * as filters from "./filters.ts";
import { formatBytes } from "../scripts/lib/log.ts";
import { cachedSync, filesFingerprint } from "../scripts/lib/disk-cache.ts";

const require = createRequire(import.meta.url);

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

const ASSET_FILES: Record<string, string> = {
  "print/polices.css": "imprimer/assets/polices.css",
  "print/zine.css": "imprimer/assets/zine.css",
  "print/fonds-perdus.css": "imprimer/assets/fonds-perdus.css",
  "print/apercu.css": "imprimer/assets/apercu.css",
  "print/mini-zine.css": "imprimer/assets/mini-zine.css",
  // The polyfill, for the in-browser preview only; the renderer drives paged.js itself.
  "node_modules/pagedjs/dist/paged.polyfill.js": "imprimer/assets/paged.polyfill.js",
};

/** The Paged.js handlers, in TypeScript; the browser gets them as HANDLERS_URL (see handlersJs). */
const HANDLERS_SOURCE = "print/handlers.ts";
const HANDLERS_URL = "/imprimer/assets/handlers.js";

/**
 * print/handlers.ts as the browser runs it: types stripped, wrapped in a
 * function, no source map. Read at each build, so `npm start` picks up edits.
 */
function handlersJs(): string {
  const source = fs.readFileSync(HANDLERS_SOURCE, "utf8");
  // esbuild (a child process) runs only when the handlers or esbuild changed: disk cache, keyed by both.
  const inputs = ["handlers", source, filesFingerprint([new URL(import.meta.url).pathname, "node_modules/esbuild/package.json"])];
  return cachedSync("scripts", inputs, () => {
    const { transformSync } = require("esbuild") as typeof import("esbuild");
    return transformSync(source, {
      loader: "ts",
      format: "iife",
      target: "es2022",
      banner: `/* Built from ${HANDLERS_SOURCE} by print/eleventy.ts: edit that file. */`,
    }).code;
  }).toString("utf8");
}

/** Hyphenating the print documents is their costliest filter: cached on disk by the HTML, the filter's code and the patterns. */
function cesure(html: unknown): string {
  const inputs = ["cesure", filesFingerprint(["print/filters.ts", "node_modules/hyphen/package.json"]), String(html ?? "")];
  return cachedSync("cesure", inputs, () => filters.cesure(html)).toString("utf8");
}

/** The back cover's QR code, cached on disk by its text and label (qrcode then loads only on a change). */
function qrSvg(text: unknown, label?: string): string {
  const inputs = ["qr", filesFingerprint(["print/filters.ts", "node_modules/qrcode/package.json"]), String(text ?? ""), label ?? null];
  return cachedSync("qr", inputs, () => filters.qrSvg(text, label)).toString("utf8");
}

export interface PrintFileEntry {
  key: PrintFileKey;
  url: string;
  label: string;
  pages: number;
  /** The page count as a reader needs it: pages of the zine, sheets of the imposed files. */
  count: string;
  size: string;
  format: string;
}

function describeCount(key: PrintFileKey, pages: number): string {
  if (key === "livret") return `${pages / 2} feuilles A4 en recto verso (${pages} faces, ${pages * 2} pages A5)`;
  if (key === "mini") return "1 feuille A4 pour 8 pages";
  return `${pages} pages`;
}

interface PreflightFile {
  key: PrintFileKey;
  file: string;
  pages: number;
  bytes: number;
  widthMm: number;
  heightMm: number;
}

/** What the last print stage wrote into `outputDir`, or [] before it ran. */
export function readPrintFiles(outputDir: string): PrintFileEntry[] {
  const report = path.join(outputDir, PREFLIGHT_FILE);
  if (!fs.existsSync(report)) return [];
  const { files } = JSON.parse(fs.readFileSync(report, "utf8")) as { files: PreflightFile[] };
  const entries: PrintFileEntry[] = [];
  for (const [key, meta] of Object.entries(printFiles) as [PrintFileKey, (typeof printFiles)[PrintFileKey]][]) {
    const found = files.find((f) => f.key === key);
    if (!found) continue;
    entries.push({
      key,
      url: `/imprimer/${found.file}`,
      label: meta.label,
      pages: found.pages,
      count: describeCount(key, found.pages),
      size: formatBytes(found.bytes),
      format: `${Math.round(found.widthMm)} × ${Math.round(found.heightMm)} mm`,
    });
  }
  return entries;
}

export default function printEdition(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("cesure", cesure);
  eleventyConfig.addFilter("notesEnBasDePage", filters.notesEnBasDePage);
  eleventyConfig.addFilter("liensPapier", filters.liensPapier);
  eleventyConfig.addFilter("chapterIdsByUrl", filters.chapterIdsByUrl);
  eleventyConfig.addFilter("chapterAnchor", filters.chapterAnchor);
  eleventyConfig.addFilter("qrSvg", qrSvg);
  eleventyConfig.addFilter("miniZinePanels", filters.miniZinePanels);

  eleventyConfig.addPassthroughCopy(ASSET_FILES);
  // The handlers, compiled from TypeScript at each build (a virtual template: Nunjucks only calls the function).
  eleventyConfig.addTemplate("imprimer/assets/handlers.njk", "{{ handlersJs() | safe }}", {
    permalink: HANDLERS_URL,
    eleventyExcludeFromCollections: true,
    handlersJs,
  });
  eleventyConfig.addWatchTarget("print/");

  // Each print document is a one-line virtual template that includes its
  // real template from print/ (Nunjucks also searches the project root).
  for (const doc of printDocuments) {
    eleventyConfig.addTemplate(`imprimer/${doc.key}.njk`, `{% include "${doc.template}" %}`, {
      permalink: doc.url,
      edition: doc,
      eleventyExcludeFromCollections: true,
      // The include hides which collections the page reads: say it, so chapters render first.
      eleventyImport: { collections: ["chapitre", "chapitres"] },
    });
  }

  // /imprimer/ lists the PDFs found in the output folder (see scripts/print/build-print.ts).
  // (Eleventy's JSDoc types `directories` as a bare object; it has `output` at run time.)
  const directories = eleventyConfig.directories as { output: string };
  eleventyConfig.addGlobalData("printFiles", () => readPrintFiles(directories.output));
}
