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
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, PDFRef, PDFNumber } from "pdf-lib";
import sharp from "sharp";
import { parseFeed } from "feedsmith";
import { extractFromXml } from "@extractus/feed-extractor";
import type { Browser } from "playwright-core";
import { buildSite } from "../scripts/site/build-site.ts";
import { printStages, readingEdition, type PrintSummary } from "../print/build-print.ts";
import { launchBrowser } from "../scripts/lib/browser.ts";
import { serveFolder } from "../scripts/lib/server.ts";
import { renderDocument, inPagedTemplate, PAGED_JS_FILE, PAGED_JS_URL } from "../print/render.ts";
import { parse as parseHtml } from "node-html-parser";
import { visit, axeViolations } from "./e2e/support/page-audit.ts";
import { HtmlValidate, FileSystemConfigLoader } from "html-validate";
import { saddleStitchSides, ptToMm, mmToPt, miniZinePanels } from "../print/imposition.ts";
import { editions, printFileName, BLEED_MM, CROP_MARKS, MINI_MARGIN_MM, HANDLERS_URL, type EditionKey } from "../print/editions.ts";
import { checkHyphenation } from "../print/layout-checks.ts";
import { pdfPageLines, pdfRawText, pdfWords, hyphenFactsFromLines, squash as squashPdf } from "./helpers/pdf-layout.ts";

/** Boxes to a hundredth of a millimetre. */
const TOLERANCE_MM = 0.01;
let out: string;
let browser: Browser;
let summary: PrintSummary;
const pdfs: Record<EditionKey, Uint8Array> = {} as never;
const keys = editions.map((e) => e.key);
let a5Pages: string[];

function file(key: EditionKey): string {
  return path.join(out, "imprimer", printFileName(key, "technopolice"));
}

/** `pdfinfo -box` of the first page, in mm: x, y, width, height of each box. */
function boxes(pdf: string): Record<"MediaBox" | "CropBox" | "BleedBox" | "TrimBox", number[]> {
  const info = execFileSync("pdfinfo", ["-box", pdf], { encoding: "utf8" });
  const read = (name: string) => {
    const [x1, y1, x2, y2] = new RegExp(`${name}:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)`).exec(info)!.slice(1).map(Number);
    return [x1, y1, x2 - x1, y2 - y1].map(ptToMm);
  };
  return { MediaBox: read("MediaBox"), CropBox: read("CropBox"), BleedBox: read("BleedBox"), TrimBox: read("TrimBox") };
}

/** The whole file uncompressed by qpdf, to read its operators and colour spaces as text. */
function qdf(key: EditionKey): string {
  return execFileSync("qpdf", ["--qdf", "--object-streams=disable", file(key), "-"], { encoding: "latin1", maxBuffer: 1 << 28 });
}

/** The text of each page (pdftotext separates pages with a form feed), soft hyphens removed. */
function pagesText(pdf: string, extra: string[] = []): string[] {
  const text = execFileSync("pdftotext", ["-layout", ...extra, pdf, "-"], { encoding: "utf8" });
  // A soft hyphen used at a line end comes out as U+00AD + "-" + newline: join the word again.
  return text.replace(/\u00AD-?\n[ \t]*/g, "").replace(/\u00AD/g, "").split("\f").slice(0, -1);
}

/** Whitespace collapsed, for comparing the same text laid out differently. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "zine-print-"));
  await buildSite(out);
  browser = await launchBrowser();
  const stages = await printStages(out, { browser, quiet: true });
  if (!stages.summary) throw stages.refused;
  summary = stages.summary;
  for (const key of keys) pdfs[key] = fs.readFileSync(file(key));
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
  it("is A5 on every page, every box on the trim, from 0 0, to 0.01 mm", async () => {
    const doc = await PDFDocument.load(pdfs.lecture);
    for (const page of doc.getPages()) {
      for (const box of [page.getMediaBox(), page.getCropBox(), page.getTrimBox(), page.getBleedBox()]) {
        expect(Math.abs(ptToMm(box.width) - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
        expect(Math.abs(ptToMm(box.height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
        expect([box.x, box.y]).toEqual([0, 0]);
      }
    }
    const poppler = boxes(file("lecture"));
    for (const box of [poppler.MediaBox, poppler.TrimBox]) {
      expect(box.slice(0, 2)).toEqual([0, 0]);
      expect(Math.abs(box[2] - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(box[3] - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
    expect(summary.files.find((f) => f.key === "lecture")!.mediaBoxMm).toEqual([0, 0, 148, 210]);
  });

  it("keeps its links and bookmarks on what they point at, the page moved to 0 0 with its drawing", async () => {
    const doc = await PDFDocument.load(pdfs.lecture);
    const at = (o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
    const [width, height] = [mmToPt(148), mmToPt(210)];
    const words = pdfWords(file("lecture"));
    let links = 0;
    doc.getPages().forEach((page, i) => {
      const annotations = at(page.node.get(PDFName.of("Annots")));
      for (const annotation of annotations instanceof PDFArray ? annotations.asArray().map(at) : []) {
        const [x1, y1, x2, y2] = (at((annotation as PDFDict).get(PDFName.of("Rect"))) as PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
        // On the page, and over words of the page (poppler's boxes are from the top: y flips).
        expect(Math.min(x1, y1)).toBeGreaterThanOrEqual(0);
        expect(x2).toBeLessThanOrEqual(width);
        expect(y2).toBeLessThanOrEqual(height);
        const over = words.filter((w) => w.page === i + 1 && w.xMin <= x2 + 1 && w.xMax >= x1 - 1 && height - w.yMin - w.height / 2 >= y1 - 2 && height - w.yMin - w.height / 2 <= y2 + 2);
        expect(over.length, `page ${i + 1}, lien ${[x1, y1, x2, y2].map(Math.round)}`).toBeGreaterThan(0);
        links++;
      }
    });
    expect(links).toBeGreaterThan(10);
    // Every destination (the contents' links, the bookmarks) is a place on its page.
    const dests = at(doc.catalog.get(PDFName.of("Dests"))) as PDFDict;
    for (const value of dests.values()) {
      const destination = at(value) as PDFArray;
      expect(destination.get(1)?.toString()).toBe("/XYZ");
      const [x, y] = [2, 3].map((k) => (destination.get(k) as PDFNumber).asNumber());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(width);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThanOrEqual(height + 0.01);
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
    // The contents (chapters and their sections) may take more than one page: up to the introduction.
    const introIndex = a5Pages.findIndex((p, i) => i > tocIndex && /^\s*Introduction\s*$/m.test(p));
    const toc = a5Pages.slice(tocIndex, introIndex).join("\n");
    const entries = [...toc.matchAll(/^[ \t]*(\d+)[ \t]{2,}(.+?)[ \t]{2,}(\d+)[ \t]*$/gm)].map((m) => ({
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

  it("leaves no paragraph with a single line at the foot or head of a page, and no page that holds a single line", () => {
    const a5 = summary.files.find((f) => f.key === "lecture")!;
    expect(a5.loneLines).toEqual([]);
    expect(a5.overflows).toEqual([]);
  });

  it("never ends a chapter on a page that holds a single line of it", () => {
    // Between the running head and the folio, every page but the covers and the notes pages holds two lines or more
    // (the end of « Marseille, laboratoire » was one line alone on page 12).
    for (let n = 2; n < a5Pages.length; n++) {
      const lines = a5Pages[n - 1].split("\n").filter((l) => l.trim());
      if (/^\s*Notes/.test(lines[0] ?? "") || /^\s*Notes/.test(lines[1] ?? "")) continue;
      expect(lines.length, `page ${n} : ${lines.join(" / ")}`).toBeGreaterThanOrEqual(4);
    }
  });

  it("sets footnotes at the foot of the page that calls them", () => {
    const page = a5Pages.find((p) => /Tranquillité Urbaine/.test(p));
    expect(page).toBeDefined();
    expect(page).toMatch(/Tranquillité\s+Publique\s*1/);
    // The note sits below the text: after the call, near the foot of the page.
    expect(page!.indexOf("Tranquillité Urbaine")).toBeGreaterThan(page!.search(/Publique\s*1/));
  });

  it("uses real, embedded fonts (no Type 3) in every PDF, as the preflight reports", () => {
    for (const key of keys) {
      const fonts = execFileSync("pdffonts", [file(key)], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(fonts.length, key).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line, key).not.toMatch(/Type 3/);
        expect(line, key).toMatch(/\byes\s+yes\s+yes\b/);
      }
    }
    expect(summary.problems).toEqual([]);
    const report = JSON.parse(fs.readFileSync(path.join(out, "imprimer", "preflight.json"), "utf8"));
    expect(report.files).toHaveLength(editions.length);
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
  it("has the trim exactly A5 and centred, 3 mm of bleed on every side, room for the marks", async () => {
    const doc = await PDFDocument.load(pdfs.presse);
    expect(doc.getPageCount()).toBe(a5Pages.length);
    for (const page of doc.getPages()) {
      const media = page.getMediaBox();
      const trim = page.getTrimBox();
      const bleed = page.getBleedBox();
      // The sheet starts at 0 0, as a shop's preflight and imposition software expect.
      expect([media.x, media.y]).toEqual([0, 0]);
      expect(Math.abs(ptToMm(trim.width) - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(trim.height) - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
      // Centred on the sheet.
      expect(Math.abs(ptToMm(trim.x - media.x) - ptToMm(media.x + media.width - trim.x - trim.width))).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(ptToMm(trim.y - media.y) - ptToMm(media.y + media.height - trim.y - trim.height))).toBeLessThanOrEqual(TOLERANCE_MM);
      // The bleed box reaches 3,00 mm beyond the trim on every side.
      for (const gap of [trim.x - bleed.x, bleed.x + bleed.width - trim.x - trim.width, trim.y - bleed.y, bleed.y + bleed.height - trim.y - trim.height]) {
        expect(Math.abs(ptToMm(gap) - BLEED_MM)).toBeLessThanOrEqual(TOLERANCE_MM);
      }
      // The sheet holds the marks whole: bleed + marks + white beyond them.
      expect(ptToMm(trim.x - media.x)).toBeGreaterThanOrEqual(CROP_MARKS.offsetMm + CROP_MARKS.lengthMm + 1);
    }
    // poppler reads the same boxes.
    const poppler = boxes(file("presse"));
    expect(Math.abs(poppler.TrimBox[2] - 148)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(poppler.TrimBox[3] - 210)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(poppler.BleedBox[2] - 154)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(poppler.BleedBox[3] - 216)).toBeLessThanOrEqual(TOLERANCE_MM);
    expect(Math.abs(poppler.TrimBox[0] - poppler.BleedBox[0] - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
  });

  it("draws 8 crop marks per page: 0.25 pt, 100 % black, on the trim lines, from 3 mm outside the trim, ≥ 5 mm long", async () => {
    const doc = await PDFDocument.load(pdfs.presse);
    const page = doc.getPage(2);
    const trim = page.getTrimBox();
    const contents = doc.context.lookup(page.node.get(PDFName.of("Contents"))) as PDFArray;
    const last = doc.context.lookup(contents.get(contents.size() - 1)) as PDFRawStream;
    const { decodePDFRawStream } = await import("pdf-lib");
    const text = Buffer.from(decodePDFRawStream(last).decode()).toString("latin1");
    expect(text).toMatch(/\b0 G\b/);
    expect(text).toMatch(/\b0\.25 w\b/);
    const lines = [...text.matchAll(/(\S+) (\S+) m (\S+) (\S+) l S/g)].map((m) => m.slice(1).map(Number));
    expect(lines).toHaveLength(8);
    const onTrimLine = (v: number) => [trim.x, trim.x + trim.width, trim.y, trim.y + trim.height].some((t) => Math.abs(t - v) < 0.01);
    for (const [x1, y1, x2, y2] of lines) {
      const vertical = Math.abs(x1 - x2) < 0.01;
      expect(onTrimLine(vertical ? x1 : y1)).toBe(true);
      expect(ptToMm(Math.hypot(x2 - x1, y2 - y1))).toBeGreaterThanOrEqual(5);
      // Starts at the bleed's edge: 3 mm from the trim, outside it.
      const start = vertical ? Math.min(Math.abs(y1 - trim.y), Math.abs(y1 - trim.y - trim.height)) : Math.min(Math.abs(x1 - trim.x), Math.abs(x1 - trim.x - trim.width));
      expect(Math.abs(ptToMm(start) - 3)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
  });

  it("declares PDF/X-4 with a grey-to-black output intent, and Trapped", async () => {
    const info = execFileSync("pdfinfo", [file("presse")], { encoding: "utf8" });
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.6/);
    const raw = qdf("presse");
    expect(raw).toMatch(/\/GTS_PDFXVersion \(PDF\/X-4\)/);
    expect(raw).toMatch(/\/Trapped \/False/);
    expect(raw).toMatch(/\/S \/GTS_PDFX/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(raw).toMatch(/<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/);
  });

  it("has the same text as the reading edition on every page", () => {
    const press = pagesText(file("presse"));
    expect(press.length).toBe(a5Pages.length);
    press.forEach((text, i) => expect(squash(text), `page ${i + 1}`).toBe(squash(a5Pages[i])));
  });
});

describe("ink and lines, in every print file", () => {
  it.each(keys)("%s holds no RGB: no /DeviceRGB, no rg or RG operator; black is 0 g", (key) => {
    const raw = qdf(key);
    expect(raw).not.toMatch(/\/DeviceRGB/);
    expect(raw).not.toMatch(/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)(\s|$)/m);
    expect(raw).toMatch(/(^|\s)0 g(\s|$)/m);
  });

  it("has nothing thinner than 0.25 pt and no thin line in a grey tint, as the preflight reads them", () => {
    for (const f of summary.files) {
      // The riso edition's offset file adds its one named spot colour (test/e2e/riso.test.ts).
      expect(f.colourSpaces, f.file).toEqual(editions.find((e) => e.key === f.key)?.spot ? ["DeviceGray", "Separation"] : ["DeviceGray"]);
      expect(f.thinnestLinePt, f.file).toBeGreaterThanOrEqual(0.25);
    }
    expect(summary.problems).toEqual([]);
  });

  it("presets the print dialog: actual size everywhere, duplex on the short edge for the booklet, copies left alone", async () => {
    for (const key of keys) {
      const doc = await PDFDocument.load(pdfs[key]);
      const prefs = doc.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
      expect(String(prefs.get(PDFName.of("PrintScaling"))), key).toBe("/None");
      expect(prefs.get(PDFName.of("NumCopies")), key).toBeUndefined();
      expect(String(prefs.get(PDFName.of("Duplex"))), key).toBe(editions.find((e) => e.key === key)!.duplex ? "/DuplexFlipShortEdge" : "undefined");
    }
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

  it("keeps 8 mm of white inside every panel edge (office printers, hand folds)", async () => {
    const dpi = 100;
    const prefix = path.join(out, "mini-sheet");
    execFileSync("pdftoppm", ["-png", "-gray", "-singlefile", "-r", String(dpi), file("mini"), prefix]);
    const { data, info } = await sharp(`${prefix}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    const cellW = info.width / 4;
    const cellH = info.height / 2;
    const margin = px(MINI_MARGIN_MM) - 1;
    const cut = px(1);
    const inked: string[] = [];
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        if (data[y * info.width + x] > 128) continue;
        const inX = x % cellW;
        const inY = y % cellH;
        // The cut line runs on the fold itself, between the two middle columns' panels.
        if (Math.abs(y - cellH) <= cut && x >= cellW - cut && x <= 3 * cellW + cut) continue;
        if (inX < margin || inX > cellW - margin || inY < margin || inY > cellH - margin) inked.push(`${x},${y}`);
      }
    }
    expect(inked.slice(0, 5)).toEqual([]);
  });
});

describe("the /imprimer/ page", () => {
  it("links every PDF with its page count and size", () => {
    // No-break spaces keep numbers with their units: read them as spaces here.
    const html = fs.readFileSync(path.join(out, "imprimer", "index.html"), "utf8").replace(/[\u00A0\u202F]/g, " ");
    const a5 = summary.files.find((f) => f.key === "lecture")!;
    const booklet = summary.files.find((f) => f.key === "livret")!;
    for (const entry of summary.files) expect(html).toContain(`/imprimer/${entry.file}`);
    expect(html).toMatch(new RegExp(`${a5.file}"[^>]*>[^<]+</a> — PDF, ${a5.pages} pages, format 148 × 210 mm`));
    expect(html).toMatch(new RegExp(`${booklet.file}"[^>]*>[^<]+</a> — PDF, ${booklet.pages / 2} feuilles A4 en recto verso`));
    expect(html).toMatch(/1 feuille A4 pour 8 pages/);
    expect(html).toMatch(/\d+,\d Ko/);
    expect(html).toMatch(/bord court/);
    expect(html).toMatch(/pointillé/);
  });
});

describe("the feed", () => {
  it("announces the paper edition: one entry linking /imprimer/, the A5 PDF as an enclosure with its length", () => {
    const xml = fs.readFileSync(path.join(out, "feed.xml"), "utf8");
    const a5 = summary.facts.find((f) => f.key === "lecture")!;
    const parsed = parseFeed(xml);
    if (parsed.format !== "atom") throw new Error(parsed.format);
    const printed = (parsed.feed.entries ?? []).filter((e) => e.links?.some((l) => l.rel === "enclosure" && l.type === "application/pdf"));
    expect(printed).toHaveLength(1);
    const enclosure = printed[0].links!.find((l) => l.rel === "enclosure")!;
    expect(enclosure.href).toMatch(new RegExp(`^https://.+/imprimer/${a5.file}$`));
    expect(Number(enclosure.length)).toBe(fs.statSync(file("lecture")).size);
    expect(printed[0].links!.find((l) => !l.rel || l.rel === "alternate")?.href).toMatch(/^https:\/\/.+\/imprimer\/$/);
    const html = fs.readFileSync(path.join(out, "imprimer", "zine", "index.html"), "utf8");
    const date = /<meta name="date" content="(\d{4}-\d\d-\d\d)">/.exec(html)![1];
    expect(printed[0].updated).toMatch(new RegExp(`^${date}`));
    // A second reader sees the same entry.
    const other = extractFromXml(xml, { getExtraEntryFields: (raw) => ({ raw }) });
    expect(other.entries?.filter((e) => JSON.stringify(e).includes(a5.file))).toHaveLength(1);
  });
});

describe("the preview page (/imprimer/apercu/)", () => {
  const previewHtml = () => fs.readFileSync(path.join(out, "imprimer", "apercu", "index.html"), "utf8");

  it("is offered on /imprimer/ as the PDFs' own pages, without the live preview's word about JavaScript", () => {
    const printing = fs.readFileSync(path.join(out, "imprimer", "index.html"), "utf8");
    expect(printing).toContain('href="/imprimer/apercu/"');
    expect(printing).toContain("les pages mêmes des fichiers PDF");
    expect(printing).not.toMatch(/JavaScript/);
  });

  it("is the print's own layout as a static page: no script, no inline style, the site's strict CSP", () => {
    const html = previewHtml();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style|\sstyle=/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/style-src 'self';/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/unsafe/);
    // Nothing of the local server the layout was made on.
    expect(html + fs.readFileSync(path.join(out, "imprimer", "assets", "apercu-pages.css"), "utf8")).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(html).toMatch(/<link rel="canonical" href="https:\/\/[^"]+\/imprimer\/">/);
  });

  it("is valid HTML, as the project's html-validate rules read a print document (one <h1> per chapter)", async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const report = await validator.validateString(previewHtml(), path.resolve("_site/imprimer/apercu/index.html"), { rules: { "heading-level": ["error", { allowMultipleH1: true }] } });
    expect(report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message} (${m.selector})`))).toEqual([]);
  });

  it("shows every page of the A5 PDF with that page's text, in Chromium, without errors, CSP violations or WCAG 2.2 AA violations", async () => {
    const server = await serveFolder(out);
    try {
      for (const width of [1280, 375]) {
        const visited = await visit(browser, server.origin, "/imprimer/apercu/", { width, colorScheme: "light" });
        try {
          // Nothing moves, from the load on and while a reader scrolls through every page (lazy drawings, pages laid out as they come near).
          await visited.page.evaluate(() => {
            const shifts: number[] = [];
            (window as unknown as { shifts: number[] }).shifts = shifts;
            new PerformanceObserver((list) => list.getEntries().forEach((entry) => shifts.push((entry as unknown as { value: number }).value))).observe({ type: "layout-shift", buffered: true });
          });
          const count = await visited.page.locator(".pagedjs_page").count();
          for (let i = 1; i <= count; i++) await visited.page.locator(`#page-${i}`).scrollIntoViewIfNeeded();
          // Every drawing, lazy or not, before reading the pages.
          await visited.page.evaluate(() => Promise.all([document.fonts.ready, ...[...document.images].map((img) => img.decode())]));
          expect(await visited.page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
          expect(count).toBe(a5Pages.length);
          // Each page's text, as the DOM holds it (running heads and folios are generated by CSS), is on that page of the PDF.
          const texts = await visited.page.$$eval(".pagedjs_page", (pages) =>
            pages.map((page) => {
              const parts: string[] = [];
              const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
              // A drawing's <title> is its description for screen readers, not printed text.
              for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest("svg")) parts.push(node.textContent ?? "");
              // Lower case: the PDF has the text as shown (text-transform), the DOM as written.
              return parts.map((part) => part.replace(/\u00AD/g, "").replace(/\s+/g, "").toLocaleLowerCase("fr")).filter(Boolean);
            }),
          );
          // The PDF's text in its own order (-raw: a legend in two columns is read down each column, as the DOM has it).
          const pdfPages = pagesText(file("lecture"), ["-raw"]).map((text) => squash(text).toLocaleLowerCase("fr"));
          expect(pdfPages.length).toBe(a5Pages.length);
          texts.forEach((parts, i) => {
            const pdfPage = pdfPages[i];
            // Each piece where it is printed (not necessarily in DOM order: a pull quote is drawn apart).
            for (const part of parts) expect(pdfPage, `page ${i + 1} : « ${part} »`).toContain(part);
            // And the page shows all of it: what the DOM lacks is only generated text (running head, folio, note numbers, contents' pages).
            expect(parts.join("").length, `page ${i + 1}`).toBeGreaterThan(pdfPage.length * 0.8 - 40);
          });
          // The pages are not shifted: each long paragraph is on its own page of the PDF and no other.
          texts.forEach((parts, i) => {
            for (const part of parts.filter((p) => p.length > 60)) {
              const on = pdfPages.map((text, k) => (text.includes(part) ? k + 1 : 0)).filter(Boolean);
              expect(on, `« ${part.slice(0, 40)}… »`).toEqual([i + 1]);
            }
          });
          // Every drawing arrived.
          expect(await visited.page.$$eval("img", (images) => images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src))).toEqual([]);
          const violations = await axeViolations(visited.page);
          expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
          expect(visited.foreignRequests).toEqual([]);
          expect(visited.consoleErrors).toEqual([]);
          expect(visited.cspViolations).toEqual([]);
          expect(visited.requests.filter((url) => url.endsWith(".js"))).toEqual([]);
        } finally {
          await visited.close();
        }
      }
    } finally {
      await server.close();
    }
  });

  it("lays every line where the live Paged.js layout of the same document puts it", async () => {
    // The live layout: the print document laid out by Paged.js as the renderer does, in the browser.
    const server = await serveFolder(out, { [PAGED_JS_URL]: PAGED_JS_FILE });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const live = await context.newPage();
      await live.goto(`${server.origin}/imprimer/zine/`);
      await live.addScriptTag({ url: PAGED_JS_URL });
      await live.addScriptTag({ url: HANDLERS_URL });
      await live.evaluate(async () => {
        await document.fonts.ready;
        await new (window as unknown as { Paged: { Previewer: new () => { preview(): Promise<unknown> } } }).Paged.Previewer().preview();
      });
      const still = await context.newPage();
      await still.goto(`${server.origin}/imprimer/apercu/`);
      for (let i = 1; i <= a5Pages.length; i++) await still.locator(`#page-${i}`).scrollIntoViewIfNeeded();
      await still.evaluate(() => document.fonts.ready);
      // Every line of text, every running head and folio, every drawing: its box relative to its page, to 0.01 px.
      const geometry = () =>
        [...document.querySelectorAll(".pagedjs_pagebox")].map((box) => {
          const origin = box.getBoundingClientRect();
          const at = (r: DOMRect) => [r.left - origin.left, r.top - origin.top, r.width, r.height].map((v) => v.toFixed(2)).join(",");
          const out: string[] = [];
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!/\S/.test(node.textContent ?? "")) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) out.push(`${node.textContent!.slice(0, 20)} @ ${at(r)}`);
          }
          for (const margin of box.querySelectorAll(".hasContent .pagedjs_margin-content")) out.push(`${getComputedStyle(margin, "::after").content} @ ${at(margin.getBoundingClientRect())}`);
          for (const drawing of box.querySelectorAll(".planche-svg, .dos-qr svg, .dos-qr img")) out.push(`dessin @ ${at(drawing.getBoundingClientRect())}`);
          return out;
        });
      const expected = await live.evaluate(geometry);
      const shown = await still.evaluate(geometry);
      expect(shown.length).toBe(a5Pages.length);
      expect(shown.flat().length).toBeGreaterThan(a5Pages.length * 10);
      shown.forEach((page, i) => expect(page, `page ${i + 1}`).toEqual(expected[i]));

      // On a phone the pages are scaled to the screen's width (print/apercu.css), painted smaller but laid out the
      // same: every line box, once unscaled, is where it is at 1280 px, and nothing scrolls sideways.
      const unscaled = () =>
        [...document.querySelectorAll(".pagedjs_pagebox")].map((box) => {
          const scale = new DOMMatrix(getComputedStyle(box.closest(".pagedjs_page")!).transform).a;
          const origin = box.getBoundingClientRect();
          const out: number[] = [];
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!/\S/.test(node.textContent ?? "")) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) out.push((r.left - origin.left) / scale, (r.top - origin.top) / scale, r.width / scale, r.height / scale);
          }
          return { scale, out };
        });
      const wide = await still.evaluate(unscaled);
      await still.setViewportSize({ width: 375, height: 812 });
      for (let i = 1; i <= a5Pages.length; i++) await still.locator(`#page-${i}`).scrollIntoViewIfNeeded();
      const phone = await still.evaluate(unscaled);
      expect(wide.every((page) => page.scale === 1)).toBe(true);
      expect(phone.every((page) => page.scale > 0.6 && page.scale < 0.7)).toBe(true);
      phone.forEach((page, i) => {
        expect(page.out.length, `page ${i + 1}`).toBe(wide[i].out.length);
        const worst = Math.max(...page.out.map((value, k) => Math.abs(value - wide[i].out[k])));
        expect(worst, `page ${i + 1}`).toBeLessThan(0.01);
      });
      expect(await still.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await still.evaluate(() => Math.max(...[...document.querySelectorAll(".pagedjs_page")].map((page) => page.getBoundingClientRect().right)))).toBeLessThanOrEqual(375);
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
    for (const key of keys) {
      const info = execFileSync("pdfinfo", ["-isodates", file(key)], { encoding: "utf8" });
      expect(info, key).toMatch(new RegExp(`CreationDate:\\s+${date}T00:00:00`));
      expect(info, key).toMatch(new RegExp(`ModDate:\\s+${date}T00:00:00`));
      expect(info, key).toMatch(/Title:\s+\S/);
    }
  });


  it("hands Paged.js the print document as built, its body's content already in Paged.js's template", () => {
    const html = fs.readFileSync(path.join(out, "imprimer/zine/index.html"), "utf8");
    const served = parseHtml(inPagedTemplate(html));
    const built = parseHtml(html);
    const body = served.querySelector("body")!;
    expect(body.attributes).toEqual(built.querySelector("body")!.attributes);
    expect(body.children.map((element) => [element.rawTagName, element.getAttribute("data-ref")])).toEqual([["template", "pagedjs-content"]]);
    expect(body.querySelector("template")!.innerHTML).toBe(built.querySelector("body")!.innerHTML);
    expect(served.querySelector("head")!.toString()).toBe(built.querySelector("head")!.toString());
    // A document without a body is served as it is.
    expect(inPagedTemplate("<p>rien</p>")).toBe("<p>rien</p>");
    // Paged.js and the handlers come after the template, in that order, so they load with the document.
    const withScripts = parseHtml(inPagedTemplate(html, ["/a.js", "/b.js"])).querySelector("body")!;
    expect(withScripts.children.map((element) => [element.rawTagName, element.getAttribute("data-ref") ?? element.getAttribute("src")])).toEqual([
      ["template", "pagedjs-content"],
      ["script", "/a.js"],
      ["script", "/b.js"],
    ]);
    expect(withScripts.querySelector("template")!.innerHTML).toBe(built.querySelector("body")!.innerHTML);
  });

  it("renders the same bytes twice", async () => {
    const server = await serveFolder(out, { [PAGED_JS_URL]: PAGED_JS_FILE });
    try {
      const again = await renderDocument(browser, `${server.origin}/imprimer/zine/`);
      const finished = await readingEdition(again);
      expect(Buffer.from(finished).equals(Buffer.from(pdfs.lecture))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("the A5 zine's layout, read from the PDF", () => {
  it("hyphenates by the rules: no name split (Marseille, Technopolice…), no paragraph ending on a word's tail, at most two hyphenated lines in a row", () => {
    const facts = hyphenFactsFromLines(pdfPageLines(file("lecture")));
    expect(facts.length).toBeGreaterThan(20);
    expect(checkHyphenation(facts)).toEqual([]);
    expect(summary.files.find((f) => f.key === "lecture")!.warnings).toEqual([]);
  });

  it("lists every section in the contents with its page, the conclusion included", () => {
    const tocIndex = a5Pages.findIndex((p) => /Sommaire/.test(p));
    const introIndex = a5Pages.findIndex((p, i) => i > tocIndex && /^\s*Introduction\s*$/m.test(p));
    const contents = squashPdf(pdfRawText(file("lecture"), tocIndex + 1, introIndex));
    const sections = fs
      .readdirSync("src/chapitres")
      .sort()
      .flatMap((f) => [...fs.readFileSync(path.join("src/chapitres", f), "utf8").matchAll(/^## (.+)$/gm)].map((m) => m[1]));
    expect(sections).toContain("Rendre visible, puis combattre");
    let page = introIndex + 1;
    for (const section of sections) {
      // The heading as printed (French spacing and apostrophes from the build): find it from the last page on.
      const printed = squashPdf(section).replace(/'/g, "’");
      while (page <= a5Pages.length && !squashPdf(a5Pages[page - 1]).replace(/'/g, "’").includes(printed)) page++;
      expect(page, section).toBeLessThanOrEqual(a5Pages.length);
      expect(contents.replace(/'/g, "’"), section).toContain(`${printed}${page}`);
    }
  });

  it("has a folio on every page but the covers, the introduction's included", () => {
    for (let n = 2; n < a5Pages.length; n++) expect(a5Pages[n - 1].trimEnd().split("\n").at(-1)!.trim(), `page ${n}`).toMatch(new RegExp(`(^|\\s)${n}$`));
  });
});
