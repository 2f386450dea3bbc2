/**
 * The web fonts, as light as the content allows. Once the pages are written,
 * each face is cut down (subset-font, HarfBuzz) to the characters the built
 * pages show in that face (scripts/site/font-usage.ts reads which, from the
 * stylesheet): the italic to the italic text, the display bold to the
 * headings — so another zine, in other words, gets its own subsets — without
 * hinting and with only the layout features we set (kerning, ligatures,
 * accents). The stylesheet's @font-face rules come from the same table, each
 * with a metric-matched fallback face (size-adjust, ascent-override…
 * computed from the fonts' metrics the way fontaine does), so the text does
 * not move when the web font arrives.
 *
 * The print edition has its own copy of each face (print/polices.css), cut to
 * every character of the site, pages, print documents, stylesheets and
 * scripts alike: the PDFs embed those, whatever the web pages' subsets are.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import { cached, cachedSync, filesFingerprint } from "../lib/disk-cache.ts";
import { listFiles } from "../lib/site-files.ts";
import { faceCharacters, faceKey, feedPage } from "./font-usage.ts";
import { subsetPool, type SubsetPool } from "./subset-pool.ts";
import { kerningPairs, shaper, withKernTable, type Pairs, type Shaper } from "./kerning.ts";

const FONTSOURCE = "node_modules/@fontsource";
/** The print edition's faces (print/polices.css), cut to every character of the site. */
export const FONTS_DIR = "assets/fonts";
/** The web pages' faces, each cut to the characters it shows. */
export const WEB_FONTS_DIR = "assets/fonts/web";
/** The site's stylesheet: its source (read for which face shows what) and where it is served. */
const STYLESHEET = "_includes/css/site.css";
const CSS_PATH = "assets/css/site.css";
/** The stylesheets of one kind of page (pages/<name>.css, served as /assets/css/<name>.css), linked only by the pages that use them. */
const PAGE_STYLESHEETS = "_includes/css/pages";
/** The family only pages that show code use: its @font-face rules are in code.css, not in every page's stylesheet. */
const CODE_FAMILY: Face["family"] = "IBM Plex Mono";
/**
 * Literata's bold is shown by a few pages only (a <strong>, a resource's
 * title): the @font-face rules of its upright and their fallbacks are in
 * gras.css, those of its italic (a title of a work in a bold line) in
 * gras-italique.css, each linked by the pages that show that face
 * (`boldSheets`), not in every page's stylesheet (1,3 KB less on every
 * other page; a chapter with a <strong> 0,7 KB less than with both).
 */
const BOLD_SHEETS: Record<string, Face["style"]> = { gras: "normal", "gras-italique": "italic" };
const inBoldSheet = (face: Face, sheet?: string): boolean =>
  face.family === "Literata" && face.weight === 700 && (sheet === undefined || BOLD_SHEETS[sheet] === face.style);

/**
 * A page that shows a bold face in a few characters only (a word or two: a
 * chapter's one <strong>) gets a cut of that face of its own, holding those
 * characters alone, in a stylesheet of its own (`gras-1a2b3c4d.css`, named
 * by the characters, so pages that show the same ones share it): some 2 KB
 * instead of the 5 KB of the cut every bold text of the site shares. Pages
 * with more bold text share that cut, fetched once for all of them.
 */
const FEW_CHARACTERS = 24;
/** A page's own bold stylesheet: the shared one's name and the characters' hash. */
const OWN_SHEET = /^(gras|gras-italique)-([0-9a-f]{8})$/;
const ownSheet = (sheet: string, chars: string): string => `${sheet}-${crypto.createHash("sha256").update(chars).digest("hex").slice(0, 8)}`;
/** The bold sheet (shared or own) that declares `face`, among those a page links; "" for every other face. */
function sheetOf(face: Face, linked: string[]): string {
  if (!inBoldSheet(face)) return "";
  return linked.find((sheet) => OWN_SHEET.test(sheet) && BOLD_SHEETS[OWN_SHEET.exec(sheet)![1]] === face.style) ?? "";
}
/** The stylesheets a built page links (their names: /assets/css/<name>.css). */
const linkedSheets = (html: string): string[] => [...html.matchAll(/<link rel="stylesheet" href="\/assets\/css\/([\w-]+)\.css"/g)].map((m) => m[1]);
/** A cut of a face: the shared one (sheet ""), or a page's own. */
const cutKey = (face: Face, sheet: string): string => (sheet ? `${faceKey(face)}|${sheet}` : faceKey(face));
/** Its file: the face's, or the face's with the own sheet's hash (literata-700-1a2b3c4d.woff2). */
const cutFile = (face: Face, sheet: string): string => (sheet ? face.file.replace(/\.woff2$/, `-${OWN_SHEET.exec(sheet)![2]}.woff2`) : face.file);

const pageStylesheets = (): string[] => fs.readdirSync(PAGE_STYLESHEETS).filter((file) => file.endsWith(".css")).sort();

/** Every rule a page may be styled by (site.css, then each page stylesheet): what font-usage.ts reads. */
const allCss = (): string => [STYLESHEET, ...pageStylesheets().map((file) => path.join(PAGE_STYLESHEETS, file))].map((file) => fs.readFileSync(file, "utf8")).join("\n");

interface Face {
  family: "Literata" | "Space Grotesk" | "IBM Plex Mono";
  weight: 400 | 500 | 700;
  style: "normal" | "italic";
  /** The @fontsource file it is cut from. */
  source: string;
  /** Its name in the built site. */
  file: string;
  /** Print only: the web pages set what it would show in the family's nearest face (one file less to fetch). */
  printOnly?: true;
}

export const faces: Face[] = [
  { family: "Literata", weight: 400, style: "normal", source: "literata/files/literata-latin-400-normal.woff2", file: "literata-400.woff2" },
  { family: "Literata", weight: 400, style: "italic", source: "literata/files/literata-latin-400-italic.woff2", file: "literata-400-italic.woff2" },
  { family: "Literata", weight: 700, style: "normal", source: "literata/files/literata-latin-700-normal.woff2", file: "literata-700.woff2" },
  { family: "Literata", weight: 700, style: "italic", source: "literata/files/literata-latin-700-italic.woff2", file: "literata-700-italic.woff2" },
  // The web pages show Space Grotesk in its bold alone (headings, labels, navigation): 4.8 KB less on every page.
  { family: "Space Grotesk", weight: 500, style: "normal", source: "space-grotesk/files/space-grotesk-latin-500-normal.woff2", file: "space-grotesk-500.woff2", printOnly: true },
  { family: "Space Grotesk", weight: 700, style: "normal", source: "space-grotesk/files/space-grotesk-latin-700-normal.woff2", file: "space-grotesk-700.woff2" },
  // Inline code: a monospace face of our own, never whatever the machine has installed.
  { family: "IBM Plex Mono", weight: 400, style: "normal", source: "ibm-plex-mono/files/ibm-plex-mono-latin-400-normal.woff2", file: "ibm-plex-mono-400.woff2" },
  { family: "IBM Plex Mono", weight: 700, style: "normal", source: "ibm-plex-mono/files/ibm-plex-mono-latin-700-normal.woff2", file: "ibm-plex-mono-700.woff2" },
];

/** The faces the web pages use (print/polices.css has them all). */
export const webFaces: Face[] = faces.filter((face) => !face.printOnly);

/** The latin range @fontsource cuts its files to: characters outside it never ask for these files. */
const LATIN = "U+0-FF,U+131,U+152-153,U+2BB-2BC,U+2C6,U+2DA,U+2DC,U+2000-206F,U+20AC,U+2122,U+2212,U+FEFF,U+FFFD";

/** Digits (page numbers, notes), punctuation, and the marks typography and print add (soft hyphen, hyphen, spaces, quotes): always kept. */
const ALWAYS = " 0123456789.,;:!?()[]-'/\u00A0\u00AD\u2010\u2011\u2019\u202F«»…–—";

/** Only what our CSS asks for: kerning and standard ligatures (French accents are precomposed characters). */
const FEATURES = ["kern", "liga"];

/**
 * The web cut of a face keeps only the features that show in it. Kerning
 * shows everywhere (French apostrophes: « d’abord », « l’effet » gape
 * without it). Literata's ligatures show (fi, ffi join the dot to the hook,
 * the italic's most); Space Grotesk's draw the same as the letters side by
 * side (screenshots compared): its web cut drops them, 1 KB less on every
 * page. Print keeps FEATURES for every face (the PDFs don't change).
 */
const webFeatures = (face: Face): string[] => (face.family === "Space Grotesk" ? ["kern"] : FEATURES);

const decode = (html: string): string =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)));

/**
 * Every character of the built site's pages, stylesheets and scripts (but the
 * Paged.js library), sorted, each also in upper and lower case: CSS
 * `text-transform` shows « É » where the text has « é ».
 */
export function siteCharacters(outputDir: string): string {
  const chars = new Set(ALWAYS);
  for (const file of listFiles(outputDir)) {
    if (!/\.(html|css|js)$/.test(file) || file.endsWith("paged.polyfill.js")) continue;
    const text = fs.readFileSync(path.join(outputDir, file), "utf8");
    for (const c of file.endsWith(".html") ? decode(text) : text) if (c >= " ") chars.add(c);
  }
  for (const c of [...chars]) for (const cased of [c.toUpperCase(), c.toLowerCase()]) if ([...cased].length === 1) chars.add(cased);
  return [...chars].sort().join("");
}

/** A page styled by the site's stylesheet (not a print document, which has its own fonts). */
const usesSiteCss = (html: string): boolean => html.includes(`href="/${CSS_PATH}"`);

/** A pattern that finds a character outside `chars` (control characters aside). */
const outside = (chars: Set<string>): RegExp => new RegExp(`[^\\0-\\x1f${[...chars].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join("")}]`, "u");
const outsidePatterns = new WeakMap<Set<string>, RegExp>();

/**
 * Does a rebuilt page show a character the fonts lack? First on its raw HTML
 * (markup is made of characters the site already has, and an escaped
 * `&#…;` character is read as itself): most saves stop there; otherwise the
 * page's text as the subset reads it decides.
 */
function bringsNewCharacters(html: string, chars: Set<string>): boolean {
  let pattern = outsidePatterns.get(chars);
  if (!pattern) outsidePatterns.set(chars, (pattern = outside(chars)));
  const escaped = [...html.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi)].map((m) => String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2])));
  if (!pattern.test(html) && escaped.every((c) => c < " " || chars.has(c))) return false;
  return [...decode(html)].some((c) => c >= " " && !chars.has(c));
}

/**
 * The pages a reader's browser shows with the web fonts: every HTML page that
 * links the site's stylesheet, and the feed as feed.xsl shows it. `rebuilt`:
 * only these pages (an incremental rebuild), else every page of the folder.
 */
function webPages(outputDir: string, rebuilt?: { content: string; outputPath: string | false }[]): string[] {
  const files = rebuilt
    ? rebuilt.map((page) => ({ file: path.relative(outputDir, String(page.outputPath)), text: String(page.content ?? "") }))
    : listFiles(outputDir)
        .filter((file) => file.endsWith(".html") || file === "feed.xml")
        .map((file) => ({ file, text: fs.readFileSync(path.join(outputDir, file), "utf8") }));
  const pages = files.filter(({ file, text }) => file.endsWith(".html") && usesSiteCss(text)).map(({ text }) => text);
  const feed = files.find(({ file }) => file === "feed.xml");
  const xsl = path.join(outputDir, "feed.xsl");
  if (feed && fs.existsSync(xsl)) {
    const stylesheet = fs.readFileSync(xsl, "utf8");
    if (usesSiteCss(stylesheet)) pages.push(feedPage(stylesheet, feed.text));
  }
  return pages;
}

/** Per page (its content and the stylesheet), what each face shows in it: `npm start` rebuilds a few pages, most of them unchanged. */
const pageMemo = new Map<string, { chars: Map<string, Set<string>>; runs: Map<string, Set<string>> }>();

interface WebUsage {
  /** Per cut (cutKey: a face, or a page's own cut of a bold face), the characters it shows, sorted, the space always in. */
  chars: Map<string, string>;
  /** Per cut, the runs of text it shows (font-usage.ts): the kerning its web cut keeps. */
  runs: Map<string, string[]>;
}

/**
 * What each web cut shows in these pages: its characters and its runs of
 * text; a page's bold goes to the cut its own stylesheet declares, if it
 * links one. Reading every page's styles is the slow part of writing the
 * fonts: on disk, keyed by the pages, the stylesheet and the code that reads
 * them, and in memory page by page.
 */
function webUsage(pages: string[]): WebUsage {
  const css = allCss();
  const hashes = pages.map((page) => crypto.createHash("sha256").update(css).update("\0").update(page).digest("hex"));
  const code = filesFingerprint([new URL(import.meta.url).pathname, new URL("./font-usage.ts", import.meta.url).pathname]);
  const json = cachedSync("polices-usage", ["usage", code, hashes], () => {
    const union = new Map(webFaces.map((face) => [faceKey(face), { chars: new Set(" "), runs: new Set<string>() }]));
    pages.forEach((page, i) => {
      let found = pageMemo.get(hashes[i]);
      if (!found) {
        const runs = new Map<string, Set<string>>();
        found = { chars: faceCharacters([page], css, webFaces, runs), runs };
        pageMemo.set(hashes[i], found);
      }
      const linked = linkedSheets(page);
      const cutOf = (key: string): string => {
        const face = webFaces.find((f) => faceKey(f) === key)!;
        const cut = cutKey(face, sheetOf(face, linked));
        if (!union.has(cut)) union.set(cut, { chars: new Set(" "), runs: new Set<string>() });
        return cut;
      };
      for (const [key, chars] of found.chars) if (chars.size) for (const c of chars) union.get(cutOf(key))!.chars.add(c);
      for (const [key, runs] of found.runs) for (const run of runs) union.get(cutOf(key))!.runs.add(run);
    });
    return JSON.stringify([...union].map(([key, { chars, runs }]) => [key, [...chars].sort().join(""), [...runs].sort()]));
  });
  const cuts = JSON.parse(json.toString("utf8")) as [string, string, string[]][];
  return { chars: new Map(cuts.map(([key, chars]) => [key, chars])), runs: new Map(cuts.map(([key, , runs]) => [key, runs])) };
}

/** The web cuts these pages need: every web face's shared one, and each own cut of a bold face a page links. */
function webCuts(usage: WebUsage): { face: Face; sheet: string; key: string }[] {
  const shared = webFaces.map((face) => ({ face, sheet: "", key: faceKey(face) }));
  // Every other cut is a page's own: cutKey(face, sheet).
  const own = [...usage.chars.keys()].filter((key) => !shared.some((cut) => cut.key === key)).sort();
  return [
    ...shared,
    ...own.map((key) => {
      const face = webFaces.find((f) => key.startsWith(faceKey(f) + "|"))!;
      return { face, sheet: key.slice(faceKey(face).length + 1), key };
    }),
  ];
}

/** A web cut's kerning: its cut with the GPOS (what the pairs were read from), and the pairs kept (none: it keeps its GPOS). */
interface Kerning {
  sfnt: Uint8Array;
  pairs?: Pairs;
  runs: Set<string>;
  shaper?: Shaper;
}

/** Per output folder, the characters the fonts written there cover, and the kerning of each web cut (for `npm start`'s rebuilds). */
const covered = new Map<string, { print: Set<string>; web: Map<string, Set<string>>; kerning: Map<string, Kerning> }>();

/** Do these runs of text kern only pairs the web cut keeps? (A cut that keeps its GPOS has all its kerning.) */
async function kerningCovers(kerning: Kerning | undefined, runs: string[], features: string[]): Promise<boolean> {
  if (!kerning) return false;
  if (!kerning.pairs) return true;
  const fresh = runs.filter((run) => !kerning.runs.has(run));
  if (!fresh.length) return true;
  kerning.shaper ??= await shaper(kerning.sfnt, features);
  const pairs: Pairs = new Map();
  for (const run of fresh) if (!kerning.shaper.add(run, pairs)) return false;
  return [...pairs].every(([pair, value]) => kerning.pairs!.get(pair) === value);
}

/** Tables a browser never reads for horizontal text: vertical metrics, the style-linking table of variable fonts. */
const WEB_DROPPED_TABLES = ["vhea", "vmtx", "STAT"];

interface Cut {
  face: Face;
  /** Its cutKey (the web cuts: a face, or a page's own cut of it). */
  key?: string;
  text: string;
  /** Also without the tables web pages never read; the print copies keep them, so the PDFs stay what they were. */
  web: boolean;
  /** Web: the runs of text the face shows, whose kerning the cut keeps in a table of its own (kerning.ts). */
  runs?: string[];
}

/** How a face is cut (subset-font's options), for print or for the web (the web cut's kerning aside: kerning.ts). */
export function cutOptions(face: Face, web: boolean) {
  const source = path.join(FONTSOURCE, face.source);
  const dropTables = web ? WEB_DROPPED_TABLES : [];
  const features = web ? webFeatures(face) : FEATURES;
  const options = { targetFormat: "woff2", noHinting: true, keepFeatures: features, ...(web ? { dropTables } : {}) };
  return { source, features, dropTables, options };
}

/**
 * Each face cut to its text, from the disk cache when it can (the key: the
 * source font, this file's code, subset-font's version, the options and the
 * characters); the misses go to the pool's worker threads (subset-pool.ts).
 */
function subsetFaces(pool: SubsetPool, cuts: Cut[], kerning?: Map<string, Kerning>): Promise<Buffer[]> {
  const version = filesFingerprint([new URL(import.meta.url).pathname, new URL("./kerning.ts", import.meta.url).pathname, "node_modules/subset-font/package.json"]);
  return Promise.all(
    cuts.map(async ({ face, key: cut, text, web, runs }) => {
      const { source, features, dropTables, options } = cutOptions(face, web);
      const key = ["police", filesFingerprint([source]), version, features, dropTables, text];
      const woff2 = () => cached("polices", key, () => pool.cut({ source, text, options }));
      if (!runs) return woff2();
      // Web: the same cut as an sfnt, the pairs its GPOS kerns in the pages' runs, and those pairs alone in a `kern` table.
      const sfnt = await cached("polices", [...key, "sfnt"], () => pool.cut({ source, text, options: { ...options, targetFormat: "truetype" } }));
      const json = await cached("polices-crenage", ["paires", version, crypto.createHash("sha256").update(sfnt).digest("hex"), features, runs], async () => {
        const pairs = await kerningPairs(sfnt, runs, features);
        return JSON.stringify(pairs ? [...pairs] : null);
      });
      const found = JSON.parse(json.toString("utf8")) as [number, number][] | null;
      const pairs = found ? new Map(found) : undefined;
      kerning?.set(cut ?? faceKey(face), { sfnt, pairs, runs: new Set(runs) });
      const kerned = pairs && withKernTable(sfnt, pairs);
      if (!kerned) return woff2();
      return cached("polices", [...key, "crénage", [...pairs]], () => pool.cut({ source, text, options, woff2: kerned }));
    }),
  );
}

/**
 * Writes each face twice (from the disk cache when it can): for print into
 * `<output>/assets/fonts/`, cut to every character of the site, and for the
 * web pages into `<output>/assets/fonts/web/`, cut to what each face shows.
 * `rebuilt`: the pages an incremental rebuild (`npm start`) wrote; when they
 * bring no new character to any face, the fonts already there cover them and
 * nothing is read or written.
 */
export async function writeFonts(outputDir: string, rebuilt?: { content: string; outputPath: string | false }[]): Promise<void> {
  const already = covered.get(outputDir);
  if (rebuilt && already) {
    const printCovered = rebuilt.every((page) => !/\.(html|css|js)$/.test(String(page.outputPath)) || !bringsNewCharacters(String(page.content ?? ""), already.print));
    const web = webUsage(webPages(outputDir, rebuilt));
    const webCovered = [...web.chars].every(([key, chars]) => [...chars].every((c) => already.web.get(key)?.has(c)));
    if (printCovered && webCovered) {
      let kerned = true;
      for (const { face, key } of webCuts(web)) if (kerned) kerned = await kerningCovers(already.kerning.get(key), web.runs.get(key) ?? [], webFeatures(face));
      if (kerned) return;
    }
  }
  const pool = subsetPool();
  try {
    // The print copies first: the worker threads cut them while this thread reads which characters each web face shows.
    const text = siteCharacters(outputDir);
    const print = subsetFaces(pool, faces.map((face) => ({ face, text, web: false })));
    const web = webUsage(webPages(outputDir));
    const cuts = webCuts(web);
    const kerning = new Map<string, Kerning>();
    const webCut = subsetFaces(
      pool,
      cuts.map(({ face, key }) => ({ face, key, text: web.chars.get(key)!, web: true, runs: web.runs.get(key) ?? [] })),
      kerning,
    );
    const [printCuts, webCutBytes] = await Promise.all([print, webCut]);
    covered.set(outputDir, { print: new Set(text), web: new Map([...web.chars].map(([key, chars]) => [key, new Set(chars)])), kerning });
    fs.mkdirSync(path.join(outputDir, WEB_FONTS_DIR), { recursive: true });
    faces.forEach((face, i) => fs.writeFileSync(path.join(outputDir, FONTS_DIR, face.file), printCuts[i]));
    cuts.forEach(({ face, sheet }, i) => {
      fs.writeFileSync(path.join(outputDir, WEB_FONTS_DIR, cutFile(face, sheet)), webCutBytes[i]);
      // A page's own bold cut comes with its own stylesheet: the shared one's rules, the face from its own file.
      if (sheet) fs.writeFileSync(path.join(outputDir, path.dirname(CSS_PATH), `${sheet}.css`), pageCss(sheet));
    });
  } finally {
    await pool.close();
  }
}

interface Metrics {
  ascent: number;
  descent: number;
  lineGap: number;
  unitsPerEm: number;
  xWidthAvg: number;
}

const require = createRequire(import.meta.url);

/**
 * Capsize's metrics of a font (the same numbers fontaine uses), for the
 * weight and style when it has them (`@capsizecss/metrics/literata/700italic`):
 * an italic or a bold is not as wide as the regular, and a fallback sized for
 * the regular moves the italic text when the web font arrives.
 */
function metrics(name: string, weight: number, style: Face["style"] = "normal"): Metrics {
  const variant = `${weight === 400 ? "" : weight}${style === "italic" ? "italic" : ""}` || "regular";
  try {
    return require(`@capsizecss/metrics/${name}/${variant}`) as Metrics;
  } catch {
    return require(`@capsizecss/metrics/${name}`) as Metrics;
  }
}

/**
 * DejaVu's metrics (Debian's default fonts, what Chromium falls back to on
 * Linux; capsize has none), measured once from fonts-dejavu-core 2.37 with
 * @capsizecss/unpack, so the fallback is computed the same way on any machine.
 * Their italics have the same advance widths as the uprights (measured with
 * fontTools from the same files): one table serves both.
 */
const DEJAVU: Record<string, Record<number, Metrics>> = {
  serif: {
    400: { ascent: 1901, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1058 },
    700: { ascent: 1923, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1168 },
  },
  sans: {
    400: { ascent: 1901, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1041 },
    700: { ascent: 1901, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1176 },
  },
  // Every glyph of DejaVu Sans Mono is 1233 units wide, regular and bold.
  mono: {
    400: { ascent: 1901, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1233 },
    700: { ascent: 1901, descent: -483, lineGap: 0, unitsPerEm: 2048, xWidthAvg: 1233 },
  },
};

interface Fallback {
  /** The family name the stylesheet lists after the web font. */
  name: string;
  local: string[];
  metrics: (weight: number, style: Face["style"]) => Metrics;
  /** Its key in FRENCH_WIDTH. */
  widths: string;
}

/**
 * The average width of a character of French prose, in ems, per face, as
 * Chromium sets it (kerning on, as the site sets text): measured once over
 * the zine's chapters (19 100 characters: accents, ’, « », spaces and
 * punctuation as they come) from @fontsource's files, DejaVu 2.37 and
 * Liberation 2.1 (the metric twins of Times New Roman and Arial: same
 * advance widths). Capsize's xWidthAvg weighs English letters and ignores
 * kerning (Literata's tightens French by 1.5 %); fitted to it, DejaVu Serif
 * Italic set a chapter's summary a line longer than Literata's italic.
 * Faces not listed keep capsize's figure: the monospace ones (every glyph
 * one width), and Space Grotesk, which shows headings and labels, not prose:
 * short strings whose width against DejaVu Sans Bold spreads from 0.81 to
 * 0.88 across our headings, so no average holds for all of them; capsize's
 * figure (85.3 %) keeps our chapters' titles on the lines they will have.
 */
const FRENCH_WIDTH: Record<string, number> = {
  "literata 400": 0.4536,
  "literata 400 italic": 0.4262,
  "literata 700": 0.4866,
  "literata 700 italic": 0.466,
  "timesNewRoman 400": 0.3905,
  "timesNewRoman 400 italic": 0.3933,
  "timesNewRoman 700": 0.4136,
  "timesNewRoman 700 italic": 0.402,
  "dejavuSerif 400": 0.4995,
  "dejavuSerif 400 italic": 0.4995,
  "dejavuSerif 700": 0.5516,
  "dejavuSerif 700 italic": 0.5517,
};

/** A face's average width in ems: French prose's when measured, else capsize's. */
function averageWidth(key: string, weight: number, style: Face["style"], metrics: Metrics): number {
  return FRENCH_WIDTH[`${key} ${weight}${style === "italic" ? " italic" : ""}`] ?? metrics.xWidthAvg / metrics.unitsPerEm;
}

/**
 * The system fonts that stand in for each family while it loads, each with
 * its own metrics: Times/Arial/Courier New (and Liberation, Tinos, Arimo,
 * Cousine, which share their metrics) on most machines, DejaVu on Linux without them.
 */
const FALLBACKS: Record<Face["family"], { metrics: string; fallbacks: Fallback[] }> = {
  Literata: {
    metrics: "literata",
    fallbacks: [
      { name: "Literata repli", local: ["Times New Roman", "Liberation Serif", "Tinos"], metrics: (w, s) => metrics("timesNewRoman", w, s), widths: "timesNewRoman" },
      { name: "Literata repli DejaVu", local: ["DejaVu Serif"], metrics: (w) => DEJAVU.serif[w], widths: "dejavuSerif" },
    ],
  },
  "Space Grotesk": {
    metrics: "spaceGrotesk",
    fallbacks: [
      { name: "Space Grotesk repli", local: ["Arial", "Liberation Sans", "Arimo"], metrics: (w, s) => metrics("arial", w, s), widths: "arial" },
      { name: "Space Grotesk repli DejaVu", local: ["DejaVu Sans"], metrics: (w) => DEJAVU.sans[w], widths: "dejavuSans" },
    ],
  },
  "IBM Plex Mono": {
    metrics: "iBMPlexMono",
    fallbacks: [
      { name: "IBM Plex Mono repli", local: ["Courier New", "Liberation Mono", "Cousine"], metrics: (w, s) => metrics("courierNew", w, s), widths: "courierNew" },
      { name: "IBM Plex Mono repli DejaVu", local: ["DejaVu Sans Mono"], metrics: (w) => DEJAVU.mono[w], widths: "dejavuMono" },
    ],
  },
};

/**
 * A face's weight as its rule says it: nothing for 400, the descriptor's
 * initial value (`normal`). Nor does a rule name its file's format: every
 * browser that reads these rules reads WOFF2 (a `format()` hint only lets a
 * browser skip a file it can't read, among several).
 */
const weight = (w: number): string => (w === 400 ? "" : `font-weight:${w};`);

/** A percentage to a tenth: a tenth of a percent of a 20 rem line is under a pixel. */
const round = (n: number): string => `${(n * 100).toFixed(1).replace(/\.0$/, "")}%`;

/**
 * The @font-face rules of the web fonts and of their metric-matched fallbacks
 * ("Literata repli", "Literata repli DejaVu"…), as fontaine computes them:
 * size-adjust is the ratio of average widths, and the vertical metrics are
 * the web font's, divided by that ratio.
 */
export function fontFaceCss(only?: (face: Face) => boolean, file: (face: Face) => string = (face) => face.file): string {
  const rules: string[] = [];
  const shown = only ? webFaces.filter(only) : webFaces;
  for (const face of shown) {
    rules.push(
      `@font-face{font-family:"${face.family}";src:url("/${WEB_FONTS_DIR}/${file(face)}");${weight(face.weight)}${face.style === "italic" ? "font-style:italic;" : ""}font-display:swap;unicode-range:${LATIN}}`,
    );
  }
  for (const [family, { metrics: webMetrics, fallbacks }] of Object.entries(FALLBACKS)) {
    for (const face of shown.filter((f) => f.family === family)) {
      const web = metrics(webMetrics, face.weight, face.style);
      const bold = face.weight >= 600;
      const italic = face.style === "italic";
      const suffix = `${bold ? " Bold" : ""}${italic ? " Italic" : ""}`;
      for (const fallback of fallbacks) {
        const system = fallback.metrics(bold ? 700 : 400, face.style);
        const sizeAdjust = averageWidth(webMetrics, face.weight, face.style, web) / averageWidth(fallback.widths, bold ? 700 : 400, face.style, system);
        const local = fallback.local.map((name) => `local("${name}${suffix}")`).join(",");
        rules.push(
          `@font-face{font-family:"${fallback.name}";src:${local};${weight(face.weight)}${italic ? "font-style:italic;" : ""}` +
            `size-adjust:${round(sizeAdjust)};ascent-override:${round(web.ascent / web.unitsPerEm / sizeAdjust)};` +
            `descent-override:${round(Math.abs(web.descent) / web.unitsPerEm / sizeAdjust)}` +
            // The system font's own line gap must go (Times has one); DejaVu has none to override.
            (system.lineGap || web.lineGap ? `;line-gap-override:${round(web.lineGap / web.unitsPerEm / sizeAdjust)}}` : "}"),
        );
      }
    }
  }
  return rules.join("\n") + "\n";
}

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;



/**
 * CSS without what a browser doesn't read: comments, leading zeros (0.5rem is
 * .5rem), and the white space around braces, semicolons, commas, child combinators and after colons
 * (a space before a colon can be a descendant combinator, `main :focus`,
 * and spaces around + and - matter in calc(): both are kept). Strings are
 * left as they are.
 */
export function minifyCss(css: string): string {
  return css
    .replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\/\*[\s\S]*?\*\//g, (all, string?: string) => string ?? "")
    .replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s+/g, (all, string?: string) => string ?? " ")
    .replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s*([{};,>])\s*|(:)\s+/g, (all, string?: string, punct?: string, colon?: string) => string ?? punct ?? colon ?? all)
    .replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([\s:,(-])0\.(\d)/g, (all, string?: string, before?: string, digit?: string) => string ?? `${before}.${digit}`)
    .replace(/;}/g, "}")
    .trim();
}

/** The site's stylesheet as served: the @font-face rules above (but the code face's and the bold's), then site.css, minified. */
export function siteCss(): string {
  return fontFaceCss((face) => face.family !== CODE_FAMILY && !inBoldSheet(face)) + minifyCss(fs.readFileSync(STYLESHEET, "utf8")) + "\n";
}

/** A page stylesheet as served, minified; code.css with the code face's @font-face rules, gras.css and gras-italique.css with the bold's. */
export function pageCss(name: string): string {
  // A page's own bold sheet (gras-1a2b3c4d): the shared one's, its face from the page's own cut.
  const own = OWN_SHEET.exec(name);
  if (own) return fontFaceCss((face) => inBoldSheet(face, own[1]), (face) => cutFile(face, name)) + minifyCss(fs.readFileSync(path.join(PAGE_STYLESHEETS, `${own[1]}.css`), "utf8")) + "\n";
  const faces = name === "code" ? fontFaceCss((face) => face.family === CODE_FAMILY) : name in BOLD_SHEETS ? fontFaceCss((face) => inBoldSheet(face, name)) : "";
  return faces + minifyCss(fs.readFileSync(path.join(PAGE_STYLESHEETS, `${name}.css`), "utf8")) + "\n";
}

/**
 * The bold stylesheets this page's content needs: gras.css where it shows
 * text in Literata's bold upright, gras-italique.css in its bold italic; a
 * sheet of its own (gras-1a2b3c4d.css, gras-italique-…) where that text
 * holds FEW_CHARACTERS or fewer, declaring a cut of the face to them.
 * Read as the fonts are cut: the stylesheets' rules matched against the
 * content (font-usage.ts), the browser's own bold elements (strong, th,
 * h4…) included.
 */
export function boldSheets(content: unknown): string[] {
  const html = String(content ?? "");
  if (!html) return [];
  const css = allCss();
  // Matching the rules costs some 10 ms a page: on disk, keyed by the content, the stylesheets and the code that reads them.
  const code = filesFingerprint([new URL(import.meta.url).pathname, new URL("./font-usage.ts", import.meta.url).pathname]);
  const key = crypto.createHash("sha256").update(css).update("\0").update(html).digest("hex");
  let answer = boldMemo.get(key);
  if (answer === undefined) {
    answer = cachedSync("polices-gras", ["gras", code, key], () => {
      const found = faceCharacters([`<html><body><main>${html}</main></body></html>`], css, webFaces);
      const shown = Object.keys(BOLD_SHEETS).flatMap((sheet) => {
        const chars = [...found.get(faceKey(webFaces.find((face) => inBoldSheet(face, sheet))!))!].sort().join("");
        if (!chars) return [];
        return [[...chars].length <= FEW_CHARACTERS ? ownSheet(sheet, chars) : sheet];
      });
      return shown.join(" ");
    })
      .toString("utf8")
      .split(" ")
      .filter(Boolean);
    boldMemo.set(key, answer);
  }
  return answer;
}
const boldMemo = new Map<string, string[]>();

/** One line in eleventy.config.ts: /assets/css/site.css from the table above (the fonts themselves: writeFonts, after the build). */
export function webFonts(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("feuillesGras", boldSheets);
  eleventyConfig.addTemplate("assets/css/site.njk", "{{ siteCss() | safe }}", {
    permalink: `/${CSS_PATH}`,
    eleventyExcludeFromCollections: true,
    siteCss,
  });
  for (const file of pageStylesheets()) {
    const name = path.basename(file, ".css");
    eleventyConfig.addTemplate(`assets/css/${name}.njk`, "{{ pageCss(feuille) | safe }}", {
      permalink: `/assets/css/${name}.css`,
      eleventyExcludeFromCollections: true,
      pageCss,
      feuille: name,
    });
  }
  eleventyConfig.addWatchTarget(STYLESHEET);
  eleventyConfig.addWatchTarget(PAGE_STYLESHEETS);
}
