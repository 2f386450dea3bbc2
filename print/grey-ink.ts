/**
 * One ink: Chromium (Skia) writes every colour as DeviceRGB (`0 0 0 rg`, black
 * text included, which a standard RGB→CMYK conversion turns into about 295 %
 * of four inks). This rewrites each colour into DeviceGray (`0 g`: 100 % K)
 * in the page content and in every form it draws, and turns RGB images grey.
 *
 * Why not Ghostscript (pdfwrite, ColorConversionStrategy=Gray)? It does the
 * same conversion, but drops the structure tree (the reading PDF is tagged for
 * screen readers) and some internal links. Skia's content is plain: operators
 * and numbers, glyphs as hex strings; the scanner below still skips strings,
 * dictionaries and comments so it never rewrites text.
 *
 * The scanner is also what the preflight reads (print/preflight.ts).
 */
import zlib from "node:zlib";
import { breathe } from "./breathe.ts";
import { PDFDocument, PDFDict, PDFName, PDFRawStream, PDFRef, PDFArray, PDFNumber, type PDFObject, type PDFContext, decodePDFRawStream } from "pdf-lib";

/** One operator and its operands, as written in a content stream. */
export interface Operation {
  operator: string;
  operands: string[];
  /** Where the first operand (or the operator) starts and where the operator ends. */
  start: number;
  end: number;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
/** ( ) < > [ ] { } / % and white space end a token. */
const isDelimiter = (c: number) => isSpace(c) || c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Past a literal string that starts at `i` (balanced parentheses, backslash escapes). */
function skipString(content: string, i: number): number {
  let depth = 0;
  do {
    const c = content.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 40) depth++;
    else if (c === 41) depth--;
    i++;
  } while (i < content.length && depth > 0);
  return i;
}

/** The operators of a content stream, in order. Strings, arrays and dictionaries become one operand each. */
export function scanContent(content: string): Operation[] {
  const operations: Operation[] = [];
  let operands: string[] = [];
  let start = -1;
  let i = 0;
  const n = content.length;
  const push = (token: string, at: number) => {
    if (start < 0) start = at;
    operands.push(token);
  };
  while (i < n) {
    const c = content.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 37) {
      // % comment, to the end of the line
      while (i < n && content.charCodeAt(i) !== 10 && content.charCodeAt(i) !== 13) i++;
    } else if (c === 40) {
      const at = i;
      i = skipString(content, i);
      push(content.slice(at, i), at);
    } else if (c === 60 || c === 91) {
      // A hex string <…>, a dictionary <<…>> or an array […]: up to its matching end.
      const at = i;
      const dictionary = c === 60 && content.charCodeAt(i + 1) === 60;
      if (c === 60 && !dictionary) {
        i = content.indexOf(">", i) + 1 || n;
      } else {
        let depth = 0;
        while (i < n) {
          const d = content.charCodeAt(i);
          if (d === 40) {
            i = skipString(content, i);
            continue;
          }
          if (dictionary ? d === 60 && content.charCodeAt(i + 1) === 60 : d === 91) {
            depth++;
            i += dictionary ? 2 : 1;
          } else if (dictionary ? d === 62 && content.charCodeAt(i + 1) === 62 : d === 93) {
            depth--;
            i += dictionary ? 2 : 1;
            if (depth === 0) break;
          } else i++;
        }
      }
      push(content.slice(at, i), at);
    } else if (c === 47) {
      const at = i++;
      while (i < n && !isDelimiter(content.charCodeAt(i))) i++;
      push(content.slice(at, i), at);
    } else {
      const at = i;
      while (i < n && !isDelimiter(content.charCodeAt(i))) i++;
      if (i === at) i++; // a stray delimiter (`)`, `>`, `}`): skip it
      const token = content.slice(at, i);
      if (NUMBER.test(token) || token === "true" || token === "false" || token === "null") {
        push(token, at);
      } else if (token === "BI") {
        // An inline image: its binary data runs to " EI".
        const endImage = content.indexOf("EI", content.indexOf("ID", i));
        operations.push({ operator: "BI", operands, start: start < 0 ? at : start, end: endImage + 2 });
        i = endImage + 2;
        operands = [];
        start = -1;
      } else {
        operations.push({ operator: token, operands, start: start < 0 ? at : start, end: i });
        operands = [];
        start = -1;
      }
    }
  }
  return operations;
}

/** An RGB colour as one grey (luma, Rec. 601): neutral greys keep their value exactly. */
export function rgbToGrey(r: number, g: number, b: number): number {
  return Math.round((0.299 * r + 0.587 * g + 0.114 * b) * 10000) / 10000;
}

const NUM = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)";
/** Three numbers and rg or RG, between white space. */
const RGB_OPERATOR = new RegExp(`(?<=^|\\s)(${NUM})\\s+(${NUM})\\s+(${NUM})\\s+(rg|RG)(?=\\s|$)`, "g");

/** `0 0 0 rg` → `0 g`, `1 1 1 RG` → `1 G`; everything else as it was. */
export function greyContent(content: string): string {
  // Without literal strings or comments (Skia writes glyphs as hex strings), no
  // text can look like an operator: a regular expression does it in one pass.
  if (!content.includes("(") && !content.includes("%")) {
    return content.replace(RGB_OPERATOR, (_, r: string, g: string, b: string, op: string) => `${rgbToGrey(Number(r), Number(g), Number(b))} ${op === "rg" ? "g" : "G"}`);
  }
  let out = "";
  let last = 0;
  for (const op of scanContent(content)) {
    if ((op.operator === "rg" || op.operator === "RG") && op.operands.length === 3) {
      const [r, g, b] = op.operands.map(Number);
      out += content.slice(last, op.start) + `${rgbToGrey(r, g, b)} ${op.operator === "rg" ? "g" : "G"}`;
      last = op.end;
    }
  }
  return out + content.slice(last);
}

function lookup(context: PDFContext, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? context.lookup(object) : object;
}

/** The decoded bytes of a stream: Node's zlib for plain Flate (pdf-lib's own inflate is JavaScript, and slow). */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const plainFlate = filter?.toString() === "/FlateDecode" && !stream.dict.has(PDFName.of("DecodeParms"));
  return plainFlate ? zlib.inflateSync(stream.getContents()) : decodePDFRawStream(stream).decode();
}

/** The decoded bytes of a stream, as a latin1 string (one char per byte). */
export function streamText(stream: PDFRawStream): string {
  return Buffer.from(streamBytes(stream)).toString("latin1");
}

/** Replaces a stream's content in place, Flate-compressed, keeping its other keys. */
function replaceStream(context: PDFContext, ref: PDFRef, old: PDFRawStream, bytes: Uint8Array): void {
  const dict = old.dict.clone(context);
  dict.delete(PDFName.of("DecodeParms"));
  dict.set(PDFName.of("Filter"), PDFName.of("FlateDecode"));
  const compressed = zlib.deflateSync(bytes);
  dict.set(PDFName.of("Length"), PDFNumber.of(compressed.length));
  context.assign(ref, PDFRawStream.of(dict, compressed));
}

/** How many colour components a colour space has, and whether it is one of the grey or RGB kinds we rewrite. */
function imageSpace(context: PDFContext, space: PDFObject | undefined): "rgb" | "grey" | "other" {
  const found = lookup(context, space);
  if (found?.toString() === "/DeviceRGB") return "rgb";
  if (found?.toString() === "/DeviceGray") return "grey";
  if (found instanceof PDFArray && found.get(0)?.toString() === "/ICCBased") {
    const profile = lookup(context, found.get(1));
    const n = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of("N"))?.toString() : undefined;
    return n === "3" ? "rgb" : n === "1" ? "grey" : "other";
  }
  return "other";
}

/**
 * An 8-bit RGB image (DeviceRGB or an RGB ICC profile, as Chromium embeds a
 * picture) → an 8-bit DeviceGray image; a grey ICC image → DeviceGray. Other
 * encodings (JPEG…) are left for the preflight to refuse.
 */
function greyImage(context: PDFContext, ref: PDFRef, image: PDFRawStream): void {
  const space = imageSpace(context, image.dict.get(PDFName.of("ColorSpace")));
  if (space === "grey") {
    image.dict.set(PDFName.of("ColorSpace"), PDFName.of("DeviceGray"));
    return;
  }
  if (space !== "rgb") return;
  if (image.dict.get(PDFName.of("BitsPerComponent"))?.toString() !== "8") return;
  const filter = image.dict.get(PDFName.of("Filter"))?.toString();
  if (filter && filter !== "/FlateDecode") return;
  const rgb = filter ? decodePDFRawStream(image).decode() : image.getContents();
  const grey = new Uint8Array(rgb.length / 3);
  for (let p = 0; p < grey.length; p++) grey[p] = Math.round(0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2]);
  replaceStream(context, ref, image, grey);
  (context.lookup(ref) as PDFRawStream).dict.set(PDFName.of("ColorSpace"), PDFName.of("DeviceGray"));
}

/** Rewrites every content stream and form of `doc` in grey, once each, letting the event loop run between pages. */
export async function greyInk(doc: PDFDocument): Promise<void> {
  const context = doc.context;
  const done = new Set<string>();
  const contentStream = (object: PDFObject | undefined) => {
    if (!(object instanceof PDFRef) || done.has(object.tag)) return;
    done.add(object.tag);
    const stream = context.lookup(object);
    if (!(stream instanceof PDFRawStream)) return;
    const text = streamText(stream);
    const grey = greyContent(text);
    if (grey !== text) replaceStream(context, object, stream, Buffer.from(grey, "latin1"));
  };
  const resources = (object: PDFObject | undefined) => {
    const dict = lookup(context, object);
    if (!(dict instanceof PDFDict)) return;
    const xobjects = lookup(context, dict.get(PDFName.of("XObject")));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, value] of xobjects.entries()) {
      if (!(value instanceof PDFRef) || done.has(value.tag)) continue;
      const xobject = context.lookup(value);
      if (!(xobject instanceof PDFRawStream)) continue;
      const subtype = xobject.dict.get(PDFName.of("Subtype"))?.toString();
      if (subtype === "/Image") {
        done.add(value.tag);
        greyImage(context, value, xobject);
      } else if (subtype === "/Form") {
        const inner = xobject.dict.get(PDFName.of("Resources"));
        contentStream(value);
        groupInGrey(context.lookup(value) as PDFRawStream);
        resources(inner);
      }
    }
  };
  for (const page of doc.getPages()) {
    await breathe();
    const contents = page.node.get(PDFName.of("Contents"));
    const list = lookup(context, contents);
    if (list instanceof PDFArray) list.asArray().forEach(contentStream);
    else contentStream(contents);
    groupInGrey(page.node);
    resources(page.node.get(PDFName.of("Resources")));
  }
}

/** A transparency group blends in the colour space it names: grey, too. */
function groupInGrey(holder: PDFDict | PDFRawStream): void {
  const dict = holder instanceof PDFRawStream ? holder.dict : holder;
  const group = dict.get(PDFName.of("Group"));
  if (group instanceof PDFDict && group.get(PDFName.of("CS"))?.toString() === "/DeviceRGB") {
    group.set(PDFName.of("CS"), PDFName.of("DeviceGray"));
  }
}
