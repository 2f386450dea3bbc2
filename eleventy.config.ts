/**
 * The table of contents of the build: what Eleventy reads, with which
 * Markdown, filters and collections. Each piece lives in scripts/site/.
 */
import rssPlugin from "@11ty/eleventy-plugin-rss";
import { markdown } from "./scripts/site/markdown.ts";
import { parseYamlData } from "./scripts/site/data.ts";
import { chapters } from "./scripts/site/collections.ts";
import * as filters from "./scripts/site/filters.ts";
import { passthrough } from "./scripts/site/assets.ts";
import platesPlugin from "./scripts/site/plates.ts";
import { registerPictures } from "./scripts/site/pictures.ts";
import { webFonts, writeFonts } from "./scripts/site/fonts.ts";
import { compactPages } from "./scripts/site/compact-html.ts";
import { favicons } from "./scripts/site/favicon.ts";
import { checkInternalLinks, type BuiltPage } from "./scripts/site/check-links.ts";
import { sourceFile, useZineFolder } from "./scripts/site/zine-folder.ts";
import { parseFrontMatter } from "./scripts/site/front-matter.ts";
import printEdition from "./print/eleventy.ts";
import { devServer } from "./scripts/site/dev-server.ts";
import { importTypeScript } from "./scripts/lib/compile.mjs";
import { CSP } from "./scripts/site/csp.ts";

// Eleventy ships no types; its JSDoc gives us the shape of the config object.
type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.setLibrary("md", markdown);
  // Front matter read as written (no date rolled over), errors naming the real file (scripts/site/front-matter.ts).
  eleventyConfig.setFrontMatterParsingOptions({
    engines: { yaml: { parse: (text: string, options: { filePath: string }) => parseFrontMatter(text, sourceFile(options.filePath)) } },
  });
  eleventyConfig.addDataExtension("yaml,yml", { parser: parseYamlData });
  // Directory data in TypeScript (src/chapitres/chapitres.11tydata.ts): its default export.
  // (Compiled with the build under scripts/launch.mjs, which runs without a TypeScript loader.)
  eleventyConfig.addDataExtension("ts", { read: false, parser: async (file: string) => (await importTypeScript(file)).default ?? {} });
  // The kit: ZINE_DIR=folder builds another zine's content with these templates (scripts/site/zine-folder.ts).
  useZineFolder(eleventyConfig);

  // The pages' Content-Security-Policy, one text for every template (scripts/site/csp.ts).
  eleventyConfig.addGlobalData("csp", CSP);
  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
  eleventyConfig.addCollection("chapitres", chapters);
  // The zine's images/ folder, published with sizes, phone-sized copies and grey copies for paper.
  registerPictures(eleventyConfig);
  // The `plate` shortcode, sharing cards (`carte` filter), plate PNG/SVG files, the contact sheet's data.
  eleventyConfig.addPlugin(platesPlugin);

  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addPassthroughCopy(passthrough);
  // The stylesheet with its @font-face rules; the fonts, cut to the site's characters, are written after the pages.
  eleventyConfig.addPlugin(webFonts);
  // Reading pages without their templates' indentation (scripts/site/compact-html.ts).
  eleventyConfig.addPlugin(compactPages);
  // favicon.svg, favicon.ico, apple-touch-icon.png, drawn from a plate.
  eleventyConfig.addPlugin(favicons);
  // The print edition: its documents, CSS, Paged.js handlers and the printFiles data (print/eleventy.ts).
  eleventyConfig.addPlugin(printEdition);
  // npm start: a shorter wait for a save to settle, templates compiled once per session (scripts/site/dev-server.ts).
  devServer(eleventyConfig);

  eleventyConfig.on("eleventy.after", async ({ directories, results, incremental }: { directories: { output: string }; results: BuiltPage[]; incremental: boolean }) => {
    // Fonts first: pages preload one, and the link check looks for it. (npm start: only if a save brings new characters.)
    await writeFonts(directories.output, incremental ? results : undefined);
    // npm start: the pages a save rebuilt, checked with the rest of the site as the session built it.
    checkInternalLinks(directories.output, results, incremental);
  });
}

export const config = {
  dir: { input: "src", includes: "../_includes", layouts: "../_includes/layouts", data: "../_data" },
  // Markdown is only Markdown: content can't run template code.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
  templateFormats: ["md", "njk"],
};
