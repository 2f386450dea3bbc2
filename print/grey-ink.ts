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
 * The zine's one print also carries the riso drums (print/encres.css): its
 * paints in a colour mark say which files carry them, and `separateContent`
 * cuts each file from it, the reading edition or a drum.
 *
 * The scanner is also what the preflight reads (print/preflight-ink.ts).
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import { breathe } from "./breathe.ts";
import { flateStream } from "./deflate.ts";
import { PDFDocument, PDFDict, PDFName, PDFRawStream, PDFRef, PDFArray, PDFNumber, type PDFObject, type PDFContext, type PDFPage, decodePDFRawStream } from "pdf-lib";

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

// ---------- one print, three files: the riso drums' marks (print/encres.css) ----------

/** The files cut from the one print of a zine that has riso drums. */
export type InkFile = "lecture" | "noir" | "rose";
/** Each file's share of a mark's blue: a mark is rgb(v, 255 − v, MARK_BASE + the files that carry it). */
export const MARK_FILES: Record<InkFile, number> = { lecture: 1, noir: 2, rose: 4 };
export const MARK_BASE = 160;
/** A neutral grey is painted in the reading edition and on the black drum. */
const NEUTRAL_FILES = MARK_FILES.lecture | MARK_FILES.noir;

/** What a colour of the print paints: its grey (0 = ink, 1 = paper) and the files it is painted in. */
export interface Paint {
  grey: number;
  files: number;
}

// Skia writes components with 4 decimals: within 0.013 of a whole 8-bit value.
const whole = (x: number) => Math.abs(x - Math.round(x)) < 0.05;

/** A colour (components 0–1) as a paint: a neutral grey, a mark, or undefined for a colour that is neither. */
export function paintOf(r: number, g: number, b: number): Paint | undefined {
  if (r === g && g === b) return { grey: rgbToGrey(r, g, b), files: NEUTRAL_FILES };
  const [red, green, blue] = [r * 255, g * 255, b * 255];
  if (!whole(red) || !whole(green) || !whole(blue) || Math.round(red) + Math.round(green) !== 255) return undefined;
  const files = Math.round(blue) - MARK_BASE;
  return files >= 1 && files <= 7 ? { grey: Math.round((Math.round(red) / 255) * 10000) / 10000, files } : undefined;
}

/** Whether a content stream paints any mark (a page without one is cut the fast way). */
export function hasMark(content: string): boolean {
  for (const m of content.matchAll(RGB_OPERATOR)) {
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    if (!(r === g && g === b) && paintOf(r, g, b)) return true;
  }
  return false;
}

const PATH = new Set(["m", "l", "c", "v", "y", "h", "re"]);
const CLIP = new Set(["W", "W*"]);
const FILL = new Set(["f", "F", "f*"]);
const STROKE = new Set(["S", "s"]);
const BOTH = new Set(["B", "B*", "b", "b*"]);
const SHOW = new Set(["Tj", "TJ", "'", '"']);
const MARKED = new Set(["BDC", "BMC", "EMC", "MP", "DP"]);
const POSITION = new Set(["Td", "TD", "Tm", "T*"]);
/** What a dropped show leaves behind: the line move of ' and ". */
const LINE_MOVE: Record<string, (operands: string[]) => string> = {
  "'": () => "T*",
  '"': ([aw, ac]) => `${aw} Tw ${ac} Tc T*`,
};

export interface SeparateOptions {
  /** What `Do` draws, by its name in the resources: an image paints itself (reading edition and black drum); a mask, the fill colour; a form, whatever it holds. */
  xobject?: (name: string) => "image" | "mask" | "form" | undefined;
  /** Colours that are neither a grey nor a mark: collected here (a drum refuses them); without it, turned grey by luma. */
  colours?: Set<string>;
  /** Leave out marked content (tags): the drums are not tagged. */
  untagged?: boolean;
}

/**
 * `file`'s part of a content stream of the marked print: every colour in
 * grey (DeviceGray), and only the paints whose colour that file carries; a
 * dropped path or text goes with its operators (a clip stays a clip). Fonts
 * are set just before the text that needs them, so a font nobody shows is
 * never named.
 */
export function separateContent(content: string, file: InkFile, options: SeparateOptions = {}): string {
  const bit = MARK_FILES[file];
  interface State {
    fill: number;
    stroke: number;
    /** Text rendering mode (Tr). */
    mode: number;
    /** The font in force (its Tf), and the one last written out. */
    font: string;
    written: string;
  }
  let state: State = { fill: NEUTRAL_FILES, stroke: NEUTRAL_FILES, mode: 0, font: "", written: "" };
  const stack: State[] = [];
  let out = "";
  let path = "";
  let clip = false;
  // A text object is held until its end: written out only if something in it is shown.
  let text: { body: string; kept: string; shown: boolean } | undefined;
  let last = 0;
  /** Untagged: which open marked-content sequences were written out. */
  const spans: boolean[] = [];
  const emit = (piece: string) => {
    if (text) text.body += piece;
    else out += piece;
  };
  /** State that outlives a text object (colour, graphics state): kept even when the text object is dropped. */
  const emitLasting = (piece: string) => {
    if (text) {
      text.body += piece;
      text.kept += piece;
    } else out += piece;
  };
  const colour = (operands: string[], stroke: boolean): string => {
    const [r, g, b] = operands.map(Number);
    let paint = paintOf(r, g, b);
    if (!paint) {
      options.colours?.add(`rgb(${operands.join(" ")})`);
      paint = { grey: rgbToGrey(r, g, b), files: NEUTRAL_FILES };
    }
    if (stroke) state.stroke = paint.files;
    else state.fill = paint.files;
    return `${paint.grey} ${stroke ? "G" : "g"}`;
  };
  const shows = (fill: boolean, stroke: boolean) => (fill && (state.fill & bit) !== 0) || (stroke && (state.stroke & bit) !== 0);
  for (const op of scanContent(content)) {
    const source = content.slice(last, op.end);
    const lead = content.slice(last, op.start);
    last = op.end;
    const name = op.operator;
    if (PATH.has(name) || CLIP.has(name)) {
      path += source;
      if (CLIP.has(name)) clip = true;
      continue;
    }
    if (FILL.has(name) || STROKE.has(name) || BOTH.has(name) || name === "n") {
      const fill = (FILL.has(name) || BOTH.has(name)) && (state.fill & bit) !== 0;
      const stroke = (STROKE.has(name) || BOTH.has(name)) && (state.stroke & bit) !== 0;
      let paint = name;
      if (BOTH.has(name) && fill !== stroke) {
        const closes = name.startsWith("b");
        paint = fill ? `${closes ? "h " : ""}${name.endsWith("*") ? "f*" : "f"}` : closes ? "s" : "S";
      } else if (name !== "n" && !fill && !stroke) paint = clip ? "n" : "";
      if (paint) emit(path + (paint === name ? source : lead + paint));
      path = "";
      clip = false;
      continue;
    }
    if (path) {
      // Not a painting operator after a path: write the path as it was.
      emit(path);
      path = "";
      clip = false;
    }
    switch (name) {
      case "rg":
      case "RG":
        emitLasting(lead + colour(op.operands, name === "RG"));
        break;
      case "g":
      case "G":
      case "k":
      case "K":
      case "cs":
      case "CS":
      case "sc":
      case "SC":
      case "scn":
      case "SCN":
        if (name === name.toUpperCase()) state.stroke = NEUTRAL_FILES;
        else state.fill = NEUTRAL_FILES;
        emitLasting(source);
        break;
      case "q":
        stack.push({ ...state });
        emit(source);
        break;
      case "Q":
        state = stack.pop() ?? state;
        emit(source);
        break;
      case "BT":
        text = { body: source, kept: "", shown: false };
        break;
      case "ET":
        if (text) {
          const done: { body: string; kept: string; shown: boolean } = text;
          text = undefined;
          out += done.shown ? done.body + source : done.kept;
        } else out += source;
        break;
      case "Tf":
        state.font = `${op.operands.join(" ")} Tf`;
        break;
      case "Tr":
        state.mode = Number(op.operands[0]);
        emitLasting(source);
        break;
      case "Do": {
        const kind = options.xobject?.(op.operands[0].replace(/^\//, "")) ?? "image";
        const visible = kind === "form" || (kind === "mask" ? (state.fill & bit) !== 0 : (NEUTRAL_FILES & bit) !== 0);
        if (visible) emit(source);
        break;
      }
      case "sh":
      case "BI":
        if (NEUTRAL_FILES & bit) emit(source);
        break;
      default:
        if (SHOW.has(name)) {
          // Modes 0 fill, 1 stroke, 2 both, 4–6 the same and a clip; 3 and 7 (invisible) go with their fill colour.
          const mode = state.mode % 4;
          if (shows(mode !== 1, mode === 1 || mode === 2)) {
            if (state.font && state.font !== state.written) {
              emit(`${lead}${state.font}`);
              state.written = state.font;
            }
            emit(source);
            if (text) text.shown = true;
          } else if (LINE_MOVE[name]) emit(`${lead}${LINE_MOVE[name](op.operands)}`);
        } else if (MARKED.has(name)) {
          if (!options.untagged) emitLasting(source);
          else if (name === "EMC") {
            if (spans.pop()) emit(source);
          } else if (name !== "MP" && name !== "DP") {
            // Untagged: structure goes, a span that says what its glyphs read (a soft hyphen's ActualText) stays with them.
            const says = /\/(ActualText|Alt|E)\b/.test(op.operands.join(" "));
            spans.push(says);
            if (says) emit(source);
          }
        } else if (text && !POSITION.has(name)) {
          // Graphics and text state set inside a text object outlive it.
          emitLasting(source);
        } else emit(source);
    }
  }
  return out + (text?.body ?? "") + path + content.slice(last);
}

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

/** An object, or the object a reference points at. */
export function lookup(context: PDFContext, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? context.lookup(object) : object;
}

/** A stream deflated with no predictor: zlib reads it as it is, and its bytes can be copied as they are. */
export function isPlainFlate(stream: PDFRawStream): boolean {
  return stream.dict.get(PDFName.of("Filter"))?.toString() === "/FlateDecode" && !stream.dict.has(PDFName.of("DecodeParms"));
}

/** The decoded bytes of a stream: Node's zlib for plain Flate (pdf-lib's own inflate is JavaScript, and slow). */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  return isPlainFlate(stream) ? zlib.inflateSync(stream.getContents()) : decodePDFRawStream(stream).decode();
}

/**
 * Content already decoded in this process, by a hash of its compressed bytes:
 * the print stage reads the same page in several files (the print each file
 * is cut from, the reading A5, the press file and the booklet that copy its
 * streams, the checks of each), and each file is its own copy of the same
 * bytes. Oldest first out past the budget, so a long zine doesn't keep them all.
 */
const decoded = new Map<string, string>();
let decodedChars = 0;
const DECODED_BUDGET_CHARS = 48 * 2 ** 20;

/** The decoded bytes of a stream, as a latin1 string (one char per byte). */
export function streamText(stream: PDFRawStream): string {
  if (!isPlainFlate(stream)) return Buffer.from(streamBytes(stream)).toString("latin1");
  const compressed = stream.getContents();
  const key = crypto.createHash("sha1").update(compressed).digest("base64");
  const known = decoded.get(key);
  if (known !== undefined) return known;
  const text = zlib.inflateSync(compressed).toString("latin1");
  decoded.set(key, text);
  decodedChars += text.length;
  for (const [oldest, value] of decoded) {
    if (decodedChars <= DECODED_BUDGET_CHARS) break;
    decoded.delete(oldest);
    decodedChars -= value.length;
  }
  return text;
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

/** What `greyInk` makes of the one print: `file` (the reading edition unless a drum is named); a drum's stray colours go to `colours`. */
export interface InkOptions {
  file?: InkFile;
  colours?: Set<string>;
}

/** Every name a content stream uses (fonts, graphics states, XObjects…): what its resources must keep. */
function namesUsed(content: string): Set<string> {
  return new Set([...content.matchAll(/\/([^\s/<>[\]()%{}]+)/g)].map((m) => m[1]));
}

/** A drum draws less than the print: its resources keep only what its content names, so the fonts of the black text leave the pink drum's file. */
function pruneResources(context: PDFContext, resources: PDFDict, used: Set<string>): void {
  for (const kind of ["Font", "ExtGState", "XObject", "ColorSpace", "Pattern", "Shading", "Properties"]) {
    const entries = lookup(context, resources.get(PDFName.of(kind)));
    if (!(entries instanceof PDFDict)) continue;
    for (const key of entries.keys()) if (!used.has(key.asString().slice(1))) entries.delete(key);
  }
}

/**
 * Rewrites every content stream and form of `doc` in grey, once each,
 * letting the event loop run between pages. A print with riso marks
 * (print/encres.css) is cut to `options.file`: the reading edition by
 * default, or one drum (untagged, its resources pruned). `pagePrefix` gives
 * operators to put before a page's own content (print/finish.ts moves the
 * page's trim to 0 0): the page's content becomes one stream that starts
 * with them, written in the same pass.
 */
export async function greyInk(doc: PDFDocument, options: InkOptions = {}, pagePrefix?: (page: PDFPage) => string): Promise<void> {
  const file = options.file ?? "lecture";
  const drum = file !== "lecture";
  const context = doc.context;
  const done = new Set<string>();
  const kindOf = (resources: PDFDict | undefined) => (name: string) => {
    const xobjects = lookup(context, resources?.get(PDFName.of("XObject")));
    const xobject = xobjects instanceof PDFDict ? lookup(context, xobjects.get(PDFName.of(name))) : undefined;
    if (!(xobject instanceof PDFRawStream)) return undefined;
    if (xobject.dict.get(PDFName.of("Subtype"))?.toString() === "/Form") return "form";
    return xobject.dict.get(PDFName.of("ImageMask"))?.toString() === "true" ? "mask" : "image";
  };
  /** A content stream in grey, cut to `file` when it needs cutting; null when nothing changes. */
  const rewrite = (text: string, resources: PDFDict | undefined): string | null => {
    if (!drum && !hasMark(text)) {
      const grey = greyContent(text);
      return grey === text ? null : grey;
    }
    // Only a mark paints on the pink drum: a content without one leaves it blank (the black drum still refuses its stray colours).
    const cut = file === "rose" && !hasMark(text) ? "" : separateContent(text, file, { colours: options.colours, untagged: drum, xobject: kindOf(resources) });
    if (drum && resources) pruneResources(context, resources, namesUsed(cut));
    return cut;
  };
  const contentStream = (object: PDFObject | undefined, resources: PDFDict | undefined) => {
    if (!(object instanceof PDFRef) || done.has(object.tag)) return;
    done.add(object.tag);
    const stream = context.lookup(object);
    if (!(stream instanceof PDFRawStream)) return;
    const text = streamText(stream);
    const grey = rewrite(text, resources);
    if (grey !== null) replaceStream(context, object, stream, Buffer.from(grey, "latin1"));
  };
  const resourcesOf = (holder: PDFDict): PDFDict | undefined => {
    const dict = lookup(context, holder.get(PDFName.of("Resources")));
    return dict instanceof PDFDict ? dict : undefined;
  };
  const xobjectsOf = (dict: PDFDict | undefined) => {
    if (!dict) return;
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
        const inner = resourcesOf(xobject.dict);
        contentStream(value, inner);
        groupInGrey(context.lookup(value) as PDFRawStream);
        xobjectsOf(inner);
      }
    }
  };
  for (const page of doc.getPages()) {
    await breathe();
    const resources = resourcesOf(page.node);
    const contents = page.node.get(PDFName.of("Contents"));
    const list = lookup(context, contents);
    const prefix = pagePrefix?.(page) ?? "";
    const several = list instanceof PDFArray && list.size() > 1;
    if (prefix || several) {
      // Cut as one stream: a path or a text object may run from one stream into the next, and a prefix goes before them all.
      const streams = (list instanceof PDFArray ? list.asArray().map((s) => lookup(context, s)) : [list]).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
      const text = streams.map(streamText).join("\n");
      const grey = prefix || drum || hasMark(text) ? rewrite(text, resources) : null;
      if (grey !== null || prefix) {
        const content = grey ?? text;
        // (A page a drum leaves blank stays empty: nothing to move.)
        page.node.set(PDFName.of("Contents"), context.register(flateStream(context, prefix && content.trim() ? prefix + content : content)));
      } else (list as PDFArray).asArray().forEach((s) => contentStream(s, resources));
    } else contentStream(list instanceof PDFArray ? list.get(0) : contents, resources);
    if (drum) {
      page.node.delete(PDFName.of("StructParents"));
      page.node.delete(PDFName.of("Annots"));
    }
    groupInGrey(page.node);
    xobjectsOf(resources);
  }
  if (drum) {
    // A master for a drum: no tags, outline or links (the reading edition has them).
    for (const key of ["StructTreeRoot", "MarkInfo", "Outlines"]) doc.catalog.delete(PDFName.of(key));
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
