/**
 * Preflight: what a copy shop would check before printing, read from the
 * finished PDFs themselves with pdf-lib (no external tool): pages, page size,
 * every font and whether it is embedded (a Type 3 font is a faked face), page
 * count modulo 4, and the overflows Paged.js and our handler reported.
 */
import { PDFDocument, PDFDict, PDFName, PDFRef, PDFArray, type PDFObject } from "pdf-lib";
import { ptToMm } from "./imposition.ts";
import type { Overflow, LoneLine } from "./render.ts";

export interface FontInfo {
  name: string;
  type: string;
  embedded: boolean;
}

export interface Expectation {
  widthMm: number;
  heightMm: number;
  /** Pages must be a multiple of this (4 for a folded booklet; 1 for none). */
  multiple: number;
  /** Exact page count, when it is fixed (the imposed mini-zine: 1). */
  pages?: number;
}

export interface PreflightEntry {
  /** Which print file this is (print/editions.ts). */
  key: string;
  file: string;
  pages: number;
  bytes: number;
  widthMm: number;
  heightMm: number;
  trimBoxMm?: number[];
  bleedBoxMm?: number[];
  pagesMod4: number;
  /** The multiple the page count had to be (4 for the A5 editions). */
  multiple: number;
  fonts: FontInfo[];
  overflows: Overflow[];
  /** Widows and orphans left (a warning: the handler already moved what it could). */
  loneLines: LoneLine[];
  warnings: string[];
  problems: string[];
}

const TOLERANCE_MM = 0.5;

function resolve(doc: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? doc.context.lookup(object) : object;
}

function dict(doc: PDFDocument, object: PDFObject | undefined): PDFDict | undefined {
  const found = resolve(doc, object);
  return found instanceof PDFDict ? found : undefined;
}

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

export async function preflight(
  key: string,
  file: string,
  bytes: Uint8Array,
  expect: Expectation,
  layout: { overflows: Overflow[]; loneLines?: LoneLine[]; warnings: string[] } = { overflows: [], warnings: [] },
): Promise<PreflightEntry> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const first = pages[0];
  const trim = first.getTrimBox();
  const media = first.getMediaBox();
  const hasBleed = trim.width < media.width - 0.01;
  // A press PDF is as big as its trim (the page the reader holds) plus bleed.
  const size = hasBleed ? trim : media;
  const entry: PreflightEntry = {
    key,
    file,
    pages: pages.length,
    bytes: bytes.byteLength,
    widthMm: round(ptToMm(size.width)),
    heightMm: round(ptToMm(size.height)),
    pagesMod4: pages.length % 4,
    multiple: expect.multiple,
    fonts: listFonts(doc),
    overflows: layout.overflows,
    loneLines: layout.loneLines ?? [],
    warnings: layout.warnings,
    problems: [],
  };
  if (hasBleed) {
    const bleed = first.getBleedBox();
    entry.trimBoxMm = [trim.x, trim.y, trim.width, trim.height].map((v) => round(ptToMm(v)));
    entry.bleedBoxMm = [bleed.x, bleed.y, bleed.width, bleed.height].map((v) => round(ptToMm(v)));
  }
  const problems = entry.problems;
  for (const [index, page] of pages.entries()) {
    const box = hasBleed ? page.getTrimBox() : page.getMediaBox();
    const w = ptToMm(box.width);
    const h = ptToMm(box.height);
    if (Math.abs(w - expect.widthMm) > TOLERANCE_MM || Math.abs(h - expect.heightMm) > TOLERANCE_MM) {
      problems.push(`page ${index + 1} : ${w.toFixed(1)} × ${h.toFixed(1)} mm au lieu de ${expect.widthMm} × ${expect.heightMm} mm → vérifiez @page size dans print/`);
      break;
    }
  }
  if (expect.pages !== undefined && pages.length !== expect.pages) {
    problems.push(`${pages.length} pages au lieu de ${expect.pages}`);
  }
  if (pages.length % expect.multiple !== 0) {
    problems.push(`${pages.length} pages, pas un multiple de ${expect.multiple} → le gestionnaire PadToMultiple de print/handlers.ts n’a pas complété`);
  }
  for (const font of entry.fonts) {
    if (font.type === "Type3") problems.push(`police ${font.name} en Type 3 (graisse ou style simulé) → déclarez la vraie fonte dans print/polices.css`);
    else if (!font.embedded) problems.push(`police ${font.name} non incorporée`);
  }
  for (const overflow of entry.overflows) {
    problems.push(`débordement page ${overflow.page} (${overflow.element}) : « ${overflow.text} » → raccourcissez ou ajustez print/*.css`);
  }
  return entry;
}
