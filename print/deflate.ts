/**
 * Streams deflated by Node's zlib (native code) instead of pdf-lib's pako
 * (pure JavaScript): the pages a booklet or a riso file embeds are deflated
 * again in full, and pako spent most of that time. zlib gives the same bytes
 * for the same input, so the PDFs stay identical from one build to the next.
 */
import zlib from "node:zlib";
import type { PDFContext, PDFDocument, PDFRawStream } from "pdf-lib";

type StreamDict = Parameters<PDFContext["stream"]>[1];

/** A FlateDecode stream of `contents` (a string is read as bytes, latin1, as PDF content is). */
export function flateStream(context: PDFContext, contents: string | Uint8Array, dict: StreamDict = {}): PDFRawStream {
  const bytes = typeof contents === "string" ? Buffer.from(contents, "latin1") : contents;
  return context.stream(zlib.deflateSync(bytes), { ...dict, Filter: "FlateDecode" });
}

/** `doc`, whose streams pdf-lib makes itself (embedded pages: embedPages, embedPdf) deflated by zlib. */
export function deflatingWithZlib(doc: PDFDocument): PDFDocument {
  const context = doc.context;
  context.flateStream = (contents, dict) => flateStream(context, contents, dict);
  return doc;
}
