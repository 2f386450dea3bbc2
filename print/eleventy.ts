/**
 * The print edition, as an Eleventy plugin: the print documents (rendered from
 * the same collections and data as the site, through templates in print/),
 * their stylesheets (and the page formats, from print/editions.ts), the
 * Paged.js handlers and the filters only paper needs.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { printDocuments, editions, edition, HANDLERS_URL, FORMAT_CSS, MINI_MARGIN_MM, type PrintDocument, type PrintFileFacts } from "./editions.ts";
import { printStaleness, lastBuildPrintFiles } from "../scripts/site/print-freshness.ts";
import * as filters from "./filters.ts";
import { sourceFile } from "../scripts/site/zine-folder.ts";
import { lastBuildRisoEdition } from "./riso-page.ts";
import { language } from "../scripts/site/typography.ts";
import { cachedSync, filesFingerprint } from "../scripts/lib/disk-cache.ts";

const require = createRequire(import.meta.url);

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

const ASSET_FILES: Record<string, string> = {
  "print/polices.css": "imprimer/assets/polices.css",
  "print/zine.css": "imprimer/assets/zine.css",
  "print/encres.css": "imprimer/assets/encres.css",
  "print/apercu.css": "imprimer/assets/apercu.css",
  "print/mini-zine.css": "imprimer/assets/mini-zine.css",
  // The polyfill, for the in-browser preview only (the renderer drives paged.js itself): the package's
  // minified build, the same code in 491 KB instead of 900 (the preview's first paint waits for it).
  "node_modules/pagedjs/dist/paged.polyfill.min.js": "imprimer/assets/paged.polyfill.js",
};

/** The Paged.js handlers, in TypeScript; the browser gets them as HANDLERS_URL (see handlersJs). */
const HANDLERS_SOURCE = "print/handlers.ts";

/**
 * print/handlers.ts as the browser runs it: types stripped, wrapped in a
 * function, no source map. Read at each build, so `npm start` picks up edits.
 */
function handlersJs(): string {
  const source = fs.readFileSync(HANDLERS_SOURCE, "utf8");
  // esbuild (a child process) runs only when the handlers or esbuild changed: disk cache, keyed by both.
  const inputs = ["handlers", source, filesFingerprint([new URL(import.meta.url).pathname, "node_modules/esbuild/package.json"])];
  return cachedSync("scripts", inputs, () => {
    const { transformSync, stop } = require("esbuild") as typeof import("esbuild");
    const { code } = transformSync(source, {
      loader: "ts",
      format: "iife",
      target: "es2022",
      banner: `/* Built from ${HANDLERS_SOURCE} by print/eleventy.ts: edit that file. */`,
    });
    // One transform per build: its child process would otherwise stay up (and in memory) until the build ends.
    void stop();
    return code;
  }).toString("utf8");
}

/**
 * Hyphenating the print documents is their costliest filter: cached on disk by
 * the HTML, the zine's language, the filter's code and the patterns.
 */
function cesure(this: { ctx?: { site?: { language?: unknown } } } | void, html: unknown): string {
  const lang = language(this?.ctx?.site?.language);
  const text = String(html ?? "");
  // Both print documents hyphenate the same chapters, and `npm start` again at each save: kept in memory too.
  const known = hyphenated.get(lang + text);
  if (known !== undefined) return known;
  const inputs = ["cesure", filesFingerprint(["print/filters.ts", "node_modules/hyphen/package.json"]), lang, text];
  const result = cachedSync("cesure", inputs, () => filters.cesure.call(this, html)).toString("utf8");
  if (hyphenated.size >= 2_000) hyphenated.clear();
  hyphenated.set(lang + text, result);
  return result;
}
const hyphenated = new Map<string, string>();

/** The back cover's QR code, cached on disk by its text and label (qrcode then loads only on a change). */
function qrSvg(text: unknown, label?: string): string {
  const inputs = ["qr", filesFingerprint(["print/filters.ts", "node_modules/qrcode/package.json"]), String(text ?? ""), label ?? null];
  return cachedSync("qr", inputs, () => filters.qrSvg(text, label)).toString("utf8");
}

/** A print file as /imprimer/ and the feed show it: the build's facts, and its format's numbers. */
export interface PrintFileEntry extends PrintFileFacts {
  /** The format's numbers, in mm (the page the reader holds, or the sheet once imposed). */
  widthMm: number;
  heightMm: number;
}

/**
 * The `printFiles` data of the site render, from the print stage's facts
 * (scripts/site/build-site.ts passes them; [] when there are no PDFs). The
 * words around them (count, size) come from the language tables, through
 * the `comptePages` and `octets` filters.
 */
export function printFilesData(facts: PrintFileFacts[]): PrintFileEntry[] {
  return facts.map((f) => {
    const size = edition(f.key).imposition === "none" ? f.trim : f.sheet;
    return { ...f, widthMm: Math.round(size.widthMm * 100) / 100, heightMm: Math.round(size.heightMm * 100) / 100 };
  });
}

/**
 * A document's page size, bleed and (mini-zine) margins, from the editions
 * table: Paged.js reads them after the design's own stylesheet.
 * `size` in mm on purpose: Paged.js 0.4.3 only applies a bleed when the @page
 * rule that carries it also sets a size it sees as new.
 */
export function formatCss(doc: PrintDocument): string {
  const rules = [`size: ${doc.page.widthMm}mm ${doc.page.heightMm}mm;`];
  if (doc.layoutBleedMm) rules.push(`bleed: ${doc.layoutBleedMm}mm;`);
  if (doc.key === "mini") rules.push(`margin: ${MINI_MARGIN_MM}mm;`);
  return `/* Written from print/editions.ts by print/eleventy.ts: edit that table. */\n@page { ${rules.join(" ")} }\n`;
}

export default function printEdition(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("cesure", cesure);
  eleventyConfig.addFilter("notesEnBasDePage", filters.notesEnBasDePage);
  eleventyConfig.addFilter("liensPapier", filters.liensPapier);
  eleventyConfig.addFilter("chapterIdsByUrl", filters.chapterIdsByUrl);
  eleventyConfig.addFilter("chapterAnchor", filters.chapterAnchor);
  eleventyConfig.addFilter("sectionAnchor", filters.sectionAnchor);
  eleventyConfig.addFilter("ancresDuChapitre", filters.ancresDuChapitre);
  eleventyConfig.addFilter("sectionsDuChapitre", filters.sectionsDuChapitre);
  eleventyConfig.addFilter("titreCourant", filters.titreCourant);
  // The file a person edits for a chapter (ZINE_DIR's, not Eleventy's virtual path): named in preflight messages.
  eleventyConfig.addFilter("fichierSource", sourceFile);
  eleventyConfig.addFilter("qrSvg", qrSvg);
  eleventyConfig.addFilter("miniZinePanels", filters.miniZinePanels);
  eleventyConfig.addFilter("comptePages", filters.comptePages);

  eleventyConfig.addPassthroughCopy(ASSET_FILES);
  // The handlers, compiled from TypeScript at each build (a virtual template: Nunjucks only calls the function).
  eleventyConfig.addTemplate("imprimer/assets/handlers.njk", "{{ handlersJs() | safe }}", {
    permalink: HANDLERS_URL,
    eleventyExcludeFromCollections: true,
    handlersJs,
  });
  for (const doc of printDocuments) {
    eleventyConfig.addTemplate(`imprimer/assets/format-${doc.key}.njk`, "{{ css | safe }}", {
      permalink: FORMAT_CSS(doc.key),
      eleventyExcludeFromCollections: true,
      css: formatCss(doc),
    });
  }
  eleventyConfig.addWatchTarget("print/");

  // Each print document is a one-line virtual template that includes its
  // real template from print/ (Nunjucks also searches the project root).
  for (const doc of printDocuments) {
    eleventyConfig.addTemplate(`imprimer/${doc.key}.njk`, `{% include "${doc.template}" %}`, {
      permalink: doc.url,
      edition: doc,
      // The PDFs made from this document: their titles go into its <head> (print/render.ts reads them).
      pdfEditions: editions.filter((e) => e.document === doc.key).map((e) => e.key),
      eleventyExcludeFromCollections: true,
      // The include hides which collections the page reads: say it, so chapters render first.
      eleventyImport: { collections: ["chapitre", "chapitres"] },
    });
  }

  // `printFiles` (what /imprimer/ and the feed say about the PDFs) is not read here:
  // the build hands the print stage's facts to the site render (scripts/site/build-site.ts).
  // npm start: are the last full build's PDFs older than the content? (scripts/site/print-freshness.ts)
  // (Eleventy's JSDoc types `directories` as a bare object; it has `output` at run time.)
  const directories = eleventyConfig.directories as { output: string };
  eleventyConfig.addGlobalData("printStale", () => printStaleness(directories.output));
  // npm start has no print stage: /imprimer/ offers the last full build's PDFs (`printFiles` wins when a build gives it).
  eleventyConfig.addGlobalData("printFilesDev", () => printFilesData(lastBuildPrintFiles(directories.output)));
  // Likewise the riso edition's proof and masters (a full build hands them as `risoEdition`).
  eleventyConfig.addGlobalData("risoEditionDev", () => lastBuildRisoEdition(directories.output));
}
