/**
 * The print edition, checked on the real zine: the site is built and the four
 * PDFs rendered once (one browser) into a temporary folder, then read back
 * with pdf-lib and poppler's pdftotext, the way a printer or a reader would.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import yaml from "js-yaml";
import { PDFDocument, PDFName, PDFDict } from "pdf-lib";
import type { Browser } from "playwright-core";
import { buildSite } from "../scripts/site/build-site.ts";
import { printStages, TRIM, type PrintSummary } from "../scripts/print/build-print.ts";
import { launchBrowser } from "../scripts/lib/browser.ts";
import { serveFolder } from "../scripts/lib/server.ts";
import { renderDocument, PAGED_JS_FILE, PAGED_JS_URL } from "../scripts/print/render.ts";
import { finishPdf, pdfDate } from "../scripts/print/finish.ts";
import { saddleStitchSides, ptToMm, mmToPt, miniZinePanels } from "../scripts/lib/imposition.ts";
import { printFiles, printFileName } from "../print/editions.ts";

const TOLERANCE_MM = 0.5;
let out: string;
let browser: Browser;
let summary: PrintSummary;
const pdfs: Record<keyof typeof printFiles, Uint8Array> = {} as never;
let a5Pages: string[];

function file(key: keyof typeof printFiles): string {
  return path.join(out, "imprimer", printFileName(key, "technopolice"));
}

/** The text of each page (pdftotext separates pages with a form feed), soft hyphens removed. */
function pagesText(pdf: string, extra: string[] = []): string[] {
  const text = execFileSync("pdftotext", ["-layout", ...extra, pdf, "-"], { encoding: "utf8" });
  // A soft hyphen used at a line end comes out as U+00AD + "-" + newline: join the word again.
  return text.replace(/\u00AD-?\n\s*/g, "").replace(/\u00AD/g, "").split("\f").slice(0, -1);
}

/** Whitespace collapsed, for comparing the same text laid out differently. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "zine-print-"));
  await buildSite(out);
  browser = await launchBrowser();
  summary = await printStages(out, { browser, quiet: true });
  for (const key of Object.keys(printFiles) as (keyof typeof printFiles)[]) pdfs[key] = fs.readFileSync(file(key));
  a5Pages = pagesText(file("lecture"));
});

afterAll(async () => {
  await browser?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe("the print files", () => {
  it("are the four PDFs and the riso edition's five (test/e2e/riso.test.ts), named after the zine, with the preflight report beside them", () => {
    expect(fs.readdirSync(path.join(out, "imprimer")).filter((f) => f.endsWith(".pdf")).sort()).toEqual([
      "technopolice-mini-zine-a4.pdf",
      "technopolice-zine-a5-fonds-perdus.pdf",
      "technopolice-zine-a5-riso-noir.pdf",
      "technopolice-zine-a5-riso-rose.pdf",
      "technopolice-zine-a5-ton-direct.pdf",
      "technopolice-zine-a5.pdf",
      "technopolice-zine-livret-a4-riso-noir.pdf",
      "technopolice-zine-livret-a4-riso-rose.pdf",
      "technopolice-zine-livret-a4.pdf",
    ]);
    expect(fs.existsSync(path.join(out, "imprimer", "preflight.json"))).toBe(true);
    // No temporary file is left behind.
    expect(fs.readdirSync(path.join(out, "imprimer")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the A5 zine", () => {
  it("is A5 on every page, within 0.5 mm", async () => {
    const doc = await PDFDocument.load(pdfs.lecture);
    for (const page of doc.getPages()) {
      const { width, height } = page.getSize();
      expect(Math.abs(ptToMm(width) - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
  });

  it("has a multiple of 4 pages, padded with notes pages before the back cover", () => {
    expect(a5Pages.length % 4).toBe(0);
    expect(a5Pages.length).toBeGreaterThanOrEqual(16);
    const last = a5Pages.at(-1)!;
    expect(last).toMatch(/CC BY-SA/);
    const notes = a5Pages.filter((p) => /^\s*Notes\s*(\d+\s*)?$/.test(p));
    const padded = summary.files.find((f) => f.key === "lecture")!;
    expect(notes.length).toBeGreaterThanOrEqual(0);
    expect(notes.length).toBeLessThanOrEqual(3);
    expect(padded.pages).toBe(a5Pages.length);
  });

  it("has a table of contents whose page numbers are where the chapters really start", () => {
    const tocIndex = a5Pages.findIndex((p) => /Sommaire/.test(p));
    expect(tocIndex).toBeGreaterThanOrEqual(0);
    const entries = [...a5Pages[tocIndex].matchAll(/^\s*(\d+)\s{2,}(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => ({
      order: Number(m[1]),
      title: m[2].trim(),
      page: Number(m[3]),
    }));
    const chapters = fs.readdirSync("src/chapitres").filter((f) => f.endsWith(".md"));
    expect(entries).toHaveLength(chapters.length);
    for (const entry of entries) {
      const start = a5Pages.findIndex((p) => new RegExp(`CHAPITRE ${entry.order}\\b`).test(p)) + 1;
      expect(start, `chapitre ${entry.order}`).toBe(entry.page);
      expect(squash(a5Pages[start - 1])).toContain(squash(entry.title));
    }
  });

  it("has running heads: the chapter on left pages, the zine on right pages, and folios", () => {
    const chapterStarts = a5Pages.flatMap((p, i) => (/CHAPITRE \d+/.test(p) ? [i + 1] : []));
    let checked = 0;
    for (let n = chapterStarts[0] + 1; n < a5Pages.length; n++) {
      const text = a5Pages[n - 1];
      if (chapterStarts.includes(n) || /Pour aller plus loin/.test(text.split("\n").slice(0, 3).join("\n")) || /^\s*Notes/.test(text)) continue;
      const firstLine = text.split("\n").find((l) => l.trim())!.trim();
      const lastLine = text.trimEnd().split("\n").at(-1)!.trim();
      if (n % 2 === 1) expect(firstLine, `page ${n}`).toMatch(/^TECHNOPOLICE/);
      else expect(firstLine, `page ${n}`).toMatch(/^[A-ZÀ-Ý’' ,.-]{4,}/);
      expect(lastLine, `folio page ${n}`).toMatch(new RegExp(`(^|\\s)${n}$`));
      checked++;
    }
    expect(checked).toBeGreaterThan(4);
  });

  it("prints the full URL of every resource", () => {
    const resources = yaml.load(fs.readFileSync("_data/ressources.yaml", "utf8")) as { url?: string }[];
    const text = squash(a5Pages.join(""));
    const urls = resources.flatMap((r) => (r.url ? [r.url] : []));
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(text, url).toContain(squash(url));
  });

  it("leaves no paragraph with a single line at the foot or head of a page", () => {
    const a5 = summary.files.find((f) => f.key === "lecture")!;
    expect(a5.loneLines).toEqual([]);
    expect(a5.overflows).toEqual([]);
  });

  it("sets footnotes at the foot of the page that calls them", () => {
    const page = a5Pages.find((p) => /Tranquillité Urbaine/.test(p));
    expect(page).toBeDefined();
    expect(page).toMatch(/Tranquillité\s+Publique\s*1/);
    // The note sits below the text: after the call, near the foot of the page.
    expect(page!.indexOf("Tranquillité Urbaine")).toBeGreaterThan(page!.search(/Publique\s*1/));
  });

  it("uses real, embedded fonts (no Type 3) in every PDF, as the preflight reports", () => {
    for (const key of Object.keys(printFiles) as (keyof typeof printFiles)[]) {
      const fonts = execFileSync("pdffonts", [file(key)], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(fonts.length, key).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line, key).not.toMatch(/Type 3/);
        expect(line, key).toMatch(/\byes\s+yes\s+yes\b/);
      }
    }
    expect(summary.problems).toEqual([]);
    const report = JSON.parse(fs.readFileSync(path.join(out, "imprimer", "preflight.json"), "utf8"));
    expect(report.files).toHaveLength(Object.keys(printFiles).length);
    expect(report.files.every((f: { fonts: { type: string }[] }) => f.fonts.every((font) => font.type !== "Type3"))).toBe(true);
  });

  it("is a tagged PDF in French with bookmarks", async () => {
    const doc = await PDFDocument.load(pdfs.lecture);
    expect(doc.catalog.get(PDFName.of("StructTreeRoot"))).toBeDefined();
    expect(doc.catalog.get(PDFName.of("Outlines"))).toBeDefined();
    expect(String(doc.catalog.get(PDFName.of("Lang")))).toBe("(fr-FR)");
  });

  it("hyphenates French text with soft hyphens, never inside URLs", () => {
    const html = fs.readFileSync(path.join(out, "imprimer", "zine", "index.html"), "utf8");
    expect(html).toMatch(/sur\u00ADveillance/);
    for (const [, url] of html.matchAll(/<p class="url">([^<]+)<\/p>/g)) expect(url).not.toContain("\u00AD");
  });
});

describe("the press edition", () => {
  it("has 3 mm of bleed, crop marks, and TrimBox/BleedBox set to the real trim and bleed", async () => {
    const doc = await PDFDocument.load(pdfs.presse);
    expect(doc.getPageCount() % 4).toBe(0);
    for (const page of doc.getPages()) {
      const media = page.getMediaBox();
      const trim = page.getTrimBox();
      const bleed = page.getBleedBox();
      expect(Math.abs(ptToMm(trim.width) - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(trim.height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(ptToMm(media.width)).toBeGreaterThanOrEqual(148 + 6 - TOLERANCE_MM);
      // The bleed box reaches 3 mm beyond the trim on every side (within the page).
      expect(Math.abs(ptToMm(trim.x - bleed.x) - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(bleed.x + bleed.width - (trim.x + trim.width)) - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(trim.y - bleed.y) - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(bleed.y + bleed.height - (trim.y + trim.height)) - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
    const boxes = execFileSync("pdfinfo", ["-box", file("presse")], { encoding: "utf8" });
    expect(boxes).toMatch(/TrimBox:\s+8\.\d+/);
  });

  it("has the same pages as the reading edition", () => {
    const press = pagesText(file("presse"));
    expect(press.length).toBe(a5Pages.length);
    expect(squash(press[4])).toBe(squash(a5Pages[4]));
  });
});

describe("the A4 booklet", () => {
  it("puts two A5 pages on each A4 landscape side in saddle-stitch order", async () => {
    const doc = await PDFDocument.load(pdfs.livret);
    const sides = saddleStitchSides(a5Pages.length);
    expect(doc.getPageCount()).toBe(sides.length);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.abs(ptToMm(width) - 297)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(ptToMm(height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
    // Read each half of each side and compare it with the A5 page that belongs there.
    const half = Math.floor(width / 2);
    const crop = (x: number) => ["-x", String(x), "-y", "0", "-W", String(half), "-H", String(Math.ceil(height))];
    const lefts = pagesText(file("livret"), crop(0));
    const rights = pagesText(file("livret"), crop(half + 1));
    sides.forEach((side, i) => {
      expect(squash(lefts[i]), `feuille ${i + 1}, gauche = page ${side.left}`).toBe(squash(a5Pages[side.left - 1]));
      expect(squash(rights[i]), `feuille ${i + 1}, droite = page ${side.right}`).toBe(squash(a5Pages[side.right - 1]));
    });
  });
});

describe("the mini-zine", () => {
  it("is one A4 landscape sheet with 8 panels, the cover bottom right", async () => {
    const doc = await PDFDocument.load(pdfs.mini);
    expect(doc.getPageCount()).toBe(1);
    const page = doc.getPage(0);
    const { width, height } = page.getSize();
    expect(Math.abs(ptToMm(width) - 297)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(ptToMm(height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
    const resources = page.node.get(PDFName.of("Resources")) as PDFDict;
    const xobjects = doc.context.lookup(resources.get(PDFName.of("XObject"))) as PDFDict;
    expect(xobjects.entries()).toHaveLength(8);
    expect(miniZinePanels()).toHaveLength(8);
    // Bottom-right panel (the front cover) reads upright.
    const cover = execFileSync(
      "pdftotext",
      ["-x", String(Math.round(width * 0.75)), "-y", String(Math.round(height / 2)), "-W", String(Math.round(width / 4)), "-H", String(Math.round(height / 2)), file("mini"), "-"],
      { encoding: "utf8" },
    );
    expect(cover).toMatch(/TECHNOPOLICE/);
    expect(Math.abs(mmToPt(74.25) * 4 - width)).toBeLessThan(1);
  });
});

describe("the /imprimer/ page", () => {
  it("links every PDF with its page count and size", () => {
    const html = fs.readFileSync(path.join(out, "imprimer", "index.html"), "utf8");
    const a5 = summary.files.find((f) => f.key === "lecture")!;
    const booklet = summary.files.find((f) => f.key === "livret")!;
    for (const entry of summary.files) expect(html).toContain(`/imprimer/${entry.file}`);
    expect(html).toMatch(new RegExp(`${a5.file}"[^>]*>[^<]+</a> — PDF, ${a5.pages} pages, format 148 × 210 mm`));
    expect(html).toMatch(new RegExp(`${booklet.file}"[^>]*>[^<]+</a> — PDF, ${booklet.pages / 2} feuilles A4 en recto verso`));
    expect(html).toMatch(/1 feuille A4 pour 8 pages/);
    expect(html).toMatch(/bord court/);
    expect(html).toMatch(/pointillé/);
  });
});

describe("the preview page", () => {
  it("paginates the zine in the browser with the polyfill, under its CSP, without errors", async () => {
    const server = await serveFolder(out);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(m.text());
      });
      await page.goto(`${server.origin}/imprimer/apercu/`);
      await page.waitForFunction(() => (window as unknown as { zineReport?: { pages: number } }).zineReport?.pages, null, { timeout: 60_000 });
      const pages = await page.locator(".pagedjs_page").count();
      expect(pages).toBe(a5Pages.length);
      // No inline script: every <script> has a src on the same origin.
      const inline = await page.locator("script:not([src])").count();
      expect(inline).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe("reproducibility", () => {
  it("dates every PDF with the content's date, not the time of the build", () => {
    const html = fs.readFileSync(path.join(out, "imprimer", "zine", "index.html"), "utf8");
    const date = /<meta name="date" content="(\d{4}-\d\d-\d\d)">/.exec(html)![1];
    for (const key of Object.keys(printFiles) as (keyof typeof printFiles)[]) {
      const info = execFileSync("pdfinfo", ["-isodates", file(key)], { encoding: "utf8" });
      expect(info, key).toMatch(new RegExp(`CreationDate:\\s+${date}T00:00:00`));
      expect(info, key).toMatch(new RegExp(`ModDate:\\s+${date}T00:00:00`));
      expect(info, key).toMatch(/Title:\s+\S/);
    }
  });


  it("renders the same bytes twice", async () => {
    const server = await serveFolder(out, { [PAGED_JS_URL]: PAGED_JS_FILE });
    try {
      const again = await renderDocument(browser, `${server.origin}/imprimer/zine/`);
      const finished = await finishPdf(again.pdf, { ...again.meta, date: pdfDate(again.date), trim: TRIM.lecture });
      expect(Buffer.from(finished).equals(Buffer.from(pdfs.lecture))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
