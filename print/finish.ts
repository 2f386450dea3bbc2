/**
 * Finish stage: what Chromium's PDF lacks or gets wrong, fixed with pdf-lib.
 * - Ink: Chromium writes every colour as RGB; a print file holds grey only
 *   (print/grey-ink.ts).
 * - Boxes: the layout is the trim plus a margin of bleed (print/editions.ts);
 *   the reading file's boxes are the trim, exactly.
 * - Dates: Chromium stamps the time of the render, so two builds differ. We
 *   write the content's date (or SOURCE_DATE_EPOCH) and drop the XMP packet
 *   (it repeats the dates and carries random document ids).
 * - The trailer /ID is derived from the content, so it is stable too.
 * - The print dialog: /PrintScaling /None, so « fit to page » is not the default.
 */
import crypto from "node:crypto";
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFHexString, PDFRef, PDFStream, PrintScaling, Duplex, type PDFObject } from "pdf-lib";
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
  const bytes = await doc.save({ updateFieldAppearances: false });
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

/**
 * A laid-out document → its finished pages: grey ink, and every box on the
 * trim. Paged.js puts the trim `layoutBleedMm` from the top-left corner; the
 * rest of the sheet (bleed, and Chromium's rounding at the right and bottom)
 * stays in the file, outside the boxes, for the press edition to show.
 */
export async function finishPages(bytes: Uint8Array, options: FinishOptions & { trim: Size; layoutBleedMm: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  await greyInk(doc, options.ink);
  const width = mmToPt(options.trim.widthMm);
  const height = mmToPt(options.trim.heightMm);
  const bleed = mmToPt(options.layoutBleedMm);
  for (const page of doc.getPages()) {
    const media = page.getMediaBox();
    const x = media.x + bleed;
    const y = media.y + media.height - bleed - height;
    page.setMediaBox(x, y, width, height);
    page.setCropBox(x, y, width, height);
    page.setBleedBox(x, y, width, height);
    page.setTrimBox(x, y, width, height);
    page.node.delete(PDFName.of("ArtBox"));
  }
  setStableMetadata(doc, options);
  setPrintDialog(doc);
  return saveStable(doc);
}
