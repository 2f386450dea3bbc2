/**
 * The riso edition: black and fluorescent pink, one master per drum, from
 * the one Paged.js layout and the one print.
 *
 * 1. `markInks` (render stage): before Chromium prints the laid-out zine,
 *    a class on <html> makes print/encres.css paint each drum's parts in a
 *    colour mark; `printInks` then hands that one print to both drums and
 *    keeps an inventory of what each drum inks (print/riso-inventaire.ts)
 *    for the checks. Nothing reflows, so the drums are in register by
 *    construction.
 * 2. `risoA5`, `risoBooklet` (as soon as the zine is printed): each drum cut
 *    from the print by print/grey-ink.ts, in pure grey (DeviceGray), the A5
 *    pages with the reading edition's finish, the A4 booklet sheets with the
 *    booklet's own imposition; `proofPages`, the proof (both drums
 *    composited on screen); `buildRiso`, the offset variant with the pink as
 *    a named spot colour.
 * 3. `checkRiso`: what a riso studio checks — see the function.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import sharp from "sharp";
import type { Page } from "playwright-core";
import {
  PDFDocument,
  PDFName,
  PDFArray,
  PDFDict,
  PDFRawStream,
  PDFRef,
  pushGraphicsState,
  popGraphicsState,
  setGraphicsState,
  drawObject,
  type PDFObject,
  type PDFPage,
} from "pdf-lib";
import { greyInk, lookup, streamText as rawStreamText, type InkOptions } from "./grey-ink.ts";
import { INVENTORY_SCRIPT, type InkItem } from "./riso-inventaire.ts";
import { setStableMetadata, setPrintDialog, saveStable, readPdf, PDF_WRITE } from "./finish.ts";
import { deflatingWithZlib, flateStream } from "./deflate.ts";
import { imposeBooklet, type ImposeMeta } from "./impose.ts";
import { pageForms } from "./page-forms.ts";
import { ptToMm } from "./imposition.ts";
import type { EditionKey } from "./editions.ts";

/** The drums, in the order the studio runs them: pink first, then black over it. */
export const INKS = ["rose", "noir"] as const;
export type Ink = (typeof INKS)[number];
/**
 * The order the drums are cut from the print: the black first, its proof
 * pages take longest to draw (all the text and the plates), and each drum is
 * drawn for the proof as soon as it is cut, while the pink is cut and the
 * files are checked. The proof is still the last work of the stage (measured:
 * it ends 60–65 ms after the last check), but it no longer waits for both drums.
 */
export const CUT_ORDER: readonly Ink[] = ["noir", "rose"];

/** Riso Fluorescent Pink as a screen shows it, and as offset CMYK approximates it. */
export const PINK_RGB: [number, number, number] = [0xff, 0x48, 0xb0];
export const PINK_CMYK: [number, number, number, number] = [0, 0.72, 0.31, 0];
export const SPOT_NAME = "Riso Fluorescent Pink";

/** Riso limits (and why): thinner lines break up on the master, light tints vanish, dark ones fill in. */
export const LIMITS = { minLinePt: 0.3, minTextPt: 9, minTint: 10, maxTint: 90, maxSolidMm2: 400 };

/** Proof resolution: readable on screen, light enough to publish. */
export const PROOF_DPI = 100;

/**
 * The proof's zlib level: 6, zlib's own default. Measured on the 28 pages of
 * our zine: level 9 spent 0.7 s of CPU for 1.36 MB, level 6 0.17 s for
 * 1.59 MB (levels 7 and 8 are both slower and larger than 6); the proof was
 * the last thing the print stage waited for. The same pixels either way, and
 * the same bytes from one build to the next.
 */
export const PROOF_PNG_LEVEL = 6;

const run = promisify(execFile);

export interface InkPrints {
  /** The one print each drum is cut from (print/grey-ink.ts). */
  pdf: Record<Ink, Uint8Array>;
  items: Record<Ink, InkItem[]>;
}

/**
 * Marks a laid-out document that has riso drums (print/encres.css declares
 * them) for its one print: the class that paints each drum's parts in its
 * mark, and a solid copy of each plate's spot line for the pink drum, just
 * after the dashed one the reading edition keeps. Only paint changes:
 * nothing reflows. Every print of the zine is marked, so the reading
 * edition is the same whoever prints it. Whether the document has drums.
 */
export async function markInks(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (!getComputedStyle(root).getPropertyValue("--riso-tambours").trim()) return false;
    for (const line of document.querySelectorAll(".pl-ton")) {
      const solid = line.cloneNode(false) as Element;
      solid.classList.add("pl-ton-rose");
      line.after(solid);
    }
    root.classList.add("riso");
    return true;
  });
}

/** Gives each drum the marked print as soon as it is made (`onInk`), and takes the inventory of what each drum inks (print/riso-inventaire.ts). */
export async function printInks(page: Page, pdf: Uint8Array, onInk: (ink: Ink, pdf: Uint8Array) => void = () => {}): Promise<InkPrints> {
  for (const ink of CUT_ORDER) onInk(ink, pdf);
  const items = (await page.evaluate(INVENTORY_SCRIPT)) as Record<Ink, InkItem[]>;
  return { pdf: { rose: pdf, noir: pdf }, items };
}

export class RisoError extends Error {
  override name = "RisoError";
  readonly skipOriginalStack = true;
}

/**
 * One drum's master, cut from the one marked print (print/encres.css): only
 * what that drum inks, every colour in grey (DeviceGray), the ink density
 * kept exactly (black = 100 % of the drum's ink), untagged. A colour that is
 * neither a grey nor a mark stops the build instead of being mapped to some
 * grey (the reading edition's finish would convert it silently). A print
 * without marks is all black drum. Ghostscript is not used: its conversion
 * breaks the text of ligatures (« fl » → « 昀氀 »).
 */
export async function toGrey(pdf: Uint8Array, what: string, ink: Ink = "noir"): Promise<Uint8Array> {
  const doc = await readPdf(pdf);
  const colours = new Set<string>();
  await greyInk(doc, { file: ink, colours });
  refuseColours(what, colours);
  return doc.save(PDF_WRITE);
}

/** A drum is one ink: a colour that is neither a grey nor a mark stops the build. */
function refuseColours(what: string, colours: Set<string>): void {
  if (colours.size) throw new RisoError(`${what} : des couleurs qui ne sont pas des gris (${[...colours].join(", ")}) → un tambour n’imprime qu’une encre ; voir print/encres.css`);
}

/**
 * Each page as 8-bit grey pixels (255 = paper), rendered by poppler's
 * pdftoppm into `dir`: the PGM files, in page order. Asynchronous, so both
 * drums are rendered at once, each in its own process.
 */
async function rasterise(pdf: Uint8Array, dpi: number, what: string, dir: string): Promise<string[]> {
  const input = path.join(dir, "in.pdf");
  await fs.promises.writeFile(input, pdf);
  try {
    await run("pdftoppm", ["-r", String(dpi), "-gray", input, path.join(dir, "p")]);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new RisoError(`${what} : pdftoppm est introuvable → installez poppler-utils (Debian : apt-get install -y poppler-utils)`);
    throw new RisoError(`${what} : pdftoppm a échoué : ${e.stderr?.toString().trim() || e.message}`);
  }
  return (await fs.promises.readdir(dir))
    .filter((f) => f.endsWith(".pgm"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** A binary PGM (P5, 8 bits), as pdftoppm -gray writes it. */
export function readPgm(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(bytes.subarray(0, 40)).toString("latin1"));
  if (!header) throw new Error("PGM illisible");
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, data: bytes.subarray(header[0].length, header[0].length + width * height) };
}

/**
 * The composite of every pair of pixels (pink × 256 + black), per channel:
 * the formula below, computed once for the 65 536 pairs instead of for each
 * of a page's pixels.
 */
let compositeTable: Uint8Array[] | undefined;
function compositeChannels(): Uint8Array[] {
  compositeTable ??= PINK_RGB.map((ink) => {
    const table = new Uint8Array(256 * 256);
    for (let pink = 0; pink < 256; pink++) {
      const coverage = 1 - pink / 255;
      for (let black = 0; black < 256; black++) table[pink * 256 + black] = Math.round(255 * (1 - coverage * (1 - ink / 255)) * (black / 255));
    }
    return table;
  });
  return compositeTable;
}

/**
 * The two drums as the studio prints them: paper white, pink multiplied by
 * its coverage, black over it (translucent inks: pink under black darkens).
 * `pink` and `black` are grey pixels (255 = no ink); returns RGB pixels.
 */
export function composite(pink: Uint8Array, black: Uint8Array): Uint8Array {
  const [r, g, b] = compositeChannels();
  const out = new Uint8Array(pink.length * 3);
  for (let i = 0, o = 0; i < pink.length; i++, o += 3) {
    const k = black[i];
    // Most of a page has no pink: there the formula gives the black drum's grey (coverage 0), in all three channels.
    if (pink[i] === 255) {
      out[o] = out[o + 1] = out[o + 2] = k;
      continue;
    }
    const pair = (pink[i] << 8) | k;
    out[o] = r[pair];
    out[o + 1] = g[pair];
    out[o + 2] = b[pair];
  }
  return out;
}

/** Every pixel paper white (255): compared with a white page in one native call, not pixel by pixel in JavaScript. */
function isPaper(pixels: Uint8Array): boolean {
  if (!paper || paper.length < pixels.length) paper = Buffer.alloc(pixels.length, 255);
  return Buffer.compare(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length), paper.subarray(0, pixels.length)) === 0;
}
let paper: Buffer | undefined;

/** PNG encodings in flight at once (sharp encodes on its own threads): a few pages' pixels in memory, never the whole zine's. */
const PROOF_BATCH = 4;

/** One PNG per A5 page: the proof. Each drum is drawn as soon as its A5 is there (`rose` and `noir` may still be coming). */
export async function proofPages(rose: Uint8Array | Promise<Uint8Array>, noir: Uint8Array | Promise<Uint8Array>): Promise<Uint8Array[]> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "zine-riso-"));
  try {
    await Promise.all([fs.promises.mkdir(path.join(dir, "rose")), fs.promises.mkdir(path.join(dir, "noir"))]);
    // Both awaited even when one fails, so the folder is never removed under a pdftoppm still writing into it.
    const drawn = await Promise.allSettled([
      Promise.resolve(rose).then((pdf) => rasterise(pdf, PROOF_DPI, "épreuve riso (rose)", path.join(dir, "rose"))),
      Promise.resolve(noir).then((pdf) => rasterise(pdf, PROOF_DPI, "épreuve riso (noir)", path.join(dir, "noir"))),
    ]);
    const [pinkFiles, blackFiles] = drawn.map((result) => {
      if (result.status === "rejected") throw result.reason;
      return result.value;
    });
    const proof: Uint8Array[] = [];
    for (let first = 0; first < pinkFiles.length; first += PROOF_BATCH) {
      const batch = pinkFiles.slice(first, first + PROOF_BATCH).map(async (file, k) => {
        const [pink, black] = (await Promise.all([fs.promises.readFile(file), fs.promises.readFile(blackFiles[first + k])])).map(readPgm);
        // A page the pink drum leaves blank is the black drum alone: the same picture as grey pixels, a third of the bytes to compress.
        const blank = isPaper(pink.data);
        const pixels = blank ? black.data : composite(pink.data, black.data);
        const png = await sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length), { raw: { width: pink.width, height: pink.height, channels: blank ? 1 : 3 } })
          .toColourspace(blank ? "b-w" : "srgb")
          .png({ compressionLevel: PROOF_PNG_LEVEL, palette: false })
          .toBuffer();
        return new Uint8Array(png);
      });
      proof.push(...(await Promise.all(batch)));
    }
    return proof;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

// ---------- the offset variant: the pink as a named spot colour ----------

/** A stream's decoded text (Node's zlib for Flate: pdf-lib's own inflate is JavaScript, and slow), "" for anything else. */
function streamText(stream: PDFObject | undefined): string {
  return stream instanceof PDFRawStream ? rawStreamText(stream) : "";
}

/** Grey operators (`0.7 g`, `0 G`) of a DeviceGray content stream → tints of the spot colour (1 − grey). */
export function greyToSpot(content: string): string {
  return content.replace(/(^|[\s\]>)])(-?\d*\.?\d+)\s+(g|G)(?=[\s[(</]|$)/g, (_, before: string, grey: string, op: string) => {
    const tint = Math.round((1 - Number(grey)) * 1000) / 1000;
    return op === "g" ? `${before}/CsSpot cs ${tint} scn` : `${before}/CsSpot CS ${tint} SCN`;
  });
}

/** Rewrites every content stream of a page and of the forms it draws; `onResources` may add to their resources. */
function rewriteStreams(doc: PDFDocument, page: PDFDict, rewrite: (content: string) => string, onResources: (resources: PDFDict) => void = () => {}): void {
  const seen = new Set<PDFObject>();
  const visit = (holder: PDFDict, contents: PDFObject | undefined, setContents: (text: string) => void) => {
    const streams = lookup(doc.context, contents);
    const parts = streams instanceof PDFArray ? streams.asArray().map((s) => lookup(doc.context, s)) : [streams];
    setContents(rewrite(parts.map(streamText).join("\n")));
    const resources = lookup(doc.context, holder.get(PDFName.of("Resources")));
    if (!(resources instanceof PDFDict)) return;
    onResources(resources);
    const xobjects = lookup(doc.context, resources.get(PDFName.of("XObject")));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      const form = lookup(doc.context, ref);
      if (!(form instanceof PDFRawStream) || seen.has(form)) continue;
      seen.add(form);
      if (form.dict.get(PDFName.of("Subtype"))?.toString() !== "/Form") continue;
      visit(form.dict, form, (text) => {
        const fresh = flateStream(doc.context, text);
        for (const [key, value] of form.dict.entries()) {
          if (!["/Length", "/Filter", "/DecodeParms"].includes(key.toString())) fresh.dict.set(key, value);
        }
        if (ref instanceof PDFRef) doc.context.assign(ref, fresh);
      });
    }
  };
  visit(page, page.get(PDFName.of("Contents")), (text) => {
    page.set(PDFName.of("Contents"), doc.context.register(flateStream(doc.context, text)));
  });
}

/** The pink drum's content with its greys as tints of the spot colour, named CsSpot in every resources dictionary. */
function spotPage(doc: PDFDocument, page: PDFDict, spot: PDFArray): void {
  rewriteStreams(doc, page, greyToSpot, (resources) => {
    const spaces = lookup(doc.context, resources.get(PDFName.of("ColorSpace")));
    const spaceDict = spaces instanceof PDFDict ? spaces : doc.context.obj({});
    spaceDict.set(PDFName.of("CsSpot"), spot);
    resources.set(PDFName.of("ColorSpace"), spaceDict);
  });
}

/**
 * The A5 pages for an offset press that prints spot colours: the pink drum
 * as a Separation colour space named SPOT_NAME (CMYK fallback), the black
 * over it in DeviceGray with overprint on (as on the riso: black never
 * knocks out the pink).
 */
export async function spotVariant(rose: Uint8Array, noir: Uint8Array, meta: ImposeMeta): Promise<Uint8Array> {
  const pinkDoc = await readPdf(rose);
  const spot = pinkDoc.context.obj([
    PDFName.of("Separation"),
    PDFName.of(SPOT_NAME.replace(/ /g, "#20")),
    PDFName.of("DeviceCMYK"),
    pinkDoc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: PINK_CMYK, N: 1 }),
  ]);
  for (const page of pinkDoc.getPages()) spotPage(pinkDoc, page.node, spot);

  // Both drawn from the documents as loaded: neither is saved and parsed again to be embedded.
  const out = deflatingWithZlib(await PDFDocument.create({ updateMetadata: false }));
  const blackSource = await readPdf(noir);
  // Framed on each page's own MediaBox (a finished page's trim, from 0 0).
  const [pinkForms, blackForms] = [await pageForms(out, pinkDoc, pinkDoc.getPages()), await pageForms(out, blackSource, blackSource.getPages())];
  const overprint = out.context.register(out.context.obj({ Type: "ExtGState", OP: true, op: true, OPM: 1 }));
  blackSource.getPages().forEach((source, i) => {
    const { width, height } = source.getSize();
    const page = out.addPage([width, height]);
    page.node.setExtGState(PDFName.of("GsOverprint"), overprint);
    page.node.setXObject(PDFName.of("Rose"), pinkForms[i].ref);
    page.node.setXObject(PDFName.of("Noir"), blackForms[i].ref);
    page.pushOperators(drawObject("Rose"), pushGraphicsState(), setGraphicsState("GsOverprint"), drawObject("Noir"), popGraphicsState());
  });
  setStableMetadata(out, meta);
  setPrintDialog(out);
  return saveStable(out);
}

// ---------- the edition ----------

export interface RisoFiles {
  a5: Record<Ink, Uint8Array>;
  livret: Record<Ink, Uint8Array>;
  offset: Uint8Array;
  /** Pages where the pink drum inks something; pages where it inks the plates' spot elements. */
  pinkPages: number[];
  platePages: number[];
  /** What the pink drum prints, measured: thinnest line and smallest text in pt (null: none), the tints used in %. */
  measured: { thinnestLinePt: number | null; smallestTextPt: number | null; tints: number[] };
}

const smallest = (items: InkItem[]): number | null => (items.length ? Math.min(...items.map((i) => i.size)) : null);

/** How a drum's files are made: `finish` makes the reading A5 from the zine's layout (grey ink, boxes on the trim, dates); the booklet's imposition; each file's title in the zine's language (print/build-print.ts's pdfTitle). */
export interface DrumMaking {
  /** The reading edition's finish of `pdf`, as the file `as.ink` names, titled `as.title`. */
  finish: (pdf: Uint8Array, as: { ink: InkOptions; title: string }) => Promise<Uint8Array>;
  meta: Omit<ImposeMeta, "title">;
  title: (key: EditionKey) => string;
  creepMm: number;
  /**
   * Held until this settles: imposing embeds every page in one long stretch
   * of synchronous pdf-lib work, during which Chromium would wait for this
   * process between its steps (print/build-print.ts passes the end of the render).
   */
  imposeAfter?: Promise<unknown>;
}

/** The files of one drum, A5 pages and booklet sheets. */
export interface Drum {
  a5: Uint8Array;
  livret: Uint8Array;
}

export const DRUM_FILES: Record<Ink, { a5: EditionKey; livret: EditionKey }> = { rose: { a5: "risoRose", livret: "livretRisoRose" }, noir: { a5: "risoNoir", livret: "livretRisoNoir" } };

/**
 * One drum's A5 master, made as soon as Chromium has printed the zine: cut
 * from the print and grey, through the reading edition's finish, exactly as
 * the reading edition is made.
 */
export async function risoA5(ink: Ink, pdf: Uint8Array, making: DrumMaking): Promise<Uint8Array> {
  const colours = new Set<string>();
  const a5 = await making.finish(pdf, { ink: { file: ink, colours }, title: making.title(DRUM_FILES[ink].a5) });
  refuseColours(`riso ${ink}`, colours);
  return a5;
}

/** Its booklet sheets, imposed as the booklet is (once Chromium is done: `making.imposeAfter`), from the A5 master as read back. */
export async function risoBooklet(ink: Ink, a5: Uint8Array | PDFDocument, making: DrumMaking): Promise<Uint8Array> {
  await making.imposeAfter;
  return imposeBooklet(a5, { ...making.meta, title: making.title(DRUM_FILES[ink].livret) }, making.creepMm);
}

/** Both drums' files, the offset variant and what the pink drum prints (`pink`: its inventory). */
export async function buildRiso(drums: Record<Ink, Drum>, pink: InkItem[], making: DrumMaking): Promise<RisoFiles> {
  const a5 = { rose: drums.rose.a5, noir: drums.noir.a5 };
  const livret = { rose: drums.rose.livret, noir: drums.noir.livret };
  const offset = await spotVariant(a5.rose, a5.noir, { ...making.meta, title: making.title("tonDirect") });
  return {
    a5,
    livret,
    offset,
    pinkPages: [...new Set(pink.map((i) => i.page))].sort((a, b) => a - b),
    platePages: [...new Set(pink.filter((i) => /^pl-(ton|teinte)/.test(i.what)).map((i) => i.page))].sort((a, b) => a - b),
    measured: {
      thinnestLinePt: smallest(pink.filter((i) => i.kind === "trait")),
      smallestTextPt: smallest(pink.filter((i) => i.kind === "texte")),
      tints: [...new Set(pink.map((i) => i.tint))].sort((a, b) => a - b),
    },
  };
}

// ---------- checks ----------

/** Colour operators and spaces other than grey in what the pages paint: their content, forms, images, shadings and colour spaces (font programs aside). */
export function nonGreyColour(doc: PDFDocument): string[] {
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const operators = (content: string) => {
    for (const m of content.matchAll(/(?:^|\s)(rg|RG|k|K)(?=\s|$)/g)) found.add(`opérateur ${m[1]}`);
  };
  const space = (object: PDFObject | undefined) => {
    const s = lookup(doc.context, object);
    const name = s instanceof PDFArray ? lookup(doc.context, s.get(0))?.toString() : s?.toString();
    if (name && !["/DeviceGray", "/G", "/Pattern"].includes(name)) found.add(`espace ${name}`);
  };
  const resources = (object: PDFObject | undefined): void => {
    const r = lookup(doc.context, object);
    if (!(r instanceof PDFDict) || seen.has(r)) return;
    seen.add(r);
    const spaces = lookup(doc.context, r.get(PDFName.of("ColorSpace")));
    if (spaces instanceof PDFDict) for (const value of spaces.values()) space(value);
    for (const group of ["Shading", "Pattern"]) {
      const entries = lookup(doc.context, r.get(PDFName.of(group)));
      if (!(entries instanceof PDFDict)) continue;
      for (const value of entries.values()) {
        const item = lookup(doc.context, value);
        const itemDict = item instanceof PDFRawStream ? item.dict : item;
        if (!(itemDict instanceof PDFDict)) continue;
        space(itemDict.get(PDFName.of("ColorSpace")));
        const shading = lookup(doc.context, itemDict.get(PDFName.of("Shading")));
        if (shading instanceof PDFDict) space(shading.get(PDFName.of("ColorSpace")));
        if (item instanceof PDFRawStream) operators(streamText(item));
        resources(itemDict.get(PDFName.of("Resources")));
      }
    }
    const xobjects = lookup(doc.context, r.get(PDFName.of("XObject")));
    if (!(xobjects instanceof PDFDict)) return;
    for (const value of xobjects.values()) {
      const x = lookup(doc.context, value);
      if (!(x instanceof PDFRawStream) || seen.has(x)) continue;
      seen.add(x);
      if (x.dict.get(PDFName.of("Subtype"))?.toString() === "/Image") {
        if (!x.dict.get(PDFName.of("ImageMask"))) space(x.dict.get(PDFName.of("ColorSpace")));
      } else {
        operators(streamText(x));
        resources(x.dict.get(PDFName.of("Resources")));
      }
    }
  };
  for (const page of doc.getPages()) {
    const contents = lookup(doc.context, page.node.get(PDFName.of("Contents")));
    const parts = contents instanceof PDFArray ? contents.asArray().map((c) => lookup(doc.context, c)) : [contents];
    operators(parts.map(streamText).join("\n"));
    resources(page.node.get(PDFName.of("Resources")));
  }
  return [...found].sort();
}

const boxMm = (box: { x: number; y: number; width: number; height: number }) => [box.x, box.y, box.width, box.height].map(ptToMm);

/**
 * Before the studio: both drums greyscale only, the same page size and
 * count, in register (every page's boxes equal to 0.01 mm), nothing of the
 * pink drum on the black one, and the pink within riso limits (tints 10–90 %
 * or solid, no large solid area, lines ≥ 0.3 pt, text ≥ 9 pt). Each problem
 * is a sentence for people.
 */
export async function checkRiso(pair: Record<Ink, Uint8Array | PDFDocument>, label: string, items?: Record<Ink, InkItem[]>): Promise<string[]> {
  const problems: string[] = [];
  // The build hands the files it has already read back for the preflight.
  const docs = { rose: await readPdf(pair.rose), noir: await readPdf(pair.noir) };
  for (const ink of INKS) {
    const colours = nonGreyColour(docs[ink]);
    if (colours.length) problems.push(`${label}, tambour ${ink} : des couleurs autres que le gris (${colours.join(", ")}) → chaque tambour doit être en niveaux de gris`);
  }
  const [rose, noir] = [docs.rose.getPages(), docs.noir.getPages()];
  if (rose.length !== noir.length) problems.push(`${label} : ${rose.length} pages pour le rose, ${noir.length} pour le noir → les deux tambours doivent avoir les mêmes pages`);
  for (let i = 0; i < Math.min(rose.length, noir.length); i++) {
    for (const box of ["getMediaBox", "getTrimBox"] as const) {
      const [a, b] = [boxMm(rose[i][box]()), boxMm(noir[i][box]())];
      if (a.some((v, k) => Math.abs(v - b[k]) > 0.01)) {
        problems.push(`${label}, page ${i + 1} : le rose et le noir ne sont pas en repérage (${box === "getMediaBox" ? "format" : "coupe"} différent) → les deux doivent venir de la même mise en pages`);
        break;
      }
    }
  }
  if (!items) return problems;
  const pinkKeys = new Set(items.rose.map((i) => i.key));
  for (const leak of items.noir.filter((i) => pinkKeys.has(i.key) && !/^pl-figure/.test(i.what))) {
    problems.push(`${label}, page ${leak.page} : « ${leak.what} » est à la fois sur le tambour rose et sur le noir → voir print/encres.css`);
  }
  for (const item of items.rose) {
    const where = `${label}, page ${item.page}, « ${item.what} »`;
    if (item.tint !== 100 && (item.tint < LIMITS.minTint || item.tint > LIMITS.maxTint)) {
      problems.push(`${where} : rose à ${item.tint} % → une trame riso tient entre ${LIMITS.minTint} et ${LIMITS.maxTint} % (ou 100 %) ; voir print/encres.css`);
    }
    if (item.kind === "trait" && item.size < LIMITS.minLinePt) problems.push(`${where} : trait rose de ${item.size} pt → au moins ${LIMITS.minLinePt} pt, sinon il se casse au master`);
    if (item.kind === "texte" && item.size < LIMITS.minTextPt) problems.push(`${where} : texte rose de ${item.size} pt → au moins ${LIMITS.minTextPt} pt ; le texte à lire reste noir`);
    if (item.kind === "aplat" && item.tint === 100 && item.size > LIMITS.maxSolidMm2) problems.push(`${where} : aplat rose plein de ${Math.round(item.size)} mm² → une trame, ou plus petit (les grands aplats bavent et laissent des fantômes)`);
  }
  return problems;
}
