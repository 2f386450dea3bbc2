/**
 * `npm run lighthouse`: Lighthouse 12.2.3 (mobile, simulated slow 4G, its
 * defaults) on every web page of a fresh full build, served as a static host
 * serves it (text gzipped), in Debian's Chromium; prints one table. A figure to watch, not a
 * test: the scores depend on the machine.
 *   --pages=/,/citations/   only these pages
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { findChromium } from "./lib/browser.ts";
import { serveFolder } from "./lib/server.ts";
import { fileForUrl, listFiles } from "./lib/site-files.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-lighthouse-"));
const site = path.join(work, "_site");
// A full build, as published: /imprimer/apercu/ is then the print's own layout as a static page (print/static-preview.ts);
// a site-only build into an empty folder has only the live preview, Paged.js in the browser, which `npm start` shows.
const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { env: { ...process.env, ZINE_OUTPUT: site }, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The pages a reader opens: every HTML page but the documents only the print stage renders. */
const only = process.argv.find((a) => a.startsWith("--pages="))?.slice(8).split(",");
const pages =
  only ??
  listFiles(site)
    .filter((f) => f.endsWith(".html") && !/^imprimer\/(zine|zine-fonds-perdus|mini-zine)\//.test(f))
    .map((f) => "/" + f.replace(/index\.html$/, ""))
    .sort();

// Text gzipped, as every static host serves it: Lighthouse simulates a slow 4G from the bytes that cross it, and an
// uncompressed HTML page is a server's fault (its own audit, uses-text-compression), not a page's weight (bench says that).
const server = await serveFolder(site, {}, { compress: true });
const chrome = await chromeLauncher.launch({ chromePath: findChromium(process.env, { full: true }), chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const rows: string[][] = [];
try {
  for (const url of pages) {
    process.stderr.write(`  lighthouse : ${url}\n`);
    const result = await lighthouse(server.origin + url, { port: chrome.port, output: "json", logLevel: "error" });
    const lhr = result?.lhr;
    if (!lhr) continue;
    const score = (key: string) => String(Math.round((lhr.categories[key]?.score ?? 0) * 100));
    const audit = (key: string) => lhr.audits[key]?.displayValue ?? "";
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
      .map((a) => a.id)
      .slice(0, 4)
      .join(" ");
    // The print preview is the paper zine laid out by Paged.js in the reader's browser (noindex, script-heavy by nature): a row apart.
    const label = fs.readFileSync(fileForUrl(site, url), "utf8").includes("paged.polyfill.js") ? `${url} (aperçu papier, Paged.js)` : url;
    rows.push([label, score("performance"), score("accessibility"), score("best-practices"), score("seo"), String(lhr.audits["cumulative-layout-shift"]?.numericValue?.toFixed(3) ?? ""), audit("first-contentful-paint"), audit("largest-contentful-paint"), failed]);
  }
} finally {
  await chrome.kill();
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
}

const header = ["page", "perf.", "access.", "pratiques", "SEO", "CLS", "FCP", "LCP", "audits sous 100 %"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of rows) console.log(line(row));
