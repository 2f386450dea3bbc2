/**
 * The plates in the build, as one Eleventy plugin.
 *
 * A plate is named by the content: a chapter's `plate` (a key of the
 * generated series, or the path of an SVG of the zine's own) with
 * `plateCaption`, `plateAlt`, `plateLegend`; the cover by site.yaml's
 * `cover`. Templates place it with `{% plate use, "web" | "print" %}` where
 * `use` is a chapter's `planche` (computed in chapitres.11tydata.ts), the
 * site's `cover`, or a bare key (an ornament, or a printing diagram).
 *
 * Also here: the sharing card of every page (the `carte` filter; cards are
 * drawn after the build), each plate as PNG and SVG files (the feed's
 * images, the contact sheet's downloads) and the contact sheet's data.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import {
  isPlateKey, plateKeys, plateSpec, plateSvg, readOwnSvg, renderCard, renderPlatePng, cardInputs, platePngInputs, svgSize, type Card, type Variant,
} from "../plates/index.ts";
import { cached } from "../lib/disk-cache.ts";
import { language, typographie, type Language } from "./typography.ts";
import { escapeHtml } from "../lib/escape.ts";
import { picture, imgTag, imagesDir } from "./pictures.ts";
import { sourceFile } from "./zine-folder.ts";
import { ContentError } from "./content-error.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

export const CARDS_DIR = "assets/cartes";
export const PLATES_DIR = "assets/planches";
const PLATE_PNG_WIDTH = 960;

/** How content names a plate: a chapter's `planche`, site.yaml's `cover`, or a bare key. */
export interface PlateUse {
  plate: string;
  caption?: string;
  alt?: string;
  legend?: string[];
  /** The content file that names it (relative paths start from its folder; messages name it). */
  from?: string;
}

/** A plate ready to show: what it is, its words, and where its files are. */
interface Plate {
  /** The file name of its PNG/SVG: the key, or the own SVG's path under images/. */
  id: string;
  key?: string;
  ownFile?: string;
  caption: string;
  alt: string;
  legend: string[];
  kind: string;
}

/** A path, not a key: has a slash or ends with .svg. */
export function isOwnPlate(plate: string): boolean {
  return plate.includes("/") || /\.svg$/i.test(plate);
}

function useOf(source: unknown): PlateUse {
  if (typeof source === "string") return { plate: source };
  if (source && typeof source === "object" && typeof (source as PlateUse).plate === "string") return source as PlateUse;
  return { plate: "" };
}

/** An own plate's file name: its path under images/, made safe ("plans/cour.svg" → "propre-plans-cour"). */
function ownPlateId(file: string): string {
  const name = path.relative(imagesDir(), file).replace(/\.svg$/i, "");
  return `propre-${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}`;
}

/** Every SVG of the zine's images/ folder. */
function ownSvgFiles(): string[] {
  const dir = imagesDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.svg$/i.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

/** Where a plate comes from, checked: a known key, or a readable SVG in images/. Errors name the content file. */
export function resolvePlate(source: unknown): Plate {
  const use = useOf(source);
  const from = use.from ? sourceFile(use.from) : undefined;
  const words = { caption: use.caption ?? "", alt: use.alt ?? "", legend: use.legend ?? [] };
  if (isOwnPlate(use.plate)) {
    const pic = picture(use.plate, from);
    if (!pic.vector) {
      throw new ContentError(from ?? "site.yaml", [`champ « plate » : « ${use.plate} » n’est pas un SVG → une planche est un dessin vectoriel (.svg) ; pour une photo, écrivez ![description](${use.plate}) dans le texte`]);
    }
    try {
      readOwnSvg(pic.file);
    } catch (error) {
      throw new ContentError(from ?? "site.yaml", [`champ « plate » : « ${use.plate} » : ${(error as Error).message} → enregistrez le dessin en SVG depuis votre logiciel (Inkscape : Enregistrer sous… SVG simple)`]);
    }
    return { id: ownPlateId(pic.file), ownFile: pic.file, kind: "propre", ...words };
  }
  if (!isPlateKey(use.plate)) {
    throw new ContentError(from ?? "site.yaml", [`champ « plate » : « ${use.plate} » n’est pas une planche connue → choisissez parmi : ${plateKeys.join(", ")}, ou donnez le chemin d’un SVG du dossier images/ (plate: /images/mon-dessin.svg)`]);
  }
  return { id: use.plate, key: use.plate, kind: plateSpec(use.plate).kind, ...words };
}

/** The plate's SVG for a screen (ink as currentColor) — what cards and PNGs are drawn from. */
function webSvg(plate: Plate): string {
  return plate.ownFile ? fs.readFileSync(plate.ownFile, "utf8") : plateSvg(plate.key!, "web");
}

/** Nunjucks' `this` in a shortcode or filter: the page's data, where the zine says its language. */
type TemplateContext = { ctx?: { site?: { language?: unknown } } } | void;
/** The zine's language, for the typography of a plate's words (French when unknown). */
const langOf = (context: TemplateContext): Language => language(context?.ctx?.site?.language);

function caption(plate: Plate, lang: Language): string {
  const legend = plate.legend.length
    ? `<ol class="planche-legende">${plate.legend.map((item) => `<li>${escapeHtml(typographie(item, lang))}</li>`).join("")}</ol>`
    : "";
  const title = plate.caption ? `<span class="planche-titre">${escapeHtml(typographie(plate.caption, lang))}</span>` : "";
  return title || legend ? `<figcaption>${title}${legend}</figcaption>` : "";
}

/**
 * `{% plate use, "web" %}` / `{% plate use, "print" %}` (optionally
 * `{% plate use, "print", 60 %}`: printed 60 mm wide) — the one way
 * templates place an illustration: a <figure class="planche"> holding the
 * drawing (generated: inline SVG, its alt text as <title> and aria-label, no
 * ids so a plate can appear twice on a page; own: an <img> of the file, grey
 * on paper) and its caption and legend.
 */
export function plateShortcode(this: TemplateContext, source: unknown, variant: Variant = "web", printWidthMm?: number): string {
  const use = useOf(source);
  if (!use.plate) return "";
  const plate = resolvePlate(use);
  const lang = langOf(this);
  let drawing: string;
  if (plate.ownFile) {
    const pic = picture(use.plate, use.from ? sourceFile(use.from) : undefined);
    const img = imgTag(pic, typographie(plate.alt, lang), { lazy: false });
    drawing = variant === "print" ? img.replace(/\ssrc="[^"]*"/, ` src="${pic.printUrl}"`).replace(/\sdata-impression="[^"]*"/, "") : img;
  } else {
    const width = typeof printWidthMm === "number" && printWidthMm > 0 ? printWidthMm : undefined;
    drawing = plateSvg(plate.key!, variant, width, typographie(plate.alt, lang));
  }
  const kind = plate.kind === "schéma" ? "schema" : plate.kind;
  return `<figure class="planche planche-${kind}" data-planche="${escapeHtml(plate.id)}">${drawing}${caption(plate, lang)}</figure>`;
}

/** "/" → "accueil", "/chapitres/flux/" → "chapitres-flux", "/404.html" → "404". */
export function cardSlug(url: string): string {
  const slug = url.replace(/\.html$/, "").replace(/^\/+|\/+$/g, "").replace(/\//g, "-");
  return slug || "accueil";
}

/** At most `count` jobs at once (sharp is fast, the CI has two cores); each call waits for its turn. */
function lanes(count: number): <T>(job: () => Promise<T>) => Promise<T> {
  let free = count;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
const drawingLane = lanes(2);

/**
 * The cards the pages of this build asked for, by slug, each drawn (or read
 * from the disk cache) as soon as a page asks for it: the drawing overlaps the
 * rendering of the next pages, and writeCards, after the build, only waits.
 */
const requested = new Map<string, { key: string; png: Promise<Buffer> }>();

function requestCard(slug: string, card: Card): void {
  const key = JSON.stringify(card);
  if (requested.get(slug)?.key === key) return;
  const png = drawingLane(() => cached("cartes", cardInputs(card), () => renderCard(card)));
  // Awaited (and its error reported) by writeCards; meanwhile a failure is not an unhandled rejection.
  png.catch(() => {});
  requested.set(slug, { key, png });
}

/** `{{ page.url | carte(title, use, kicker, site.url) }}` → the card's URL; the card is drawn after the build. */
export function carte(this: TemplateContext, url: string, title: string, source: unknown, kicker: string, siteUrl: string): string {
  const slug = cardSlug(String(url));
  const footer = new URL(String(siteUrl)).host;
  // Titles may carry Markdown emphasis (*Candide*): a card has no italics to show it with.
  const plain = String(title).replace(/(^|\W)[*_]+|[*_]+(?=\W|$)/g, "$1");
  requestCard(slug, { title: typographie(plain, langOf(this)), art: webSvg(resolvePlate(source)), kicker: String(kicker), footer });
  return `/${CARDS_DIR}/${slug}.png`;
}

/** `{{ use | planche_alt }}`: a plate's alternative text, with French spacing. */
export function plancheAlt(this: TemplateContext, source: unknown): string {
  return typographie(resolvePlate(source).alt, langOf(this));
}

/**
 * A plate's PNG for the feeds: the same bytes every time it is asked for
 * (rasterising is memoised), from the disk cache when its SVG text (a
 * generated drawing, or an own file's bytes) was drawn before.
 */
function platePng(plate: Plate): Promise<Buffer> {
  const svg = webSvg(plate);
  const size = svgSize(svg);
  return cached("planches", platePngInputs(svg, size, PLATE_PNG_WIDTH), () => renderPlatePng(svg, size, PLATE_PNG_WIDTH));
}

/** Byte sizes of the plates' PNGs, by id, drawn before the pages (an RSS enclosure says its length). */
const pngBytes = new Map<string, number>();

/** `{{ use | planche_png_octets }}`: the size in bytes of the plate's PNG. */
export function planchePngOctets(source: unknown): number {
  const plate = resolvePlate(source);
  const bytes = pngBytes.get(plate.id);
  if (bytes === undefined) throw new Error(`planche « ${plate.id} » : PNG pas encore dessiné`);
  return bytes;
}

/** `{{ use | planche_png }}`: the plate's PNG, site-relative. */
export function planchePng(source: unknown): string {
  return `/${PLATES_DIR}/${resolvePlate(source).id}.png`;
}

/**
 * `{{ use | planche_figure(site.url) }}`: the plate as an HTML figure with an
 * absolute PNG, for the feed (readers strip inline SVG and relative URLs).
 */
export function plancheFigure(this: TemplateContext, source: unknown, base: string): string {
  const lang = langOf(this);
  const plate = resolvePlate(source);
  const src = new URL(planchePng(source), String(base)).href;
  const size = svgSize(webSvg(plate));
  const height = Math.round((PLATE_PNG_WIDTH * size.height) / size.width);
  const figcaption = plate.caption ? `<figcaption>${escapeHtml(typographie(plate.caption, lang))}</figcaption>` : "";
  return `<figure><img src="${src}" alt="${escapeHtml(typographie(plate.alt, lang))}" width="${PLATE_PNG_WIDTH}" height="${height}">${figcaption}</figure>`;
}

/** What the contact sheet (/planches/) lists: the generated series. */
export function contactSheet(): { key: string; kind: string; webKb: string; printKb: string; width: number; height: number }[] {
  const kb = (svg: string): string => (Buffer.byteLength(svg) / 1024).toFixed(1).replace(".", ",");
  return plateKeys.map((key) => {
    const print = plateSvg(key, "print");
    // The paper version is shown as its own file (an <img>, fetched when scrolled to): its size, so nothing moves when it arrives.
    const [width, height] = print.match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/)!.slice(1).map(Number);
    return { key, kind: plateSpec(key).kind, webKb: kb(plateSvg(key, "web")), printKb: kb(print), width, height };
  });
}

/**
 * Each plate as files, before any page: every generated plate as SVG for the
 * screen and for paper, and as PNG for the feeds — and every SVG of the
 * zine's images/ folder as PNG too, since any of them may be a chapter's plate.
 */
export async function writePlateFiles(outputDir: string): Promise<number> {
  const dir = path.join(outputDir, PLATES_DIR);
  fs.mkdirSync(dir, { recursive: true });
  pngBytes.clear();
  const writePng = async (plate: Plate): Promise<void> => {
    const png = await platePng(plate);
    fs.writeFileSync(path.join(dir, `${plate.id}.png`), png);
    pngBytes.set(plate.id, png.byteLength);
  };
  const generated = plateKeys.map((key) => async () => {
    fs.writeFileSync(path.join(dir, `${key}.svg`), plateSvg(key, "web"));
    fs.writeFileSync(path.join(dir, `${key}-impression.svg`), plateSvg(key, "print"));
    await writePng({ id: key, key, caption: "", alt: "", legend: [], kind: "" });
  });
  const own = ownSvgFiles().map((file) => async () => {
    try {
      readOwnSvg(file);
    } catch {
      return; // not a drawing a plate can be: said when a chapter names it
    }
    await writePng({ id: ownPlateId(file), ownFile: file, caption: "", alt: "", legend: [], kind: "propre" });
  });
  await Promise.all([...generated, ...own].map((job) => drawingLane(job)));
  return plateKeys.length + own.length;
}

/** Per card file this process wrote, what it was drawn from (`npm start` rewrites only cards that change). */
const cardsWritten = new Map<string, string>();

/**
 * After the pages: the cards they asked for. `incremental` (npm start's
 * rebuilds): a card already written with the same inputs is left as it is.
 */
export async function writeCards(outputDir: string, incremental = false): Promise<number> {
  const dir = path.join(outputDir, CARDS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const cards = [...requested].sort(([a], [b]) => a.localeCompare(b));
  for (const [slug, { key, png }] of cards) {
    const file = path.join(dir, `${slug}.png`);
    if (incremental && cardsWritten.get(file) === key && fs.existsSync(file)) continue;
    fs.writeFileSync(file, await png);
    cardsWritten.set(file, key);
  }
  return cards.length;
}

/** The zine's own SVGs as they are now (paths and bytes): a plate file to redraw when it changes. */
function ownSvgsState(): string {
  const hash = crypto.createHash("sha256");
  for (const file of ownSvgFiles()) hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** Per output folder this process already wrote the plate files into: the own SVGs they were drawn from. */
const platesWritten = new Map<string, string>();

/** One line in eleventy.config.ts: everything the plates need from Eleventy. */
export default function platesPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addShortcode("plate", plateShortcode);
  eleventyConfig.addGlobalData("planches", contactSheet);
  eleventyConfig.addFilter("carte", carte);
  eleventyConfig.addFilter("planche_alt", plancheAlt);
  eleventyConfig.addFilter("planche_png", planchePng);
  eleventyConfig.addFilter("planche_figure", plancheFigure);
  eleventyConfig.addFilter("planche_png_octets", planchePngOctets);
  // Plate files first: pages link to them, and the link check runs after the build.
  eleventyConfig.on("eleventy.before", async ({ directories, incremental }: { directories: { output: string }; incremental: boolean }) => {
    requested.clear();
    // npm start: generated plates depend on no page, so a save rewrites none of them (a code change
    // restarts the build) unless one of the zine's own SVGs changed.
    const own = ownSvgsState();
    if (incremental && platesWritten.get(directories.output) === own) return;
    await writePlateFiles(directories.output);
    platesWritten.set(directories.output, own);
  });
  eleventyConfig.on("eleventy.after", async ({ directories, incremental }: { directories: { output: string }; incremental: boolean }) => {
    await writeCards(directories.output, incremental);
  });
}
