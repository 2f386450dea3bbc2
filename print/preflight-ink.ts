/**
 * What the pages of a PDF draw, read as a printer reads them: the content
 * streams and the forms they draw, with the current transformation: colour
 * spaces, line widths and their greys, pictures and their resolution where
 * they are drawn. The preflight (print/preflight.ts) judges it.
 */
import { PDFDocument, PDFDict, PDFName, PDFRef, PDFArray, PDFRawStream, PDFNumber, type PDFObject, type PDFPage } from "pdf-lib";
import { mmToPt } from "./imposition.ts";
import { scanContent, streamText, type Operation } from "./grey-ink.ts";
import { breathe } from "./breathe.ts";

/** A picture of the PDF: its page, its pixels and its resolution at the size it is printed. */
export interface PictureResolution {
  page: number;
  width: number;
  height: number;
  ppi: number;
}

export function resolve(doc: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? doc.context.lookup(object) : object;
}

export function dict(doc: PDFDocument, object: PDFObject | undefined): PDFDict | undefined {
  const found = resolve(doc, object);
  return found instanceof PDFDict ? found : undefined;
}

/** A thin line found on a page, for the report. */
export interface LineFinding {
  page: number;
  widthPt: number;
  grey: number;
}

/** What the content of one page draws with: colour spaces, line widths and greys. */
export interface Ink {
  spaces: Set<string>;
  /** CMYK colours with some cyan, magenta or yellow. */
  colourCmyk: boolean;
  lines: LineFinding[];
  /** Every picture drawn (not a stencil mask), with its resolution where it is drawn. */
  pictures: PictureResolution[];
}

type Matrix = [number, number, number, number, number, number];

/**
 * A picture's resolution where it is drawn: its pixels over the inches the
 * unit square of image space covers, the way poppler's `pdfimages -list`
 * measures it (the lower of both axes, rounded).
 */
function picture(page: number, width: number, height: number, ctm: Matrix): PictureResolution {
  const ppi = (pixels: number, points: number) => (points ? Math.abs((pixels * 72) / points) : 0);
  return { page, width, height, ppi: Math.round(Math.min(ppi(width, ctm[0] + ctm[2]), ppi(height, ctm[1] + ctm[3]))) };
}
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

const IGNORED = new Set(["Tj", "TJ", "Td", "TD", "Tm", "Tf", "BT", "ET", "BDC", "EMC", "BMC", "Tc", "Tw", "Tz", "TL", "Ts", "Tr", "T*", "'", '"', "d", "j", "J", "M", "ri", "i", "W", "W*"]);

/**
 * The reading file, the press file and the booklet draw the same page
 * contents: scan each distinct content once per build. Only the operators
 * the preflight judges are kept: glyphs and marked content are ~95 % of a
 * page's operators, and keeping them made a 150-page zine's preflight hold
 * more than a gigabyte. The glyph runs Chromium writes, a line each
 * (`x y Td <…> Tj`), are cut out before scanning, in one pass of a regular
 * expression, unless the content has a literal string (where such a line
 * could be text).
 */
const GLYPHS = /^(?:[-+\d.]+ [-+\d.]+ Td )?<[0-9A-Fa-f]*> Tj$/gm;
interface Scan {
  /** The content as scanned (offsets of the operations are into it). */
  source: string;
  operations: Operation[];
}
const scanned = new Map<string, Scan>();
function scanOnce(piece: string): Scan {
  const content = piece.trim();
  let scan = scanned.get(content);
  if (!scan) {
    if (scanned.size > 500) scanned.clear();
    const source = content.includes("(") ? content : content.replace(GLYPHS, "");
    scan = { source, operations: scanContent(source).filter((op) => !IGNORED.has(op.operator)) };
    scanned.set(content, scan);
  }
  return scan;
}

/**
 * A content in the pieces it is scanned in, so that the same drawing is
 * scanned once: a page's streams one by one (the press file adds a clip
 * and the marks around the reading page's stream), and a form that wraps
 * an embedded page (pdf-lib writes `q`, the page's content, `Q`: the
 * booklet, the offset file) as q, that content, Q. Operators never span
 * two pieces: each cut is at white space between whole tokens.
 */
function unwrapped(content: string): string[] {
  const end = content.trimEnd();
  if (!/^q\s/.test(content) || !end.endsWith("Q") || !/\s/.test(end[end.length - 2] ?? "")) return [content];
  return ["q", content.slice(1, end.length - 1), "Q"];
}

/** Reads a content stream (and the forms it draws) as a printer would, keeping what the preflight judges. */
function readInk(doc: PDFDocument, pieces: string[], resources: PDFDict | undefined, ctm: Matrix, page: number, ink: Ink, depth = 0): void {
  interface State {
    ctm: Matrix;
    width: number;
    stroke: number;
    fill: number;
  }
  let state: State = { ctm, width: 1, stroke: 0, fill: 0 };
  const stack: State[] = [];
  let rects: [number, number][] = [];
  let otherPath = false;
  const named = (kind: string, name: string) => dict(doc, dict(doc, resources?.get(PDFName.of(kind)))?.get(PDFName.of(name.replace(/^\//, ""))));
  const spaceName = (object: PDFObject | undefined): string => {
    const found = resolve(doc, object);
    if (found instanceof PDFArray) {
      const kind = found.get(0)?.toString().replace(/^\//, "") ?? "?";
      if (kind !== "ICCBased") return kind;
      // An ICC profile is as grey, RGB or CMYK as its number of components.
      const profile = resolve(doc, found.get(1));
      const n = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of("N"))?.toString() : "?";
      return n === "1" ? "DeviceGray" : n === "3" ? "ICCBased RVB" : n === "4" ? "ICCBased CMJN" : "ICCBased";
    }
    return found?.toString().replace(/^\//, "") ?? "?";
  };
  // Glyphs and marked content are most of a page: nothing to judge there (scanOnce leaves them out). The pieces are read as one content.
  for (const piece of pieces) {
    const { source, operations } = scanOnce(piece);
    for (const op of operations) {
      const n = op.operands.map(Number);
      switch (op.operator) {
        case "q":
          stack.push({ ...state });
          break;
        case "Q":
          state = stack.pop() ?? state;
          break;
        case "cm":
          state.ctm = multiply(n as Matrix, state.ctm);
          break;
        case "w":
          state.width = n[0];
          break;
        case "gs": {
          const lw = named("ExtGState", op.operands[0])?.get(PDFName.of("LW"));
          if (lw instanceof PDFNumber) state.width = lw.asNumber();
          break;
        }
        case "g":
        case "G":
          ink.spaces.add("DeviceGray");
          if (op.operator === "g") state.fill = n[0];
          else state.stroke = n[0];
          break;
        case "rg":
        case "RG":
          ink.spaces.add("DeviceRGB");
          break;
        case "k":
        case "K":
          ink.spaces.add("DeviceCMYK");
          if (n[0] || n[1] || n[2]) ink.colourCmyk = true;
          break;
        case "cs":
        case "CS": {
          const name = op.operands[0].replace(/^\//, "");
          ink.spaces.add(name.startsWith("Device") || name === "Pattern" ? name : spaceName(dict(doc, resources?.get(PDFName.of("ColorSpace")))?.get(PDFName.of(name))));
          break;
        }
        case "sh": {
          const shading = named("Shading", op.operands[0]);
          ink.spaces.add(spaceName(shading?.get(PDFName.of("ColorSpace"))));
          break;
        }
        case "BI": {
          const image = source.slice(op.start, source.indexOf("ID", op.start));
          const cs = /\/(?:CS|ColorSpace)\s*\/(\w+)/.exec(image)?.[1];
          if (cs) ink.spaces.add({ G: "DeviceGray", RGB: "DeviceRGB", CMYK: "DeviceCMYK" }[cs] ?? cs);
          if (!/\/(?:IM|ImageMask)\s+true/.test(image)) {
            const size = (keys: string) => Number(new RegExp(`/(?:${keys})\\s+(\\d+)`).exec(image)?.[1]);
            ink.pictures.push(picture(page, size("W|Width"), size("H|Height"), state.ctm));
          }
          break;
        }
        case "re":
          rects.push([Math.abs(n[2]), Math.abs(n[3])]);
          break;
        case "m":
        case "l":
        case "c":
        case "v":
        case "y":
          otherPath = true;
          break;
        case "S":
        case "s":
        case "B":
        case "B*":
        case "b":
        case "b*": {
          ink.lines.push({ page, widthPt: state.width * scaleOf(state.ctm), grey: state.stroke });
          if (op.operator.startsWith("B") || op.operator.startsWith("b")) fillRects();
          rects = [];
          otherPath = false;
          break;
        }
        case "f":
        case "F":
        case "f*":
          fillRects();
          rects = [];
          otherPath = false;
          break;
        case "n":
          rects = [];
          otherPath = false;
          break;
        case "Do": {
          const ref = dict(doc, resources?.get(PDFName.of("XObject")))?.get(PDFName.of(op.operands[0].replace(/^\//, "")));
          const xobject = resolve(doc, ref);
          if (!(xobject instanceof PDFRawStream)) break;
          const subtype = xobject.dict.get(PDFName.of("Subtype"))?.toString();
          if (subtype === "/Image") {
            if (xobject.dict.get(PDFName.of("ImageMask"))?.toString() !== "true") {
              ink.spaces.add(spaceName(xobject.dict.get(PDFName.of("ColorSpace"))));
              const size = (key: string) => Number(resolve(doc, xobject.dict.get(PDFName.of(key)))?.toString());
              ink.pictures.push(picture(page, size("Width"), size("Height"), state.ctm));
            }
          } else if (subtype === "/Form" && depth < 8) {
            const matrix = resolve(doc, xobject.dict.get(PDFName.of("Matrix")));
            const m = matrix instanceof PDFArray ? (matrix.asArray().map((v) => Number(v.toString())) as Matrix) : ([1, 0, 0, 1, 0, 0] as Matrix);
            readInk(doc, unwrapped(streamText(xobject)), dict(doc, xobject.dict.get(PDFName.of("Resources"))), multiply(m, state.ctm), page, ink, depth + 1);
          }
          break;
        }
      }
    }
  }
  // A filled rectangle much longer than thick is a line (Chromium draws rules and borders that way).
  function fillRects() {
    if (otherPath) return;
    const scale = scaleOf(state.ctm);
    for (const [w, h] of rects) {
      const thick = Math.min(w, h) * scale;
      const long = Math.max(w, h) * scale;
      if (long >= 4 * thick && long >= mmToPt(2)) ink.lines.push({ page, widthPt: thick, grey: state.fill });
    }
  }
}

/** The decoded streams of a page's content, in order. */
function pageStreams(doc: PDFDocument, page: PDFPage, keep: (streams: PDFObject[]) => PDFObject[] = (s) => s): string[] {
  const contents = resolve(doc, page.node.get(PDFName.of("Contents")));
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of("Contents"))!] : [];
  return keep(streams)
    .map((ref) => resolve(doc, ref))
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map(streamText);
}

/** The decoded content of a page, each stream followed by a newline (as pdf-lib embeds a page). */
export function pageContent(doc: PDFDocument, page: PDFPage, keep: (streams: PDFObject[]) => PDFObject[] = (s) => s): string {
  return pageStreams(doc, page, keep)
    .map((text) => text + "\n")
    .join("");
}

export async function inkOf(doc: PDFDocument): Promise<Ink> {
  const ink: Ink = { spaces: new Set(), colourCmyk: false, lines: [], pictures: [] };
  for (const [index, page] of doc.getPages().entries()) {
    await breathe();
    readInk(doc, pageStreams(doc, page), dict(doc, page.node.get(PDFName.of("Resources"))), [1, 0, 0, 1, 0, 0], index + 1, ink);
    const group = dict(doc, page.node.get(PDFName.of("Group")));
    if (group?.get(PDFName.of("CS"))) ink.spaces.add(group.get(PDFName.of("CS"))!.toString().replace(/^\//, ""));
  }
  return ink;
}
