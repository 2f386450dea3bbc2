/**
 * Finish stage: what Chromium's PDF lacks or gets wrong, fixed with pdf-lib.
 * - Dates: Chromium stamps the time of the render, so two builds differ. We
 *   write the content's date (or SOURCE_DATE_EPOCH) and drop the XMP packet
 *   (it repeats the dates and carries random document ids).
 * - The trailer /ID is derived from the content, so it is stable too.
 * - Boxes: with bleed, Chromium sets TrimBox = BleedBox = MediaBox. A copy
 *   shop needs the real trim (A5) and bleed (3 mm around it).
 */
import crypto from "node:crypto";
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFHexString, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import { mmToPt } from "./imposition.ts";

export interface FinishOptions {
  date: Date;
  title: string;
  author: string;
  subject: string;
  /** The trim size in mm and the bleed around it (0: the page is exactly the trim size). */
  trim?: { widthMm: number; heightMm: number; bleedMm: number };
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
export function setStableMetadata(doc: PDFDocument, options: Pick<FinishOptions, "date" | "title" | "author" | "subject">): void {
  doc.setTitle(options.title);
  doc.setAuthor(options.author);
  doc.setSubject(options.subject);
  doc.setLanguage("fr-FR");
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

/** Saves with a trailer /ID computed from the document itself: same content, same bytes. */
export async function saveStable(doc: PDFDocument): Promise<Uint8Array> {
  // Embedded pages and fonts are written into the document at flush time: do it before sweeping.
  await doc.flush();
  dropUnreachableObjects(doc);
  delete (doc.context.trailerInfo as { ID?: unknown }).ID;
  const draft = await doc.save({ updateFieldAppearances: false });
  const hash = crypto.createHash("md5").update(draft).digest("hex");
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context);
  (doc.context.trailerInfo.ID as PDFArray).push(PDFHexString.of(hash));
  (doc.context.trailerInfo.ID as PDFArray).push(PDFHexString.of(hash));
  return doc.save({ updateFieldAppearances: false });
}

export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  setStableMetadata(doc, options);
  if (options.trim) {
    const trimW = mmToPt(options.trim.widthMm);
    const trimH = mmToPt(options.trim.heightMm);
    const bleed = mmToPt(options.trim.bleedMm);
    for (const page of doc.getPages()) {
      if (bleed === 0) {
        // Chromium rounds the page to whole CSS pixels (A5 → 420 × 594.96 pt):
        // give it the exact size; the difference is a blank hair at the edges.
        page.setMediaBox(0, 0, trimW, trimH);
        page.setCropBox(0, 0, trimW, trimH);
        page.setTrimBox(0, 0, trimW, trimH);
        page.setBleedBox(0, 0, trimW, trimH);
        continue;
      }
      const media = page.getMediaBox();
      // Paged.js lays the trim out `bleed` from the top-left corner; Chromium then
      // rounds the sheet to whole pixels at the right and bottom edges.
      const x = media.x + bleed;
      const y = media.y + media.height - bleed - trimH;
      page.setTrimBox(x, y, trimW, trimH);
      page.setBleedBox(
        Math.max(media.x, x - bleed),
        Math.max(media.y, y - bleed),
        Math.min(media.width, trimW + 2 * bleed),
        Math.min(media.height, trimH + 2 * bleed),
      );
    }
  }
  return saveStable(doc);
}
