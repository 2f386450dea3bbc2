/**
 * The print stages in order, over a built site in `outputDir`:
 * render (Paged.js in Chromium) → finish (dates, boxes) → impose (booklet,
 * mini-zine) → preflight (report). One browser and one local server for all
 * renders. Every PDF is written to a temporary file then renamed, so a crash
 * or a timeout never leaves a partial PDF behind.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../lib/browser.ts";
import { serveFolder } from "../lib/server.ts";
import { step, seconds, formatBytes } from "../lib/log.ts";
import { renderDocument, PAGED_JS_FILE, PAGED_JS_URL, type RenderResult } from "./render.ts";
import { finishPdf, pdfDate } from "./finish.ts";
import { imposeBooklet, imposeMiniZine } from "./impose.ts";
import { preflight, type PreflightEntry } from "./preflight.ts";
import { printDocuments, printFileName, risoProofName, PREFLIGHT_FILE, type PrintDocument, type PrintFileKey } from "../../print/editions.ts";
import { buildRiso, checkRiso } from "../../print/riso.ts";
import { buildSite } from "../site/build-site.ts";

/** The finished size of each rendered document, in mm. */
export const TRIM = {
  lecture: { widthMm: 148, heightMm: 210, bleedMm: 0 },
  presse: { widthMm: 148, heightMm: 210, bleedMm: 3 },
  mini: { widthMm: 74.25, heightMm: 105, bleedMm: 0 },
};

export interface PrintOptions {
  /** Creep compensation of the booklet's innermost sheet, in mm. */
  creepMm?: number;
  /** Reuse a browser (tests render more than once); otherwise one is started and closed. */
  browser?: Browser;
  /** Silence progress (tests). */
  quiet?: boolean;
}

export interface PrintSummary {
  files: PreflightEntry[];
  stages: Record<string, number>;
  problems: string[];
}

export class PreflightError extends Error {
  override name = "PreflightError";
  /** The message lists every problem and its fix: no stack trace under it. */
  readonly skipOriginalStack = true;
}

/** A wrong command-line option, said in the words of the person who typed it. */
export class PrintOptionError extends Error {
  override name = "PrintOptionError";
  readonly skipOriginalStack = true;
}

/** Writes `bytes` to `file` through a temporary file and a rename. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Progress as Paged.js lays pages out: rewritten in place on a terminal,
 * otherwise (CI logs) one line every 10 pages laid out in all.
 */
function progress(quiet: boolean) {
  const counts = new Map<string, number>();
  const tty = process.stderr.isTTY;
  let printed = 0;
  return (key: string) => (pages: number) => {
    if (quiet) return;
    counts.set(key, pages);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const line = [...counts].map(([k, n]) => `${k} ${n} p.`).join(" · ");
    if (tty) process.stderr.write(`\r  mise en page : ${line}   `);
    else if (total >= printed + 10) {
      printed = total - (total % 10);
      process.stderr.write(`  mise en page : ${line}\n`);
    }
  };
}

function byKey(key: PrintDocument["key"]): PrintDocument {
  const doc = printDocuments.find((d) => d.key === key);
  if (!doc) throw new Error(`document d’impression inconnu : ${key}`);
  return doc;
}

export async function buildPrint(outputDir: string, options: PrintOptions = {}): Promise<PrintSummary> {
  const quiet = options.quiet ?? false;
  const log = (message: string) => (quiet ? undefined : step(message));
  const stages: Record<string, number> = {};
  const dir = path.join(outputDir, "imprimer");
  const server = await serveFolder(outputDir, { [PAGED_JS_URL]: PAGED_JS_FILE });
  let browser = options.browser;
  const ownBrowser = !browser;
  try {
    let t = performance.now();
    browser ??= await launchBrowser();
    const onPage = progress(quiet);
    log("impression : Paged.js met en pages le zine, l’édition imprimeur et le mini-zine…");
    // The three documents lay out side by side in the one browser.
    const [lecture, presse, mini] = await Promise.all(
      (["lecture", "fonds-perdus", "mini"] as const).map((key) =>
        // The reading layout is also printed once per riso drum (print/riso.ts).
        renderDocument(browser as Browser, server.origin + byKey(key).url, onPage(key), undefined, key === "lecture"),
      ),
    );
    if (!quiet && process.stderr.isTTY) process.stderr.write("\n");
    stages.rendu = (performance.now() - t) / 1000;
    log(`impression : mise en page ${lecture.pages} + ${presse.pages} + ${mini.pages} pages en ${seconds(t)}`);

    t = performance.now();
    // Every PDF carries the content's date and what its document says about itself.
    const date = pdfDate(lecture.date);
    const a5 = await finishPdf(lecture.pdf, { ...lecture.meta, date, trim: TRIM.lecture });
    const press = await finishPdf(presse.pdf, { ...presse.meta, date, trim: TRIM.presse });
    const miniPages = await finishPdf(mini.pdf, { ...mini.meta, date, trim: TRIM.mini });
    const meta = { ...lecture.meta, date };
    stages.finition = (performance.now() - t) / 1000;

    t = performance.now();
    const booklet = await imposeBooklet(a5, { ...meta, title: `${meta.title.replace(/ — .*$/, "")} — Livret A4 à imprimer et plier` }, options.creepMm ?? 0);
    const miniSheet = await imposeMiniZine(miniPages, { ...mini.meta, date });
    stages.imposition = (performance.now() - t) / 1000;

    t = performance.now();
    const bookletMeta = { ...meta, title: `${meta.title.replace(/ — .*$/, "")} — Livret A4 à imprimer et plier` };
    const riso = await buildRiso(lecture.inks!, { ...lecture.meta, date, trim: TRIM.lecture }, { meta: bookletMeta, creepMm: options.creepMm ?? 0 });
    const proofFiles = riso.proof.map((png, i) => [risoProofName(lecture.slug, i + 1), png] as const);
    stages.riso = (performance.now() - t) / 1000;

    t = performance.now();
    const outputs: [PrintFileKey, Uint8Array, Parameters<typeof preflight>[3], RenderResult | undefined][] = [
      ["lecture", a5, { widthMm: 148, heightMm: 210, multiple: 4 }, lecture],
      ["livret", booklet, { widthMm: 297, heightMm: 210, multiple: 2 }, undefined],
      ["mini", miniSheet, { widthMm: 297, heightMm: 210, multiple: 1, pages: 1 }, mini],
      ["presse", press, { widthMm: 148, heightMm: 210, multiple: 4 }, presse],
      ["livretRisoRose", riso.livret.rose, { widthMm: 297, heightMm: 210, multiple: 2 }, undefined],
      ["livretRisoNoir", riso.livret.noir, { widthMm: 297, heightMm: 210, multiple: 2 }, undefined],
      ["risoRose", riso.a5.rose, { widthMm: 148, heightMm: 210, multiple: 4 }, undefined],
      ["risoNoir", riso.a5.noir, { widthMm: 148, heightMm: 210, multiple: 4 }, undefined],
      ["tonDirect", riso.offset, { widthMm: 148, heightMm: 210, multiple: 4 }, undefined],
    ];
    const files: PreflightEntry[] = [];
    for (const [key, bytes, expect, render] of outputs) {
      const file = printFileName(key, lecture.slug);
      files.push(await preflight(key, file, bytes, expect, render ? { overflows: render.overflows, loneLines: render.loneLines, warnings: render.warnings } : undefined));
    }
    const problems = files.flatMap((f) => f.problems.map((p) => `${f.file} : ${p}`));
    problems.push(...(await checkRiso(riso.a5, "riso A5", lecture.inks!.items)), ...(await checkRiso(riso.livret, "riso livret")));
    stages.controle = (performance.now() - t) / 1000;

    const risoReport = { proof: proofFiles.map(([name]) => `/imprimer/${name}`), pinkPages: riso.pinkPages, platePages: riso.platePages, ...riso.measured };
    const report = { date: date.toISOString(), files, problems, riso: risoReport };
    // Nothing is published if the preflight finds a hard problem.
    if (problems.length) {
      throw new PreflightError(`contrôle avant impression : ${problems.length} problème(s)\n  ${problems.join("\n  ")}`);
    }
    for (const [key, bytes] of outputs) writeAtomically(path.join(dir, printFileName(key, lecture.slug)), bytes);
    for (const [name, png] of proofFiles) writeAtomically(path.join(dir, name), png);
    writeAtomically(path.join(outputDir, PREFLIGHT_FILE), JSON.stringify(report, null, 2) + "\n");

    if (!quiet) {
      // The preflight, in short: every line here was checked (problems stop the build above).
      for (const f of files) {
        const embedded = f.fonts.filter((font) => font.embedded).length;
        step(
          `  ${f.file} : ${f.pages} p.${f.multiple === 4 ? ` (${f.pages / 4} × 4)` : ""}, ${f.widthMm} × ${f.heightMm} mm, ${formatBytes(f.bytes)}, ` +
            `${embedded}/${f.fonts.length} polices incorporées, aucune Type 3, ${f.overflows.length} débordement, ${f.loneLines.length} ligne veuve ou orpheline, ${f.warnings.length} avertissement Paged.js`,
        );
      }
      const fontNames = [...new Set(files.flatMap((f) => f.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ""))))];
      step(`  polices : ${fontNames.join(", ")}`);
      step(
        `  riso : rose sur ${riso.pinkPages.length} pages sur ${lecture.pages}` +
          (riso.platePages.length ? ` (planches sur ${riso.platePages.length})` : " (les planches n’ont pas de ton direct : le rose ne porte que les accents typographiques)") +
          `, trait le plus fin ${riso.measured.thinnestLinePt ?? "–"} pt, texte le plus petit ${riso.measured.smallestTextPt ?? "–"} pt, encre à ${riso.measured.tints.join(" / ")} %` +
          `, épreuve en ${proofFiles.length} PNG ; pas de repères de calage : les feuilles sont au format fini, sans marge autour de la coupe`,
      );
      step(
        "impression : " +
          Object.entries(stages)
            .map(([name, s]) => `${name} ${s.toFixed(1)} s`)
            .join(", ") +
          ` ; rapport dans ${PREFLIGHT_FILE}`,
      );
    }
    return { files, stages, problems };
  } finally {
    if (ownBrowser) await browser?.close().catch(() => {});
    await server.close();
  }
}

/** `--creep=0.4` on the command line: the booklet's creep compensation in mm. */
export function creepFromArgs(argv: string[]): number {
  const raw = argv.find((a) => a.startsWith("--creep="))?.slice("--creep=".length);
  if (raw === undefined) return 0;
  const mm = Number(raw.replace(",", "."));
  if (!Number.isFinite(mm) || mm < 0 || mm > 5) {
    throw new PrintOptionError(`--creep=${raw} : indiquez la chasse en millimètres, entre 0 et 5 (par exemple --creep=0.3)`);
  }
  return mm;
}

/**
 * The print stages as the build runs them: the PDFs, then a second Eleventy
 * pass so /imprimer/ lists them with their pages and sizes (the page can only
 * know them once they exist). Eleventy's output is deterministic, so the
 * second pass rewrites every other page identically.
 */
export async function printStages(outputDir: string, options: PrintOptions = {}): Promise<PrintSummary> {
  const summary = await buildPrint(outputDir, options);
  const t = performance.now();
  await buildSite(outputDir);
  if (!options.quiet) step(`impression : /imprimer/ mis à jour en ${seconds(t)}`);
  return summary;
}

/**
 * `npm run build:print`: only the staging's imprimer/ folder replaces the
 * published one (two renames), the rest of the published site is left as it is.
 */
export function publishPrintFolder(staging: string, final: string): void {
  if (!fs.existsSync(final)) {
    throw new Error(`${final}/ n’existe pas → lancez d’abord npm run build`);
  }
  const source = path.join(staging, "imprimer");
  const target = path.join(final, "imprimer");
  const previous = `${target}.previous`;
  fs.rmSync(previous, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, previous);
  fs.renameSync(source, target);
  fs.rmSync(previous, { recursive: true, force: true });
  fs.rmSync(staging, { recursive: true, force: true });
}
