/**
 * The print stages in order, over a built site in `outputDir`:
 * render (Paged.js lays out the zine once, and the mini-zine) → finish (grey
 * ink, boxes on the trim, dates) → editions (the press file and the booklet
 * from those same pages, the mini-zine sheet) → preflight (report). One
 * browser and one local server for both renders. Every PDF is written to a temporary file then renamed, so a crash
 * or a timeout never leaves a partial PDF behind.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import type { PDFDocument } from "pdf-lib";
import { launchBrowser, BrowserFailure } from "../scripts/lib/browser.ts";
import { serveFolder } from "../scripts/lib/server.ts";
import { step, seconds, formatBytes, count } from "../scripts/lib/log.ts";
import { renderDocument, PAGED_JS_FILE, PAGED_JS_URL, type RenderResult, type RenderHooks } from "./render.ts";
import { finishPages, pdfDate, readPdf, type FinishOptions } from "./finish.ts";
import { imposeBooklet, imposeMiniZine } from "./impose.ts";
import { pressEdition } from "./press.ts";
import { preflight, sameDrawingPerPage, type PreflightEntry } from "./preflight.ts";
import { printDocument, editions, edition, printFileName, risoProofName, PREFLIGHT_FILE, type EditionKey, type PrintFileFacts } from "./editions.ts";
import { buildSite, type SiteBuild } from "../scripts/site/build-site.ts";
import type { RisoReport } from "./riso-page.ts";
import { writeStaticPreview, type LaidOutPreview } from "./static-preview.ts";
import { buildRiso, checkRiso, proofPages, risoA5, risoBooklet, DRUM_FILES, INKS, type Drum, type DrumMaking, type Ink } from "./riso.ts";

export interface PrintOptions {
  /** Creep compensation of the booklet's innermost sheet, in mm. */
  creepMm?: number;
  /** Reuse a browser (tests render more than once); otherwise one is started and closed. */
  browser?: Browser;
  /**
   * A browser already starting, a head start (npm run build starts it while Eleventy renders the site); closed
   * here like one started here. If it died while starting or idle meanwhile, one is started here as if it had not
   * been; a start that timed out, or no browser found, is this stage's error as it would have been.
   */
  launching?: Promise<Browser>;
  /** Silence progress (tests). */
  quiet?: boolean;
}

export interface PrintSummary {
  files: PreflightEntry[];
  /** What /imprimer/ and the feed say about each file written (none if the preflight refused them). */
  facts: PrintFileFacts[];
  /** What /imprimer/ says about the riso edition (print/riso-page.ts). */
  riso?: RisoReport;
  stages: Record<string, number>;
  problems: string[];
  /** The zine's laid-out pages, for the static /imprimer/apercu/ (print/static-preview.ts). */
  preview?: LaidOutPreview;
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

/** A measured number for the French log: decimal comma (0,35), « – » when there is nothing to measure. */
function decimal(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : String(value).replace(".", ",");
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

/**
 * The title a PDF carries, in the zine's language: its document writes it in
 * <meta name="zine-pdf-<key>"> from the language table (editions.<key>).
 */
export function pdfTitle(layout: Pick<RenderResult, "pdfTitles">, key: EditionKey): string {
  const title = layout.pdfTitles[key];
  if (!title) throw new Error(`le document d’impression ne donne pas le titre du PDF « ${key} » (<meta name="zine-pdf-${key}">) → vérifiez pdfEditions dans print/eleventy.ts et editions.${key} dans _data/langues/`);
  return title;
}

/** The reading A5 from the zine's one layout: grey, boxed to the trim, dated (`as`: a riso drum's master, finished the same way). */
export function readingEdition(zine: RenderResult, as?: Pick<FinishOptions, "ink" | "title">): Promise<Uint8Array> {
  const date = pdfDate(zine.date);
  return finishPages(zine.pdf, { ...zine.meta, date, title: pdfTitle(zine, "lecture"), ...as, trim: edition("lecture").trim, layoutBleedMm: printDocument("zine").layoutBleedMm });
}

/** A print file read back and checked: the preflight's entry, and the document for the checks across files. */
interface CheckedFile {
  entry: PreflightEntry;
  doc: PDFDocument;
}

/** Closes the browser, bounded: a hung browser would otherwise hold the build (scripts/lib/browser.ts says why it failed). */
function closeBrowser(browser: Browser): Promise<unknown> {
  return Promise.race([browser.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
}

export async function buildPrint(outputDir: string, options: PrintOptions = {}): Promise<PrintSummary> {
  const quiet = options.quiet ?? false;
  const log = (message: string) => (quiet ? undefined : step(message));
  // In the order they start; they overlap (Node finishes and checks while Chromium prints), so they add up to more than the whole.
  const stages: Record<string, number> = { rendu: 0, finition: 0, editions: 0, riso: 0, controle: 0 };
  const dir = path.join(outputDir, "imprimer");
  // Work started now and awaited later must not count as an unhandled rejection meanwhile: its error is thrown where it is awaited.
  const started = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => {});
    return promise;
  };
  // Chromium starts while the server opens, unless it has started already.
  const early = options.launching?.catch((error) => {
    if (error instanceof BrowserFailure && error.died) return undefined;
    throw error;
  });
  const launching = options.browser ? undefined : started(early ?? launchBrowser());
  const server = await serveFolder(outputDir, { [PAGED_JS_URL]: PAGED_JS_FILE }).catch(async (error) => {
    await launching?.then((b) => b && closeBrowser(b), () => {});
    throw error;
  });
  let browser = options.browser;
  const ownBrowser = !browser;
  /** Runs `work`, adding its duration to stages[name] (stages overlap: Node finishes and checks while Chromium prints). */
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      stages[name] = (stages[name] ?? 0) + (performance.now() - t) / 1000;
    }
  };
  const creepMm = options.creepMm ?? 0;
  let closing: Promise<unknown> | undefined;
  try {
    const t = performance.now();
    if (!browser) {
      const launched = await launching!;
      // Started early, it died while starting or idle (killed for memory while the site was rendered): once more, from here.
      browser = launched?.isConnected() ? launched : await launchBrowser();
    }
    const onPage = progress(quiet);
    log("impression : Paged.js met en pages le zine ; Chromium imprime le mini-zine…");
    // One layout of the zine for every edition (also printed once per riso drum: print/riso.ts); the mini-zine beside it, in the one browser.
    const zineDoc = printDocument("zine");
    const miniDoc = printDocument("mini");
    /** Each file read back once, as a printer would receive it, then checked; the document is kept for the cross-file checks. */
    const check = async (key: EditionKey, pdf: Uint8Array, layout: RenderResult): Promise<CheckedFile> => {
      const e = edition(key);
      // One layout, several files: its overflows are said once, on the first file made from it (in the table's order).
      const first = editions.find((other) => other.document === e.document)!.key === key;
      const facts = first ? layout : { overflows: [], loneLines: [], warnings: [], notes: [], hyphens: [] };
      const doc = await readPdf(pdf);
      const entry = await preflight(e, printFileName(key, layout.slug), pdf, { overflows: facts.overflows, loneLines: facts.loneLines, warnings: facts.warnings, notes: facts.notes, hyphens: facts.hyphens }, doc);
      return { entry, doc };
    };

    const render = (doc: typeof zineDoc, hooks?: RenderHooks) => renderDocument(browser as Browser, server.origin + doc.url, onPage(doc.key), undefined, doc.paginated, doc.key === "zine", hooks);
    // The zine's pages are finished, imposed and checked while Chromium prints them again for the riso drums; each drum while it prints the next.
    let printed!: (laidOut: RenderResult) => void;
    const zinePrinted = new Promise<RenderResult>((resolve) => (printed = resolve));
    const drums = {} as Record<Ink, Promise<{ drum: Drum; entries: Record<"a5" | "livret", CheckedFile> }>>;
    const making = zinePrinted.then((zine): DrumMaking => ({
      finish: (pdf, as) => readingEdition({ ...zine, pdf }, as),
      meta: { ...zine.meta, date: pdfDate(zine.date) },
      title: (key) => pdfTitle(zine, key),
      creepMm,
      imposeAfter: rendered,
    }));
    // Each drum's A5, as soon as it is cut from the print (the proof is drawn from both A5s).
    const drumA5 = {} as Record<Ink, Promise<Uint8Array>>;
    // One drum cut at a time: each loads the whole print while it is cut (the same work, in one thread either way).
    let cutting: Promise<unknown> = Promise.resolve();
    const inkPrinted = (ink: Ink, pdf: Uint8Array) => {
      const a5Made = started(Promise.all([zinePrinted, making, cutting]).then(([, how]) => timed("riso", () => risoA5(ink, pdf, how))));
      cutting = a5Made.catch(() => {});
      drumA5[ink] = a5Made;
      drums[ink] = started(
        Promise.all([zinePrinted, making, a5Made]).then(async ([zine, how, a5]) => {
          // Each drum file read back and checked (the pair is checked together once both are made); its booklet imposed from the A5 as read back.
          const a5Checked = await timed("controle", () => check(DRUM_FILES[ink].a5, a5, zine));
          const livret = await timed("riso", () => risoBooklet(ink, a5Checked.doc, how));
          return timed("controle", async () => ({ drum: { a5, livret }, entries: { a5: a5Checked, livret: await check(DRUM_FILES[ink].livret, livret, zine) } }));
        }),
      );
    };
    let preview: LaidOutPreview | undefined;
    // The zine's page opens first: its layout is the longer way, and Chromium opening both pages at once delayed it.
    let opened!: () => void;
    const zineOpened = new Promise<void>((resolve) => (opened = resolve));
    const zineRender = started(render(zineDoc, { opened, printed: (laidOut) => printed(laidOut), inkPrinted, previewed: (pages) => (preview = pages) }));
    const miniRender = started(Promise.race([zineOpened, zineRender]).then(() => render(miniDoc)));
    const renders = started(Promise.all([zineRender, miniRender]).then(() => (stages.rendu = (performance.now() - t) / 1000)));
    // Imposing (pdf-lib embeds every page in one synchronous stretch) waits for Chromium to be done, and stops there if Chromium failed; the rest of the work lets the event loop run page by page.
    const rendered = started(renders.then(() => undefined));

    // As soon as Chromium has printed the zine: the reading A5, the press file and the booklet, checked.
    const zineEditions = started(
      zinePrinted.then(async (zine) => {
        const date = pdfDate(zine.date);
        const meta = { ...zine.meta, date };
        const a5 = await timed("finition", () => readingEdition(zine));
        const press = await timed("editions", () => pressEdition(a5, edition("presse"), { ...meta, title: pdfTitle(zine, "presse") }));
        const lecture = await timed("controle", () => check("lecture", a5, zine));
        const presse = await timed("controle", () => check("presse", press.pdf, zine));
        await rendered;
        const booklet = await timed("editions", () => imposeBooklet(lecture.doc, { ...meta, title: pdfTitle(zine, "livret") }, creepMm));
        return timed("controle", async () => {
          const livret = await check("livret", booklet, zine);
          // One layout: page N draws the same in the reading file, the press file and the booklet.
          const sameDrawing = await sameDrawingPerPage(lecture.doc, presse.doc, livret.doc);
          return { a5, press, booklet, entries: { lecture: lecture.entry, presse: presse.entry, livret: livret.entry }, sameDrawing };
        });
      }),
    );
    // The mini-zine declares the zine's date too (the same <meta name="date">): finished as soon as it is printed, while Paged.js lays the zine out.
    const miniEdition = started(
      miniRender.then(async (mini) => {
        const date = pdfDate(mini.date);
        const miniMeta = { ...mini.meta, date, title: pdfTitle(mini, "mini") };
        const pages = await timed("finition", () => finishPages(mini.pdf, { ...miniMeta, trim: edition("mini").trim, layoutBleedMm: miniDoc.layoutBleedMm }));
        const sheet = await timed("editions", () => imposeMiniZine(pages, miniMeta));
        const { entry } = await timed("controle", () => check("mini", sheet, mini));
        return { sheet, entry };
      }),
    );

    const [zine] = await Promise.all([zineRender, miniRender]);
    await renders;
    // Chromium's work is done: its memory back (while Node goes on) before the riso files and the checks need Node's.
    if (ownBrowser) closing = closeBrowser(browser);
    if (!quiet && process.stderr.isTTY) process.stderr.write("\n");
    log(`impression : mise en page du zine, ${zine.pages} pages, et du mini-zine en ${seconds(t)}`);
    const date = pdfDate(zine.date);

    // The proof is drawn by poppler's processes and sharp's threads, each drum as soon as it is cut (CUT_ORDER), while this one goes on.
    const proofDrawn = started(timed("riso", () => proofPages(drumA5.rose, drumA5.noir)));
    // The riso drums: the same pages, finished as the reading A5 and imposed as the booklet (print/riso.ts), checked in pairs.
    const [rose, noir] = await Promise.all(INKS.map((ink) => drums[ink]));
    const riso = await timed("riso", async () => buildRiso({ rose: rose.drum, noir: noir.drum }, zine.inks!.items.rose, await making));
    const risoChecked = await timed("controle", async () => {
      const problems = [
        ...(await checkRiso({ rose: rose.entries.a5.doc, noir: noir.entries.a5.doc }, "riso A5", zine.inks!.items)),
        ...(await checkRiso({ rose: rose.entries.livret.doc, noir: noir.entries.livret.doc }, "riso livret")),
      ];
      const entries: Partial<Record<EditionKey, PreflightEntry>> = {
        risoRose: rose.entries.a5.entry,
        risoNoir: noir.entries.a5.entry,
        livretRisoRose: rose.entries.livret.entry,
        livretRisoNoir: noir.entries.livret.entry,
        tonDirect: (await check("tonDirect", riso.offset, zine)).entry,
      };
      return { entries, problems };
    });
    const main = await zineEditions;
    const miniFiles = await miniEdition;
    const proof = await proofDrawn;
    const proofFiles = proof.map((png, i) => [risoProofName(zine.slug, i + 1), png] as const);

    const bytes: Record<EditionKey, Uint8Array> = {
      lecture: main.a5,
      livret: main.booklet,
      mini: miniFiles.sheet,
      presse: main.press.pdf,
      livretRisoRose: riso.livret.rose,
      livretRisoNoir: riso.livret.noir,
      risoRose: riso.a5.rose,
      risoNoir: riso.a5.noir,
      tonDirect: riso.offset,
    };
    const checked: Partial<Record<EditionKey, PreflightEntry>> = { ...main.entries, mini: miniFiles.entry, ...risoChecked.entries };
    const files: PreflightEntry[] = editions.map((e) => checked[e.key]!);
    const problems = files.flatMap((f) => f.problems.map((p) => `${f.file} : ${p}`));
    problems.push(...main.sameDrawing);
    if (!main.press.pdfX) {
      log("impression : profil ICC introuvable (paquet Debian libgs-common) : l’édition imprimeur n’est pas déclarée PDF/X");
    }
    problems.push(...risoChecked.problems);

    const risoReport = { proof: proofFiles.map(([name]) => `/imprimer/${name}`), pinkPages: riso.pinkPages, platePages: riso.platePages, ...riso.measured };
    // The riso proof is published with the PDFs, only if the preflight lets them through.
    const report = { date: date.toISOString(), files, problems, ...(problems.length ? {} : { riso: risoReport }) };
    const writeReport = (facts?: PrintFileFacts[]) =>
      writeAtomically(path.join(outputDir, PREFLIGHT_FILE), JSON.stringify(facts ? { ...report, facts } : report, null, 2) + "\n");
    // No print file is published if the preflight finds a problem (the caller decides about the site).
    if (problems.length) {
      writeReport();
      throw new PreflightError(
        `contrôle avant impression : ${count(problems.length, "problème")} ; les fichiers PDF ne sont pas publiés.\n  ${problems.join("\n  ")}`,
      );
    }
    const facts: PrintFileFacts[] = [];
    for (const e of editions) {
      const file = printFileName(e.key, zine.slug);
      writeAtomically(path.join(dir, file), bytes[e.key]);
      const entry = files.find((f) => f.key === e.key)!;
      facts.push({ key: e.key, url: `/imprimer/${file}`, file, label: e.label, pages: entry.pages, bytes: entry.bytes, sheet: e.sheet, trim: e.trim, group: e.group });
    }
    for (const [name, png] of proofFiles) writeAtomically(path.join(dir, name), png);
    // The facts too: `npm start` offers the last full build's PDFs from them (scripts/site/print-freshness.ts).
    writeReport(facts);

    if (!quiet) {
      // The preflight, in short: every line here was checked (problems stop the build above).
      for (const f of files) {
        const embedded = f.fonts.filter((font) => font.embedded).length;
        step(
          `  ${f.file} : ${f.pages} p.${f.multiple === 4 ? ` (${f.pages / 4} × 4)` : ""}, feuille ${f.sheetMm.widthMm} × ${f.sheetMm.heightMm} mm, ${formatBytes(f.bytes)}, ` +
            `${embedded}/${f.fonts.length} polices incorporées, encres ${f.colourSpaces.join(", ") || "aucune"}, trait le plus fin ${decimal(f.thinnestLinePt)} pt, ` +
            `${count(f.overflows.length, "débordement")}, ${count(f.loneLines.length, "ligne seule (veuve, orpheline, page creuse)", "lignes seules (veuves, orphelines, pages creuses)")}, ${count(f.warnings.length, "avertissement")} Paged.js`,
        );
      }
      const fontNames = [...new Set(files.flatMap((f) => f.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ""))))];
      step(`  polices : ${fontNames.join(", ")}`);
      step(
        `  riso : rose sur ${riso.pinkPages.length} pages sur ${zine.pages}` +
          (riso.platePages.length ? ` (planches sur ${riso.platePages.length})` : " (les planches n’ont pas de ton direct : le rose ne porte que les accents typographiques)") +
          `, trait le plus fin ${decimal(riso.measured.thinnestLinePt)} pt, texte le plus petit ${decimal(riso.measured.smallestTextPt)} pt, encre à ${riso.measured.tints.map(decimal).join(" / ")} %` +
          `, épreuve en ${proofFiles.length} PNG ; pas de repères de calage : les feuilles sont au format fini, sans marge autour de la coupe`,
      );
      step(
        "impression : " +
          Object.entries(stages)
            .map(([name, s]) => `${name} ${s.toFixed(1)} s`)
            .join(", ") +
          ` (les étapes se chevauchent : Node finit et contrôle pendant que Chromium imprime) ; rapport dans ${PREFLIGHT_FILE}`,
      );
    }
    return { files, facts, riso: risoReport, stages, problems, preview };
  } finally {
    if (ownBrowser && browser) await (closing ?? closeBrowser(browser));
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
 * The print stages as the build runs them, over a site rendered in
 * `outputDir`: the PDFs, then their facts for the site (/imprimer/ lists
 * them, the feed announces the A5). `site` is that site's render
 * (scripts/site/build-site.ts): only the pages that read the facts are
 * rendered again, from the same Eleventy; without it (a site built earlier),
 * the whole site is rendered anew. The facts are handed over as data, never
 * read back from the output folder. If the preflight refuses the PDFs, none is
 * written, the site keeps no PDF and the error is returned for the caller to report.
 */
export async function printStages(
  outputDir: string,
  options: PrintOptions = {},
  print: typeof buildPrint = buildPrint,
  site?: Pick<SiteBuild, "withPrintFacts">,
): Promise<{ summary?: PrintSummary; refused?: PreflightError }> {
  let summary: PrintSummary | undefined;
  let refused: PreflightError | undefined;
  try {
    summary = await print(outputDir, options);
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    refused = error;
  }
  const t = performance.now();
  const facts = { printFiles: summary?.facts ?? [], riso: summary?.riso };
  if (site) await site.withPrintFacts(facts);
  else await buildSite(outputDir, facts);
  // The preview shows the published PDFs' pages, written over the live one the site render wrote (none if refused).
  if (summary?.preview) writeStaticPreview(outputDir, summary.preview);
  if (!options.quiet) step(`impression : /imprimer/ et le flux mis à jour en ${seconds(t)}`);
  return { summary, refused };
}

/**
 * `npm run build:print`: only the staging's imprimer/ folder replaces the
 * published one (two renames), and the feed, which announces the A5; the
 * rest of the published site is left as it is.
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
  const feed = path.join(staging, "feed.xml");
  if (fs.existsSync(feed)) fs.renameSync(feed, path.join(final, "feed.xml"));
  fs.rmSync(staging, { recursive: true, force: true });
}
