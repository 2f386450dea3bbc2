/**
 * `npm run bench`: how long each stage takes on this machine. Timings live
 * here, never in a test's pass/fail. Builds into temporary folders.
 *   --runs=3   how many times to repeat the fast stages (median reported)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "./site/build-site.ts";
import { benchPrint, printBenchRows } from "../print/bench-print.ts";
import { plateKeys, plateSvg } from "./plates/index.ts";
import { formatBytes } from "./lib/log.ts";
import { listFiles } from "./lib/site-files.ts";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(label: string, times: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  // The first pass is cold (modules, fonts, caches of plates and cards); the rest show a rebuild.
  const [cold, ...warm] = samples;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${label.padEnd(36)} à froid ${s(cold)}${warm.length ? `, ensuite médiane ${s(median(warm))}` : ""}`);
  return cold;
}

function weight(dir: string, files: string[]): string {
  return formatBytes(files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-bench-"));
console.log(`bench sur ${os.cpus().length} cœurs, Node ${process.version}, ${runs} passes`);
await time("plates: all, web + print", runs, () => plateKeys.forEach((k) => (plateSvg(k, "web"), plateSvg(k, "print"))));
await time("site: Eleventy (pages, feed, cards)", runs, () => buildSite(dir));
// The print stage beside WeasyPrint on the same document, measured in this run (print/bench-print.ts).
for (const row of printBenchRows(await benchPrint(dir, runs))) console.log(row);

// What a reader's browser fetches for two pages: the HTML, the CSS and the fonts it uses.
const css = ["assets/css/site.css"];
const fonts = listFiles(path.join(dir, "assets/fonts")).map((f) => `assets/fonts/${f}`);
const chapter = listFiles(path.join(dir, "chapitres")).find((f) => f.endsWith("index.html"))!;
console.log(`poids accueil (HTML + CSS + polices)   ${weight(dir, ["index.html", ...css, ...fonts])}`);
console.log(`poids chapitre ${chapter.split("/")[0].padEnd(23)} ${weight(dir, [`chapitres/${chapter}`, ...css, ...fonts])}`);
fs.rmSync(dir, { recursive: true, force: true });
