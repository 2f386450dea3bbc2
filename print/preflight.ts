/**
 * Preflight: what a copy shop checks before printing, read from the finished
 * PDFs themselves with pdf-lib: pages and their count, the boxes to 0.01 mm,
 * every font embedded (a Type 3 font is a faked face), the inks (grey only),
 * the lines (none thinner than 0.25 pt, no thin line in a grey tint), the
 * overflows Paged.js and our handler reported, and that the reading file, the
 * press file and the booklet draw each page the same. Each problem is a
 * sentence for the person who reads the build's output.
 */
import { PDFDocument, PDFDict, PDFName, PDFArray, PDFRawStream } from "pdf-lib";
import { ptToMm, saddleStitchSides } from "./imposition.ts";
import { scanContent, streamText } from "./grey-ink.ts";
import { THINNEST_LINE_PT, type Edition, type Size } from "./editions.ts";
import type { Overflow, LoneLine } from "./render.ts";
import { resolve, dict, inkOf, pageContent, type LineFinding } from "./preflight-ink.ts";
import { judgePictures, isShippedFont, unshippedFontProblem } from "./preflight-pictures.ts";
import { checkNotes, checkHyphenation, overflowMessage, type NoteFact, type HyphenFact } from "./layout-checks.ts";
import { readPdf } from "./finish.ts";

export interface FontInfo {
  name: string;
  type: string;
  embedded: boolean;
}

/** A box in mm: x, y (from the sheet's bottom-left corner), width, height. */
export type BoxMm = [number, number, number, number];

export interface PreflightEntry {
  /** Which print file this is (print/editions.ts). */
  key: string;
  file: string;
  pages: number;
  bytes: number;
  /** The sheet (MediaBox) of the first page. */
  sheetMm: Size;
  mediaBoxMm: BoxMm;
  trimBoxMm: BoxMm;
  bleedBoxMm: BoxMm;
  /** The multiple the page count had to be (4 for the A5 editions). */
  multiple: number;
  fonts: FontInfo[];
  /** Every colour space the pages draw in (DeviceGray, DeviceRGB…). */
  colourSpaces: string[];
  /** The thinnest stroked line or line-like rectangle, in points (undefined: none). */
  thinnestLinePt?: number;
  /** PDF/X version declared, if any. */
  pdfX?: string;
  overflows: Overflow[];
  /** Widows and orphans left (a warning: the handler already moved what it could). */
  loneLines: LoneLine[];
  warnings: string[];
  problems: string[];
}

/** Boxes must match the editions table to a hundredth of a millimetre. */
const BOX_TOLERANCE_MM = 0.01;

function isEmbedded(doc: PDFDocument, font: PDFDict): boolean {
  const subtype = font.get(PDFName.of("Subtype"))?.toString();
  if (subtype === "/Type3") return false;
  let descriptorHolder = font;
  if (subtype === "/Type0") {
    const descendants = resolve(doc, font.get(PDFName.of("DescendantFonts")));
    const first = descendants instanceof PDFArray ? dict(doc, descendants.get(0)) : undefined;
    if (!first) return false;
    descriptorHolder = first;
  }
  const descriptor = dict(doc, descriptorHolder.get(PDFName.of("FontDescriptor")));
  if (!descriptor) return false;
  return ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor.has(PDFName.of(key)));
}

/** Every font used by the pages, including inside form XObjects (imposed pages). */
export function listFonts(doc: PDFDocument): FontInfo[] {
  const fonts = new Map<string, FontInfo>();
  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    const fontDict = dict(doc, resources.get(PDFName.of("Font")));
    for (const [, value] of fontDict?.entries() ?? []) {
      const font = dict(doc, value);
      if (!font) continue;
      const name = font.get(PDFName.of("BaseFont"))?.toString().replace(/^\//, "") ?? "(sans nom)";
      const type = font.get(PDFName.of("Subtype"))?.toString().replace(/^\//, "") ?? "?";
      fonts.set(name, { name, type, embedded: isEmbedded(doc, font) });
    }
    const xobjects = dict(doc, resources.get(PDFName.of("XObject")));
    for (const [, value] of xobjects?.entries() ?? []) {
      const xobject = resolve(doc, value) as { dict?: PDFDict } | undefined;
      visit(dict(doc, xobject?.dict?.get(PDFName.of("Resources"))));
    }
  };
  for (const page of doc.getPages()) visit(dict(doc, page.node.get(PDFName.of("Resources"))));
  return [...fonts.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const round = (mm: number) => Math.round(mm * 100) / 100;
const boxMm = (box: { x: number; y: number; width: number; height: number }): BoxMm => [box.x, box.y, box.width, box.height].map((v) => round(ptToMm(v))) as BoxMm;
const mm = (value: number) => value.toFixed(2).replace(".", ",");

const sameBox = (a: BoxMm, b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= BOX_TOLERANCE_MM + 0.005);

export async function preflight(
  edition: Edition,
  file: string,
  bytes: Uint8Array,
  layout: { overflows: Overflow[]; loneLines?: LoneLine[]; warnings: string[]; notes?: NoteFact[]; hyphens?: HyphenFact[] } = { overflows: [], warnings: [] },
  loaded?: PDFDocument,
): Promise<PreflightEntry> {
  const doc = await readPdf(loaded ?? bytes);
  const pages = doc.getPages();
  const first = pages[0];
  const ink = await inkOf(doc);
  const info = dict(doc, doc.context.trailerInfo.Info);
  const thinnest = ink.lines.length ? Math.min(...ink.lines.map((l) => l.widthPt)) : undefined;
  const entry: PreflightEntry = {
    key: edition.key,
    file,
    pages: pages.length,
    bytes: bytes.byteLength,
    sheetMm: { widthMm: round(ptToMm(first.getMediaBox().width)), heightMm: round(ptToMm(first.getMediaBox().height)) },
    mediaBoxMm: boxMm(first.getMediaBox()),
    trimBoxMm: boxMm(first.getTrimBox()),
    bleedBoxMm: boxMm(first.getBleedBox()),
    multiple: edition.multiple,
    fonts: listFonts(doc),
    colourSpaces: [...ink.spaces].sort(),
    thinnestLinePt: thinnest === undefined ? undefined : Math.round(thinnest * 1000) / 1000,
    pdfX: info?.get(PDFName.of("GTS_PDFXVersion"))?.toString().replace(/^\(|\)$/g, ""),
    overflows: layout.overflows,
    loneLines: layout.loneLines ?? [],
    // Hyphenation is a warning (the handlers already apply the rules); a wrong note number is a problem.
    warnings: [...layout.warnings, ...checkHyphenation(layout.hyphens ?? [])],
    problems: [],
  };
  const problems = entry.problems;
  const imposed = edition.imposition !== "none";
  // The page the reader holds (the trim), or, once imposed, the whole sheet.
  const trim = imposed ? edition.sheet : edition.trim;
  for (const [index, page] of pages.entries()) {
    const where = pages.length > 1 ? `page ${index + 1} : ` : "";
    const media = boxMm(page.getMediaBox());
    const box = boxMm(page.getTrimBox());
    const bleed = boxMm(page.getBleedBox());
    const fix = "c’est une erreur de la chaîne d’impression (print/editions.ts) : signalez-la, le fichier ne partira pas chez l’imprimeur ainsi.";
    // Every sheet starts at 0 0: a shop's imposition software places a sheet by its lower-left corner, and some RIPs
    // and office print dialogs mishandle a page that starts elsewhere (the reading file's trim is its sheet, from 0 0).
    if (Math.abs(media[0]) > 0.005 || Math.abs(media[1]) > 0.005) {
      problems.push(`${where}la feuille (MediaBox) commence en ${mm(media[0])} ; ${mm(media[1])} mm au lieu de 0 ; 0 ; ${fix}`);
      break;
    }
    if (!sameBox(media.slice(2) as BoxMm, [edition.sheet.widthMm, edition.sheet.heightMm])) {
      problems.push(`${where}la feuille mesure ${mm(media[2])} × ${mm(media[3])} mm au lieu de ${mm(edition.sheet.widthMm)} × ${mm(edition.sheet.heightMm)} mm ; ${fix}`);
      break;
    }
    if (!sameBox(box.slice(2) as BoxMm, [trim.widthMm, trim.heightMm])) {
      problems.push(`${where}le format fini (TrimBox) mesure ${mm(box[2])} × ${mm(box[3])} mm au lieu de ${mm(trim.widthMm)} × ${mm(trim.heightMm)} mm ; ${fix}`);
      break;
    }
    const left = box[0] - media[0];
    const right = media[0] + media[2] - box[0] - box[2];
    const bottom = box[1] - media[1];
    const top = media[1] + media[3] - box[1] - box[3];
    if (Math.abs(left - right) > BOX_TOLERANCE_MM || Math.abs(top - bottom) > BOX_TOLERANCE_MM) {
      problems.push(`${where}le format fini n’est pas centré sur la feuille (marges ${mm(left)}, ${mm(right)}, ${mm(bottom)} et ${mm(top)} mm) ; ${fix}`);
      break;
    }
    const b = edition.bleedMm;
    if (!sameBox(bleed, [box[0] - b, box[1] - b, box[2] + 2 * b, box[3] + 2 * b])) {
      problems.push(`${where}le fond perdu (BleedBox) ne déborde pas de ${mm(b)} mm de chaque côté du format fini ; ${fix}`);
      break;
    }
  }
  if (edition.pages !== undefined && pages.length !== edition.pages) {
    problems.push(`${pages.length} pages au lieu de ${edition.pages}.`);
  }
  if (pages.length % edition.multiple !== 0) {
    problems.push(`${pages.length} pages, ce n’est pas un multiple de ${edition.multiple} : le livret ne se plierait pas ; le gestionnaire PadToMultiple de print/handlers.ts n’a pas complété.`);
  }
  for (const font of entry.fonts) {
    if (font.type === "Type3") problems.push(`la police ${font.name} est une police Type 3 (graisse ou style simulé) : déclarez la vraie fonte dans print/polices.css.`);
    else if (!font.embedded) problems.push(`la police ${font.name} n’est pas incorporée : l’imprimeur en mettrait une autre.`);
    if (!isShippedFont(font.name)) problems.push(unshippedFontProblem(font.name));
  }
  // Pictures: resolution at their printed size (print/preflight-pictures.ts).
  const pictures = judgePictures(ink.pictures);
  problems.push(...pictures.problems);
  entry.warnings = [...entry.warnings, ...pictures.warnings];
  const foreign = entry.colourSpaces.filter((space) => space !== "DeviceGray" && !(space === "DeviceCMYK" && !ink.colourCmyk) && !(space === "Separation" && edition.spot));
  if (foreign.length) {
    const why = foreign.includes("Pattern") ? " Un dégradé ou un motif CSS (Pattern) dans print/*.css ? Remplacez-le par des traits noirs." : " Une image en couleur ? Mettez-la en niveaux de gris.";
    problems.push(`le fichier contient des couleurs (${foreign.join(", ")}) et non du seul noir : l’imprimeur les passerait en quatre encres et le texte noir deviendrait gris foncé tramé.${why}`);
  }
  const thin = ink.lines.filter((l) => l.widthPt < THINNEST_LINE_PT - 0.001);
  if (thin.length) {
    problems.push(`page ${thin[0].page} : un trait de ${thin[0].widthPt.toFixed(2).replace(".", ",")} pt, plus fin que ${String(THINNEST_LINE_PT).replace(".", ",")} pt : il disparaîtrait à l’impression ; épaississez-le dans print/*.css.`);
  }
  // A thin line in a grey tint breaks into dots on a copier. Refused: a hairline (under 0,5 pt) in any tint, or a
  // line under 1 pt lighter than 50 % black; a darker line from 0,5 pt (a drawing's greyed stroke) is a warning.
  const tinted = ink.lines.filter((l) => l.widthPt < 1 && l.grey > 0.001 && l.grey < 0.999);
  const light = tinted.filter((l) => l.widthPt < 0.5 || l.grey > 0.5);
  const tintSentence = (t: LineFinding) =>
    `page ${t.page} : un filet fin (${t.widthPt.toFixed(2).replace(".", ",")} pt) en gris à ${Math.round((1 - t.grey) * 100)} % : une photocopieuse ou une risographie le tramerait en pointillés ; mettez-le en noir plein (dans print/*.css, ou dans le dessin).`;
  if (light.length) problems.push(tintSentence(light[0]));
  else if (tinted.length) entry.warnings = [...entry.warnings, tintSentence(tinted[0])];
  for (const overflow of entry.overflows) problems.push(overflowMessage(overflow));
  problems.push(...checkNotes(layout.notes ?? []));
  return entry;
}

/**
 * One layout: the content of page N of the reading file is drawn, byte for
 * byte, on page N of the press file and on its place in the booklet.
 */
export async function sameDrawingPerPage(reading: Uint8Array | PDFDocument, press: Uint8Array | PDFDocument, booklet: Uint8Array | PDFDocument): Promise<string[]> {
  const [a5, presse, livret] = await Promise.all([reading, press, booklet].map(readPdf));
  const problems: string[] = [];
  const pages = a5.getPages();
  const expected = pages.map((page) => pageContent(a5, page));
  presse.getPages().forEach((page, i) => {
    // The press page wraps the same streams between a clip and the crop marks.
    if (pageContent(presse, page, (s) => s.slice(1, -1)) !== expected[i]) {
      problems.push(`page ${i + 1} : l’édition imprimeur ne dessine pas la même page que l’édition de lecture.`);
    }
  });
  const sides = saddleStitchSides(pages.length);
  livret.getPages().forEach((side, s) => {
    const resources = dict(livret, side.node.get(PDFName.of("Resources")));
    const forms = scanContent(pageContent(livret, side))
      .filter((op) => op.operator === "Do")
      .map((op) => resolve(livret, dict(livret, resources?.get(PDFName.of("XObject")))?.get(PDFName.of(op.operands[0].slice(1)))));
    [sides[s]?.left, sides[s]?.right].forEach((pageNumber, k) => {
      const form = forms[k];
      // The page's own stream, copied as it is (print/page-forms.ts), or as pdf-lib embeds a page: wrapped in q … Q.
      const drawn = form instanceof PDFRawStream ? streamText(form).trim() : undefined;
      const page = pageNumber ? expected[pageNumber - 1].trim() : undefined;
      const same = drawn !== undefined && page !== undefined && (drawn === page || drawn.replace(/^q\s*/, "").replace(/\s*Q$/, "") === page);
      if (!same) {
        problems.push(`page ${pageNumber} : le livret ne dessine pas la même page que l’édition de lecture (feuille ${Math.floor(s / 2) + 1}, ${s % 2 ? "verso" : "recto"}).`);
      }
    });
  });
  return problems;
}
