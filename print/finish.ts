/**
 * Finish stage: what Chromium's PDF lacks or gets wrong, fixed with pdf-lib.
 * - Ink: Chromium writes every colour as RGB; a print file holds grey only
 *   (print/grey-ink.ts).
 * - Boxes: the layout is the trim plus a margin of bleed (print/editions.ts);
 *   the reading file's boxes are the trim, exactly, from 0 0: each page's
 *   drawing, links and bookmarks move so that the trim's lower-left corner is
 *   the page's origin (some RIPs and office print dialogs mishandle a page
 *   that starts elsewhere).
 * - Dates: Chromium stamps the time of the render, so two builds differ. We
 *   write the content's date (or SOURCE_DATE_EPOCH) and drop the XMP packet
 *   (it repeats the dates and carries random document ids).
 * - The trailer /ID is derived from the content, so it is stable too.
 * - The print dialog: /PrintScaling /None, so « fit to page » is not the default.
 */
import crypto from "node:crypto";
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFHexString, PDFNumber, PDFRef, PDFStream, PrintScaling, Duplex, ParseSpeeds, type PDFObject, type PDFPage } from "pdf-lib";
import { mmToPt } from "./imposition.ts";
import { greyInk, type InkOptions } from "./grey-ink.ts";
import type { Size } from "./editions.ts";

export interface FinishOptions {
  date: Date;
  title: string;
  author: string;
  subject: string;
  /** The PDF's /Lang, as BCP 47 (fr-FR, en-GB): from <meta name="zine-lang">. */
  lang?: string;
  /** Which file of a print with riso marks this is (print/grey-ink.ts): the reading edition unless a drum is named. */
  ink?: InkOptions;
}

/**
 * How the print stage has pdf-lib read and write a file: in one stretch. By
 * default pdf-lib waits for a setTimeout(0) every 100 objects it reads and
 * every 50 it writes, so that a browser page stays responsive: our reading
 * A5 (1 450 objects) waited some 45 times, a millisecond or more each, and a
 * build reads and writes some 30 files. The bytes are the same; the stage's
 * own loops still let the event loop run page by page (breathe.ts).
 */
const PDF_READ = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;
export const PDF_WRITE = { updateFieldAppearances: false, objectsPerTick: Infinity } as const;

/** A PDF as every stage of the print reads it (in one stretch, its metadata as written), or the document itself when already loaded. */
export async function readPdf(pdf: Uint8Array | PDFDocument): Promise<PDFDocument> {
  return pdf instanceof PDFDocument ? pdf : PDFDocument.load(pdf, PDF_READ);
}

/** SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the content date. */
export function pdfDate(contentDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    const seconds = Number(epoch);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new Error(`SOURCE_DATE_EPOCH=${epoch} n’est pas un nombre de secondes → par exemple SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`);
    }
    return new Date(seconds * 1000);
  }
  const date = new Date(`${contentDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`date de contenu illisible : « ${contentDate} » (attendu AAAA-MM-JJ)`);
  return date;
}

/** Sets the info dictionary the same way every time. */
export function setStableMetadata(doc: PDFDocument, options: Pick<FinishOptions, "date" | "title" | "author" | "subject" | "lang">): void {
  doc.setTitle(options.title);
  doc.setAuthor(options.author);
  doc.setSubject(options.subject);
  doc.setLanguage(options.lang ?? "fr-FR");
  doc.setCreator("Eleventy, Paged.js");
  doc.setProducer("Chromium, pdf-lib");
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);
  const metadata = doc.catalog.get(PDFName.of("Metadata"));
  if (metadata) {
    doc.catalog.delete(PDFName.of("Metadata"));
    if (metadata instanceof PDFRef) doc.context.delete(metadata);
  }
}

/**
 * pdf-lib writes every object it holds, even those nothing points to any
 * more (embedding pages copies their content streams, then re-encodes them
 * into forms): keep only what the catalog and the info dictionary reach.
 */
export function dropUnreachableObjects(doc: PDFDocument): void {
  const reached = new Set<string>();
  const pending: PDFObject[] = [doc.context.trailerInfo.Root, doc.context.trailerInfo.Info].filter((o): o is PDFObject => Boolean(o));
  while (pending.length) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) continue;
      reached.add(object.tag);
      const target = doc.context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict) {
      pending.push(...object.values());
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    }
  }
  for (const [ref] of doc.context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) doc.context.delete(ref);
  }
}

/** A placeholder /ID, as long as the MD5 that replaces it. */
const PLACEHOLDER_ID = "0".repeat(32);

/**
 * Saves with a trailer /ID computed from the document itself: same content,
 * same bytes. One save: the file is written with a placeholder ID, hashed,
 * and the placeholder (in the trailer, the last thing written) overwritten
 * with the hash, which has the same length.
 */
export async function saveStable(doc: PDFDocument): Promise<Uint8Array> {
  // Embedded pages and fonts are written into the document at flush time: do it before sweeping.
  await doc.flush();
  dropUnreachableObjects(doc);
  const id = PDFArray.withContext(doc.context);
  id.push(PDFHexString.of(PLACEHOLDER_ID));
  id.push(PDFHexString.of(PLACEHOLDER_ID));
  doc.context.trailerInfo.ID = id;
  const bytes = await doc.save(PDF_WRITE);
  const hash = crypto.createHash("md5").update(bytes).digest("hex");
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marker = `<${PLACEHOLDER_ID}>`;
  const second = text.lastIndexOf(marker);
  const first = text.lastIndexOf(marker, second - 1);
  if (first < 0 || second - first > 64) throw new Error("identifiant du PDF introuvable dans la remorque (trailer)");
  text.write(`<${hash}>`, first, "latin1");
  text.write(`<${hash}>`, second, "latin1");
  return bytes;
}

/**
 * What the print dialog offers first: actual size, never « fit to page » (it
 * moves every page off its fold), and for the booklet duplex flipping on the
 * short edge. The number of copies stays the person's.
 */
export function setPrintDialog(doc: PDFDocument, options: { duplex?: boolean } = {}): void {
  const preferences = doc.catalog.getOrCreateViewerPreferences();
  preferences.setPrintScaling(PrintScaling.None);
  if (options.duplex) preferences.setDuplex(Duplex.DuplexFlipShortEdge);
}

/** A number in a content stream: every digit JavaScript has, never an exponent (PDF has none). */
const decimal = (value: number) => (Math.abs(value) < 1e-6 ? "0" : String(value));

/** How far a page's drawing moves: its trim's lower-left corner goes to 0 0. */
interface Shift {
  x: number;
  y: number;
}

/** A destination's coordinates that are positions on the page, by its kind (PDF 32000, 12.3.2.2): the x ones and the y ones. */
const DESTINATION_SLOTS: Record<string, { x: number[]; y: number[] }> = {
  "/XYZ": { x: [2], y: [3] },
  "/FitH": { x: [], y: [2] },
  "/FitBH": { x: [], y: [2] },
  "/FitV": { x: [2], y: [] },
  "/FitBV": { x: [2], y: [] },
  "/FitR": { x: [2, 4], y: [3, 5] },
};

/**
 * Moves what points at a place on a page along with its drawing: link
 * rectangles, every destination (named, in links, in the bookmarks), and the
 * patterns the page paints with (their matrix maps to the page's own space,
 * which a `cm` in the content does not move).
 */
function moveReferences(doc: PDFDocument, shifts: Map<string, Shift>): void {
  const context = doc.context;
  const at = (object: PDFObject | undefined) => (object instanceof PDFRef ? context.lookup(object) : object);
  const moved = new Set<PDFObject>();
  const add = (array: PDFArray, index: number, by: number) => {
    const value = array.get(index);
    if (value instanceof PDFNumber) array.set(index, PDFNumber.of(value.asNumber() + by));
  };
  const destination = (object: PDFObject | undefined) => {
    const found = at(object);
    const array = found instanceof PDFDict ? at(found.get(PDFName.of("D"))) : found;
    if (!(array instanceof PDFArray) || moved.has(array)) return;
    const page = array.get(0);
    const shift = page instanceof PDFRef ? shifts.get(page.tag) : undefined;
    const slots = DESTINATION_SLOTS[array.get(1)?.toString() ?? ""];
    if (!shift || !slots) return;
    moved.add(array);
    for (const i of slots.x) add(array, i, shift.x);
    for (const i of slots.y) add(array, i, shift.y);
  };
  const action = (object: PDFObject | undefined) => {
    const found = at(object);
    if (found instanceof PDFDict && found.get(PDFName.of("S"))?.toString() === "/GoTo") destination(found.get(PDFName.of("D")));
  };
  // Named destinations: the catalog's /Dests, and the /Dests name tree.
  const dests = at(doc.catalog.get(PDFName.of("Dests")));
  if (dests instanceof PDFDict) for (const value of dests.values()) destination(value);
  const tree = (object: PDFObject | undefined) => {
    const node = at(object);
    if (!(node instanceof PDFDict)) return;
    const names = at(node.get(PDFName.of("Names")));
    if (names instanceof PDFArray) for (let i = 1; i < names.size(); i += 2) destination(names.get(i));
    const kids = at(node.get(PDFName.of("Kids")));
    if (kids instanceof PDFArray) kids.asArray().forEach(tree);
  };
  const nameTrees = at(doc.catalog.get(PDFName.of("Names")));
  if (nameTrees instanceof PDFDict) tree(nameTrees.get(PDFName.of("Dests")));
  // Bookmarks.
  const outlines = at(doc.catalog.get(PDFName.of("Outlines")));
  const items = outlines instanceof PDFDict ? [at(outlines.get(PDFName.of("First")))] : [];
  for (let item = items.pop(); item instanceof PDFDict; item = items.pop()) {
    destination(item.get(PDFName.of("Dest")));
    action(item.get(PDFName.of("A")));
    items.push(at(item.get(PDFName.of("Next"))), at(item.get(PDFName.of("First"))));
  }
  for (const page of doc.getPages()) {
    const shift = shifts.get(page.ref.tag)!;
    const annotations = at(page.node.get(PDFName.of("Annots")));
    for (const annotation of annotations instanceof PDFArray ? annotations.asArray().map(at) : []) {
      if (!(annotation instanceof PDFDict) || moved.has(annotation)) continue;
      moved.add(annotation);
      for (const key of ["Rect", "QuadPoints"]) {
        const points = at(annotation.get(PDFName.of(key)));
        if (points instanceof PDFArray) for (let i = 0; i < points.size(); i++) add(points, i, i % 2 ? shift.y : shift.x);
      }
      destination(annotation.get(PDFName.of("Dest")));
      action(annotation.get(PDFName.of("A")));
    }
    const resources = at(page.node.get(PDFName.of("Resources")));
    const patterns = resources instanceof PDFDict ? at(resources.get(PDFName.of("Pattern"))) : undefined;
    for (const value of patterns instanceof PDFDict ? patterns.values().map(at) : []) {
      const pattern = value instanceof PDFStream ? value.dict : value;
      if (!(pattern instanceof PDFDict) || moved.has(pattern)) continue;
      moved.add(pattern);
      const matrix = at(pattern.get(PDFName.of("Matrix")));
      const m = matrix instanceof PDFArray ? matrix.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) : [1, 0, 0, 1, 0, 0];
      pattern.set(PDFName.of("Matrix"), context.obj([m[0], m[1], m[2], m[3], m[4] + shift.x, m[5] + shift.y]));
    }
  }
}

/**
 * A laid-out document → its finished pages: grey ink, and every box on the
 * trim, from 0 0. Paged.js puts the trim `layoutBleedMm` from the top-left
 * corner; each page's drawing moves (a `cm` before its content, written in
 * the same pass as the grey ink) so that the trim starts at 0 0. The rest of
 * the sheet (bleed, and Chromium's rounding at the right and bottom) stays in
 * the content, outside the boxes, for the press edition to show.
 */
export async function finishPages(bytes: Uint8Array, options: FinishOptions & { trim: Size; layoutBleedMm: number }): Promise<Uint8Array> {
  const doc = await readPdf(bytes);
  const width = mmToPt(options.trim.widthMm);
  const height = mmToPt(options.trim.heightMm);
  const bleed = mmToPt(options.layoutBleedMm);
  const shifts = new Map<string, Shift>();
  for (const page of doc.getPages()) {
    const media = page.getMediaBox();
    // Where the trim was, to the last digit (the same number pdf-lib wrote in the boxes): the pixels stay where they were.
    shifts.set(page.ref.tag, { x: -(media.x + bleed), y: -(media.y + media.height - bleed - height) });
  }
  const moveTo = (page: PDFPage) => {
    const shift = shifts.get(page.ref.tag)!;
    return shift.x || shift.y ? `1 0 0 1 ${decimal(shift.x)} ${decimal(shift.y)} cm\n` : "";
  };
  await greyInk(doc, options.ink, moveTo);
  moveReferences(doc, shifts);
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, width, height);
    page.setCropBox(0, 0, width, height);
    page.setBleedBox(0, 0, width, height);
    page.setTrimBox(0, 0, width, height);
    page.node.delete(PDFName.of("ArtBox"));
  }
  setStableMetadata(doc, options);
  setPrintDialog(doc);
  return saveStable(doc);
}
