/**
 * The press edition, from the finished reading pages themselves (the same
 * content streams, so the same layout): each page gets a larger sheet, a
 * BleedBox 3 mm around the trim, the content clipped to that bleed, crop
 * marks outside it, and the PDF/X keys a copy shop's preflight looks for.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import { type PDFDocument, PDFName, PDFString, PDFArray, PDFDict, PDFRawStream, type PDFRef } from "pdf-lib";
import { mmToPt } from "./imposition.ts";
import { CROP_MARKS, type Edition } from "./editions.ts";
import { setStableMetadata, setPrintDialog, saveStable, readPdf, type FinishOptions } from "./finish.ts";

/**
 * The output intent's profile. PDF/X asks for a printer ("prtr") profile;
 * Ghostscript's gray_to_k.icc (Debian libgs-common, installed with
 * ghostscript) is one, CMYK, that prints grey on the black plate only.
 */
export const OUTPUT_PROFILE = "/usr/share/color/icc/ghostscript/gray_to_k.icc";

const number = (value: number) => Number(value.toFixed(4)).toString();

/** The crop marks of a trim box, as PDF operators: on the trim lines, starting outside the bleed. */
export function cropMarks(trim: { x: number; y: number; width: number; height: number }): string {
  const from = mmToPt(CROP_MARKS.offsetMm);
  const to = from + mmToPt(CROP_MARKS.lengthMm);
  const left = trim.x;
  const right = trim.x + trim.width;
  const bottom = trim.y;
  const top = trim.y + trim.height;
  const lines: [number, number, number, number][] = [];
  for (const x of [left, right]) {
    lines.push([x, top + from, x, top + to], [x, bottom - from, x, bottom - to]);
  }
  for (const y of [bottom, top]) {
    lines.push([left - from, y, left - to, y], [right + from, y, right + to, y]);
  }
  // 100 % black on the grey plate, square ends, no dash.
  return [
    "q",
    "0 G",
    `${CROP_MARKS.widthPt} w`,
    "0 J",
    "[] 0 d",
    ...lines.map(([x1, y1, x2, y2]) => `${number(x1)} ${number(y1)} m ${number(x2)} ${number(y2)} l S`),
    "Q",
  ].join("\n");
}

/** A stable UUID-shaped id from what the file is (never random: same input, same bytes). */
function documentId(options: FinishOptions): string {
  const hex = crypto.createHash("md5").update(`${options.title}\n${options.date.toISOString()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An XMP packet that says the same as the info dictionary, with the PDF/X version. */
function xmp(options: FinishOptions): string {
  const date = options.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(options.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escape(options.author)}</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <xmp:CreatorTool>Eleventy, Paged.js</xmp:CreatorTool>
   <pdf:Producer>Chromium, pdf-lib</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:${documentId(options)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${documentId(options)}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/** Declares PDF/X-4 (ISO 15930-7): version keys, Trapped, an output intent, XMP. False if the profile is missing. */
function declarePdfX(doc: PDFDocument, options: FinishOptions, profileFile: string): boolean {
  if (!fs.existsSync(profileFile)) return false;
  const context = doc.context;
  const profile = fs.readFileSync(profileFile);
  const compressed = zlib.deflateSync(profile);
  const profileRef = context.register(
    PDFRawStream.of(context.obj({ N: 4, Filter: "FlateDecode", Length: compressed.length }) as PDFDict, compressed),
  );
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFX",
    OutputConditionIdentifier: PDFString.of("Custom"),
    OutputCondition: PDFString.of("Noir seul (niveaux de gris sur la plaque noire)"),
    RegistryName: PDFString.of("http://www.color.org"),
    Info: PDFString.of("Ghostscript gray_to_k.icc"),
    DestOutputProfile: profileRef,
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([intent]));
  const info = context.lookup(context.trailerInfo.Info) as PDFDict;
  info.set(PDFName.of("GTS_PDFXVersion"), PDFString.of("PDF/X-4"));
  info.set(PDFName.of("Trapped"), PDFName.of("False"));
  const packet = Buffer.from(xmp(options), "utf8");
  const metadata = context.register(
    PDFRawStream.of(context.obj({ Type: "Metadata", Subtype: "XML", Length: packet.length }) as PDFDict, packet),
  );
  doc.catalog.set(PDFName.of("Metadata"), metadata);
  return true;
}

export interface PressResult {
  pdf: Uint8Array;
  /** The output intent could not be embedded: the file is not declared PDF/X. */
  pdfX: boolean;
}

/** The press edition of `reading` (finished pages, boxes on the trim). */
export async function pressEdition(reading: Uint8Array, edition: Edition, options: FinishOptions, profileFile = OUTPUT_PROFILE): Promise<PressResult> {
  const doc = await readPdf(reading);
  const context = doc.context;
  const space = mmToPt(CROP_MARKS.spaceMm);
  const bleed = mmToPt(edition.bleedMm);
  const stream = (text: string): PDFRef => {
    const bytes = zlib.deflateSync(Buffer.from(text, "latin1"));
    return context.register(PDFRawStream.of(context.obj({ Filter: "FlateDecode", Length: bytes.length }) as PDFDict, bytes));
  };
  for (const page of doc.getPages()) {
    const trim = page.getTrimBox();
    // The sheet starts at 0 0, as preflight tools and imposition software expect: the page's
    // drawing moves so that its trim sits `space` from the sheet's lower-left corner.
    const sheet = { x: space, y: space, width: trim.width, height: trim.height };
    page.setMediaBox(0, 0, trim.width + 2 * space, trim.height + 2 * space);
    page.setCropBox(0, 0, trim.width + 2 * space, trim.height + 2 * space);
    page.setBleedBox(space - bleed, space - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
    page.setTrimBox(space, space, trim.width, trim.height);
    // The page's own drawing stops at the bleed; the marks go outside it.
    const move = `1 0 0 1 ${number(space - trim.x)} ${number(space - trim.y)} cm`;
    const clip = stream(`q ${move} ${number(trim.x - bleed)} ${number(trim.y - bleed)} ${number(trim.width + 2 * bleed)} ${number(trim.height + 2 * bleed)} re W n\n`);
    const close = stream(`\nQ\n${edition.marks ? cropMarks(sheet) : ""}\n`);
    const contents = page.node.get(PDFName.of("Contents"));
    const list = contents ? context.lookup(contents) : undefined;
    const original = list instanceof PDFArray ? list.asArray() : contents ? [contents] : [];
    page.node.set(PDFName.of("Contents"), context.obj([clip, ...original, close]));
    // Links mean nothing on paper, and PDF/X wants no annotation inside the bleed.
    page.node.delete(PDFName.of("Annots"));
  }
  setStableMetadata(doc, options);
  setPrintDialog(doc);
  const pdfX = declarePdfX(doc, options, profileFile);
  const pdf = await saveStable(doc);
  // PDF/X-4 is built on PDF 1.6, and the file uses nothing newer; pdf-lib always writes %PDF-1.7.
  if (pdfX && Buffer.from(pdf.subarray(0, 8)).toString("latin1") === "%PDF-1.7") pdf[7] = "6".charCodeAt(0);
  return { pdf, pdfX };
}
