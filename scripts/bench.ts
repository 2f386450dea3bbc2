/**
 * `npm run bench`: one table of every figure the project watches — build
 * times, start-up, save-to-page, what a reader's browser fetches, print cost
 * at scale and peak memory — each against a yardstick measured in the same
 * run (the machine is shared: ratios mean something, raw seconds less so).
 * Timings live here, never in a test's pass/fail. Everything is built into
 * temporary folders with commands run as a person runs them.
 *   --runs=3     how many alternated runs of the fast measures (median reported)
 *   --no-scale   skip the generated 40- and 150-page zines (minutes)
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
/** The npm scripts, run as npm runs them (without npm itself): `node --import tsx …` or `tsx …`. */
const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
function npmScript(name: string): [string, string[]] {
  const [command, ...args] = SCRIPTS[name].split(/\s+/);
  return [command === "node" ? process.execPath : command === "tsx" ? TSX : command, args];
}
const ELEVENTY_CMD = path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
const scale = !process.argv.includes("--no-scale");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-bench-"));

/** One line of the table: a figure, the yardstick it is compared with, and the goal for the ratio. */
export interface BenchRow {
  label: string;
  value: string;
  reference?: string;
  ratio?: number;
  /** The same ratio in CPU time, when measured. */
  ratioCpu?: number;
  goal?: string;
}

const rows: BenchRow[] = [];
const ms = (value: number): string => `${Math.round(value)} ms`;
/** Megabytes as the memory rows write them (PSS, 2^20 bytes). */
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} Mo`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1).replace(".", ",")} Ko`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const note = (message: string): void => void process.stderr.write(`  bench : ${message}\n`);

interface Run {
  wall: number;
  /** User + system CPU time of the process and the children it waited for, in ms (GNU time; NaN without it). */
  cpu: number;
  /** Milliseconds from spawn to the first line that matches `firstLine` (the first stage starting). */
  firstLine?: number;
  /** Peak memory (PSS) of the process and all its children (Chromium), in bytes. */
  peakRss: number;
  /** Of that peak, the browser's share (Chromium and its processes), in bytes; the rest is Node and the tools it runs. */
  peakBrowser: number;
  output: string;
  code: number;
}

/** Memory of `pid` and every descendant (proportional set size), from /proc (Linux), and the browser's part of it; 0 elsewhere. */
function treeRss(pid: number): { total: number; browser: number } {
  let total = 0;
  let browser = 0;
  try {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      } catch {
        // the process ended while we looked
      }
    }
    // Each process with whether it is the browser's (Chromium, or a child of it: renderers, zygotes, utilities).
    const pending: [number, boolean][] = [[pid, false]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [p, inherited] = next;
      let inBrowser = inherited;
      try {
        inBrowser ||= /^(chromium|chrome|headless_shell)/.test(fs.readFileSync(`/proc/${p}/comm`, "utf8"));
        // PSS: each process's share of the pages it shares (Chromium's processes share a lot; RSS would count it each time).
        const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, "utf8"));
        if (pss) {
          total += Number(pss[1]) * 1024;
          if (inBrowser) browser += Number(pss[1]) * 1024;
        }
      } catch {
        // gone
      }
      pending.push(...(children.get(p) ?? []).map((child): [number, boolean] => [child, inBrowser]));
    }
  } catch {
    return { total: 0, browser: 0 };
  }
  return { total, browser };
}

/**
 * GNU time, when the machine has it: CPU time is what a shared machine's load
 * changes least, so the site rows give it beside the wall time.
 */
const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const CPU_LINE = /__cpu__ ([\d.]+) ([\d.]+)/;

/** Runs a command, timing it (and, if asked, the moment a line matching `firstLine` appears). */
function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; firstLine?: RegExp; sampleMemory?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [program, programArgs] = GNU_TIME ? [GNU_TIME, ["-f", "__cpu__ %U %S", command, ...args]] : [command, args];
    const child = spawn(program, programArgs, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let firstLine: number | undefined;
    let peakRss = 0;
    let peakBrowser = 0;
    const sampler = options.sampleMemory
      ? setInterval(() => {
          const sample = treeRss(child.pid!);
          if (sample.total <= peakRss) return;
          peakRss = sample.total;
          peakBrowser = sample.browser;
        }, 100)
      : undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (firstLine === undefined && options.firstLine?.test(output)) firstLine = performance.now() - started;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      const cpu = CPU_LINE.exec(output);
      resolve({ wall: performance.now() - started, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, firstLine, peakRss, peakBrowser, output, code: code ?? 1 });
    });
  });
}

function mustSucceed(what: string, result: Run): Run {
  if (result.code !== 0) throw new Error(`${what} a échoué (code ${result.code}) :\n${result.output}`);
  return result;
}

/** A bare Eleventy run over a one-page input, no config: the floor a site build is measured against. */
async function floorRun(): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(work, "floor-"));
  fs.mkdirSync(path.join(dir, "src"));
  fs.writeFileSync(path.join(dir, "src/index.md"), "# Une page\n\nBonjour.\n");
  return mustSucceed("Eleventy seul", await run(process.execPath, [ELEVENTY_CMD, "--input=src", "--output=_site", "--quiet"], { cwd: dir }));
}

/** `npm run build:site` as a person types it, into `output`, with the content cache in `cache`. */
function siteBuild(output: string, cache: string, env: Record<string, string> = {}, extra: string[] = []): Promise<Run> {
  const [command, args] = npmScript("build:site");
  return run(command, [...args, ...extra], { env: { ZINE_OUTPUT: output, ZINE_CACHE: cache, ...env }, firstLine: /site :/ });
}

/** Median wall and CPU time of a list of runs, and both as the table writes them. */
const wallOf = (list: Run[]): number => median(list.map((r) => r.wall));
const cpuOf = (list: Run[]): number => median(list.map((r) => r.cpu));
const seconds = (value: number): string => `${(value / 1000).toFixed(2).replace(".", ",")} s`;
const withCpu = (list: Run[]): string => (GNU_TIME ? `${ms(wallOf(list))} (CPU ${seconds(cpuOf(list))})` : ms(wallOf(list)));

/** The site stage against the floor, alternated run by run so both see the same load. */
async function siteRows(): Promise<{ site: string; cache: string }> {
  const floors: Run[] = [];
  const colds: Run[] = [];
  const warms: Run[] = [];
  const forced: Run[] = [];
  const startups: number[] = [];
  let lastOutput = "";
  let lastCache = "";
  for (let i = 0; i < runs; i++) {
    note(`site ${i + 1}/${runs}`);
    floors.push(await floorRun());
    const output = path.join(work, `site-${i}`, "_site");
    const cache = fs.mkdtempSync(path.join(work, "cache-"));
    const cold = mustSucceed("npm run build:site", await siteBuild(output, cache));
    colds.push(cold);
    if (cold.firstLine !== undefined) startups.push(cold.firstLine);
    // Nothing changed: the same output folder, the cache the cold build filled.
    warms.push(mustSucceed("npm run build:site (2e)", await siteBuild(output, cache)));
    if (!/rien n’a changé/.test(warms.at(-1)!.output)) throw new Error("npm run build:site (2e) a tout refait alors que rien n’avait changé");
    // The same, every page rendered again (--force): what the up-to-date check spares, and any edit costs.
    forced.push(mustSucceed("npm run build:site -- --force", await siteBuild(output, cache, {}, ["--force"])));
    lastOutput = output;
    lastCache = cache;
  }
  const floor = wallOf(floors);
  const reference = `${withCpu(floors)} (Eleventy seul, 1 page)`;
  const ratios = (list: Run[]) => ({ ratio: wallOf(list) / floor, ratioCpu: GNU_TIME ? cpuOf(list) / cpuOf(floors) : undefined });
  rows.push({ label: "démarrage (lancement → 1re étape)", value: ms(median(startups)), reference: `${ms(floor)} (Eleventy seul, 1 page)`, ratio: median(startups) / floor });
  rows.push({ label: "build:site à froid (cache vide)", value: withCpu(colds), reference, ...ratios(colds), goal: "≤ 2" });
  rows.push({ label: "build:site, rien de changé", value: withCpu(warms), reference, ...ratios(warms), goal: "≤ 1,3" });
  rows.push({ label: "build:site --force (cache plein, tout refait)", value: withCpu(forced), reference, ...ratios(forced) });
  return { site: lastOutput, cache: lastCache };
}

/**
 * Where a cold site build's time goes, measured rather than guessed: the
 * build into a new folder with every cache full (nothing to draw, cut or
 * compile: what rendering the site costs by itself), then with one folder of
 * the content cache emptied at a time (what that kind of work adds to a cold
 * build), all alternated run by run with the floor.
 */
async function coldCostRows(filled: string): Promise<void> {
  const kinds = fs
    .readdirSync(filled, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  /** A copy of the filled cache, without one kind's folder. */
  const cacheWithout = (kind?: string): string => {
    const copy = fs.mkdtempSync(path.join(work, "cache-"));
    fs.cpSync(filled, copy, { recursive: true, filter: (source) => path.relative(filled, source).split(path.sep)[0] !== kind });
    return copy;
  };
  const build = async (label: string, kind?: string): Promise<Run> => {
    const cache = cacheWithout(kind);
    const output = fs.mkdtempSync(path.join(work, "sortie-"));
    try {
      return mustSucceed(label, await siteBuild(path.join(output, "_site"), cache));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
      fs.rmSync(output, { recursive: true, force: true });
    }
  };
  const floors: Run[] = [];
  const full: Run[] = [];
  const without = new Map<string, Run[]>(kinds.map((kind) => [kind, []]));
  for (let i = 0; i < runs; i++) {
    note(`coût à froid, cache par cache ${i + 1}/${runs}`);
    floors.push(await floorRun());
    full.push(await build("npm run build:site (cache plein, dossier neuf)"));
    for (const kind of kinds) without.get(kind)!.push(await build(`npm run build:site (cache « ${kind} » vide)`, kind));
  }
  rows.push({
    label: "build:site, cache plein, dossier neuf (rien à dessiner ni découper)",
    value: withCpu(full),
    reference: `${withCpu(floors)} (Eleventy seul, 1 page)`,
    ratio: wallOf(full) / wallOf(floors),
    ratioCpu: GNU_TIME ? cpuOf(full) / cpuOf(floors) : undefined,
  });
  const added = kinds
    .map((kind) => ({ kind, wall: wallOf(without.get(kind)!) - wallOf(full), cpu: cpuOf(without.get(kind)!) - cpuOf(full) }))
    .sort((a, b) => (GNU_TIME ? b.cpu - a.cpu : b.wall - a.wall));
  const signed = (value: number): string => `${value < 0 ? "−" : "+"}${ms(Math.abs(value))}`;
  for (const { kind, wall, cpu } of added) {
    rows.push({ label: `à froid : ce que le cache « ${kind} » épargne`, value: GNU_TIME ? `${signed(wall)} (CPU ${signed(cpu)})` : signed(wall), reference: "build:site avec ce seul dossier du cache vide, moins cache plein" });
  }
}

/** A copy of the project to edit (node_modules linked), without build output or tests. */
function projectCopy(): string {
  const dir = fs.mkdtempSync(path.join(work, "projet-"));
  const leftOut = new Set(["node_modules", ".git", "_site", ".build", ".cache", "test", "test-output"]);
  for (const entry of fs.readdirSync(ROOT)) {
    if (!leftOut.has(entry)) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A TCP port nobody listens on, for the dev server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/**
 * Save-to-page: `npm start` as package.json runs it (dev server, live reload,
 * incremental) in a copy of the project; one chapter is saved with a new
 * sentence, and the time runs until the server has written the pages and
 * told the browser to reload (it then says it is watching again).
 * `kit`: the same with ZINE_DIR, on a copy of the kit fixture beside the project.
 */
async function saveToPageRow(kit = false): Promise<void> {
  const dir = projectCopy();
  const zine = kit ? path.join(work, `zine-${path.basename(dir)}`) : undefined;
  if (zine) fs.cpSync(path.join(ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
  const content = zine ?? path.join(dir, "src");
  const [command, args] = npmScript("start");
  const env = { ...process.env, FORCE_COLOR: "0", ZINE_CACHE: path.join(dir, ".cache"), ZINE_DIR: zine ?? "" };
  const child = spawn(command, [...args, `--port=${await freePort()}`, "--output=_site"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const waitFor = (pattern: RegExp, from: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`le serveur de développement n’a pas répondu :\n${output}`)), 120_000);
      const check = () => {
        const match = pattern.exec(output.slice(from));
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        } else setTimeout(check, 5);
      };
      check();
    });
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  try {
    await waitFor(/Watching…|Watching\.\.\./, 0);
    // The watcher is told about files a moment after Eleventy says it is watching.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const chapters = fs.readdirSync(path.join(content, "chapitres")).filter((f) => f.endsWith(".md")).sort();
    const chapter = path.join(content, "chapitres", chapters[0]);
    const samples: number[] = [];
    let wrote = "";
    for (let i = 0; i < runs; i++) {
      const from = output.length;
      const started = performance.now();
      fs.appendFileSync(chapter, `\nUne phrase ajoutée par le bench (${i}).\n`);
      wrote = await waitFor(/Wrote \d+ files?[^\n]*/, from);
      await waitFor(/Watching/, from);
      samples.push(performance.now() - started);
    }
    // Print text carries soft hyphens: read it without them.
    const preview = fs.readFileSync(path.join(dir, "_site/imprimer/apercu/index.html"), "utf8").replace(/\u00AD/g, "");
    const seen = preview.includes(`bench (${runs - 1})`) ? "aperçu à jour" : "APERÇU PAS À JOUR";
    rows.push({ label: kit ? "enregistrer → page (ZINE_DIR=kit npm start)" : "enregistrer → page (npm start)", value: ms(median(samples)), reference: `${wrote.replace(/ in .*/, "")}, ${seen}`, goal: "≤ 150 ms" });
  } finally {
    child.kill();
  }
}

/** All the bytes Chromium fetches to show `url` (uncompressed: the local server sends files as they are). */
async function pageWeight(browser: import("playwright-core").Browser, url: string): Promise<{ total: number; requests: number; fonts: number; fontBytes: number; missing: string[] }> {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const fetched: { url: string; bytes: number; status: number }[] = [];
  page.on("requestfinished", async (request) => {
    const response = await request.response();
    const body = await response?.body().catch(() => Buffer.alloc(0));
    fetched.push({ url: request.url(), bytes: body?.length ?? 0, status: response?.status() ?? 0 });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(200);
  await page.close();
  const fonts = fetched.filter((f) => f.url.endsWith(".woff2"));
  return {
    total: fetched.reduce((sum, f) => sum + f.bytes, 0),
    requests: fetched.length,
    fonts: fonts.length,
    fontBytes: fonts.reduce((s, f) => s + f.bytes, 0),
    missing: fetched.filter((f) => f.status >= 400).map((f) => new URL(f.url).pathname),
  };
}

/** The home page, the first chapter (the same one run after run), the heaviest chapter and /citations/, as Chromium fetches them. */
async function pageWeightRows(siteDir: string): Promise<void> {
  const { launchBrowser } = await import("./lib/browser.ts");
  const { serveFolder } = await import("./lib/server.ts");
  const { listFiles } = await import("./lib/site-files.ts");
  const server = await serveFolder(siteDir);
  // The full browser: it asks for the page's icon, as a reader's does (the headless shell never does).
  const browser = await launchBrowser({ full: true });
  try {
    const row = (label: string, w: Awaited<ReturnType<typeof pageWeight>>, goal: number, extra = ""): BenchRow => ({
      label,
      value: kb(w.total),
      reference: `${w.requests} requêtes, dont ${w.fonts} police(s) ${kb(w.fontBytes)}${extra}${w.missing.length ? `, introuvables : ${w.missing.join(" ")}` : ""}`,
      goal: goal ? `≤ ${goal} Ko` : undefined,
    });
    rows.push(row("poids accueil", await pageWeight(browser, server.origin + "/"), 50));
    const chapters = listFiles(path.join(siteDir, "chapitres")).filter((f) => f.endsWith("index.html")).map((f) => path.dirname(f));
    const weights = new Map<string, Awaited<ReturnType<typeof pageWeight>>>();
    for (const chapter of chapters) weights.set(chapter, await pageWeight(browser, `${server.origin}/chapitres/${chapter}/`));
    const first = chapters[0];
    const over = chapters.filter((c) => weights.get(c)!.total > 40 * 1024).length;
    rows.push(row(`poids chapitre (${first})`, weights.get(first)!, 40));
    const heaviest = [...chapters].sort((a, b) => weights.get(b)!.total - weights.get(a)!.total)[0];
    const margin = 40 * 1024 - weights.get(heaviest)!.total;
    rows.push(row(`poids chapitre le plus lourd (${heaviest})`, weights.get(heaviest)!, 40, `, ${over} chapitre(s) sur ${chapters.length} au-dessus de 40 Ko, ${margin >= 0 ? `marge ${kb(margin)}` : `${kb(-margin)} de trop`}`));
    rows.push(row("poids /citations/", await pageWeight(browser, server.origin + "/citations/"), 0));
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The whole build on our own zine (its wall time and peak memory), then the
 * print pipeline's own rows from print/bench-print.ts: each print stage, and
 * WeasyPrint on the same document as the yardstick of both.
 */
async function printRows(): Promise<void> {
  const output = path.join(work, "complet", "_site");
  const [command, args] = npmScript("build");
  const result = mustSucceed("npm run build", await run(command, args, { env: { ZINE_OUTPUT: output, ZINE_CACHE: path.join(work, "cache-complet") }, sampleMemory: true }));
  const buildRow: BenchRow = { label: "npm run build (site + PDF), cache vide", value: ms(result.wall), reference: `mémoire max ${(result.peakRss / 2 ** 20).toFixed(0)} Mo` };
  rows.push(buildRow);
  // Again into a new folder, the content cache the first build filled: every page and PDF made again, nothing drawn or cut.
  const again = mustSucceed("npm run build (cache plein)", await run(command, args, { env: { ZINE_OUTPUT: path.join(work, "complet-2", "_site"), ZINE_CACHE: path.join(work, "cache-complet") } }));
  const againRow: BenchRow = { label: "npm run build (site + PDF), cache plein", value: ms(again.wall), reference: "" };
  rows.push(againRow);
  note("impression et WeasyPrint");
  const { benchPrint, printBenchRows } = await import("../print/bench-print.ts");
  const bench = await benchPrint(output, runs);
  rows.push(...printBenchRows(bench));
  if (bench.weasyprintSeconds !== undefined) {
    buildRow.reference += `, WeasyPrint (A5 seul) ${ms(bench.weasyprintSeconds * 1000)}`;
    buildRow.ratio = result.wall / (bench.weasyprintSeconds * 1000);
    buildRow.goal = "≤ 2 × WeasyPrint";
    againRow.reference = `WeasyPrint (A5 seul) ${ms(bench.weasyprintSeconds * 1000)}`;
    againRow.ratio = again.wall / (bench.weasyprintSeconds * 1000);
    againRow.goal = "≤ 2 × WeasyPrint";
  }
}

/** Pages of the A5 reading edition, from the preflight report. */
function a5Pages(siteDir: string): number {
  const report = JSON.parse(fs.readFileSync(path.join(siteDir, "imprimer/preflight.json"), "utf8")) as { files: { key: string; pages: number }[] };
  return report.files.find((f) => f.key === "lecture")?.pages ?? 0;
}

/** Generated zines of ~40 and ~150 A5 pages: print cost per page (full build − site build), and peak memory. */
async function scaleRows(): Promise<void> {
  const { writeGeneratedZine } = await import("./lib/generate-zine.ts");
  const perPage: number[] = [];
  for (const target of [40, 150]) {
    note(`zine généré de ${target} pages`);
    const zine = path.join(work, `zine-${target}`);
    writeGeneratedZine(zine, { pages: target, seed: 1 });
    const cache = path.join(work, `cache-${target}`);
    const env = { ZINE_DIR: zine, ZINE_CACHE: cache };
    const output = path.join(work, `sortie-${target}`, "_site");
    const full = await run(...npmScript("build"), { env: { ...env, ZINE_OUTPUT: output }, sampleMemory: true });
    const site = mustSucceed(`npm run build:site (${target} p.)`, await run(...npmScript("build:site"), { env: { ...env, ZINE_OUTPUT: path.join(work, `site-${target}`, "_site") } }));
    // A preflight that refuses the generated text still tells the cost: pages from the layout's own line.
    const laidOut = /mise en page du zine, (\d+) pages/.exec(full.output);
    if (full.code !== 0 && !laidOut) mustSucceed(`npm run build (${target} p.)`, full);
    const pages = full.code === 0 ? a5Pages(output) : Number(laidOut![1]);
    const refused = full.code === 0 ? "" : " (PDF refusés au contrôle)";
    const print = full.wall - site.wall;
    perPage.push(print / pages);
    rows.push({
      label: `zine généré ~${target} p. : ${pages} p. A5`,
      value: `${ms(print / pages)}/page`,
      reference: `build ${ms(full.wall)}${refused}, impression ${ms(print)}, mémoire max ${mb(full.peakRss)} (Node ${mb(full.peakRss - full.peakBrowser)}, Chromium ${mb(full.peakBrowser)})`,
      ratio: target === 150 ? perPage[1] / perPage[0] : undefined,
      goal: target === 150 ? "≤ 1,2 (par page, 150 / 40) ; mémoire ≤ 1 Go" : undefined,
    });
  }
}

function printTable(): void {
  const header = ["mesure", "valeur", "référence (même passe)", "rapport", "objectif"];
  const times = (n: number) => `${n.toFixed(2).replace(".", ",")} ×`;
  const ratio = (r: BenchRow) => (r.ratio === undefined ? "" : times(r.ratio) + (r.ratioCpu === undefined ? "" : ` (CPU ${times(r.ratioCpu)})`));
  const lines = rows.map((r) => [r.label, r.value, r.reference ?? "", ratio(r), r.goal ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(format(header));
  console.log(format(widths.map((w) => "-".repeat(w))));
  for (const line of lines) console.log(format(line));
}

try {
  console.log(`bench sur ${os.cpus().length} cœurs (partagés), Node ${process.version}, ${runs} passes alternées`);
  const { site, cache } = await siteRows();
  await coldCostRows(cache);
  await pageWeightRows(site);
  await saveToPageRow();
  await saveToPageRow(true);
  await printRows();
  if (scale) await scaleRows();
} finally {
  printTable();
  fs.rmSync(work, { recursive: true, force: true });
}
