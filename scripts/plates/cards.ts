/**
 * Sharing cards: 1200 × 630 PNG with the page's title and a plate, for
 * Open Graph and Twitter. Text is set as outlines from the project's own
 * fonts (type.ts), so librsvg never falls back to a system font and the
 * bytes are the same on every machine with the same sharp.
 */
import path from "node:path";
import { filesFingerprint } from "../lib/disk-cache.ts";
import { platesFingerprint } from "./fingerprint.ts";
import { INK, PAPER, SPOT } from "./svg.ts";
import { font, textPath, wrap, type Face } from "./type.ts";

/**
 * Palette PNG (line drawings need few tones), low effort. Up to 64 colours, but
 * libimagequant may stop at fewer once the picture is close enough (quality
 * 50): measured on the cover card, the same to the eye at 200 % (PSNR 41 dB
 * against 64 colours), 36 KB instead of 58 KB and 20 ms instead of 50 ms.
 */
const PNG = { compressionLevel: 6, palette: true, colours: 64, quality: 50, dither: 0, effort: 1 } as const;

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface Card {
  title: string;
  /** Small line above the title (the site's name, a chapter number). */
  kicker: string;
  /** The picture, as SVG text: a generated plate (ink as currentColor) or an own SVG. */
  art: string;
  /** The site's address, printed at the bottom. */
  footer: string;
}

/**
 * A picture set in a box of the card, scaled to fit, as an <image> holding
 * the SVG as data (so an own SVG's width, height and ids stay its own); ink
 * drawn as currentColor becomes the card's ink.
 */
function placed(svg: string, x: number, y: number, width: number, height: number): string {
  const inked = svg.replace(/currentColor/g, INK);
  return `<image x="${x}" y="${y}" width="${width}" height="${height}" href="data:image/svg+xml;base64,${Buffer.from(inked).toString("base64")}"/>`;
}

/** Characters a font has no glyph for (a narrow no-break space, say) are set as a plain space. */
function printable(text: string, face: Face): string {
  const f = font(face);
  return [...text].map((c) => (c === "\u202F" || c === "\u00A0" || f.charToGlyphIndex(c) === 0 ? " " : c)).join("");
}

/** Splits only at ordinary spaces, so « guillemets » and ; ! ? stay glued to their words. */
function lines(text: string, size: number, face: Face, width: number): string[] {
  return wrap(text, size, face, width).map((line) => printable(line, face));
}

export function cardSvg({ title, kicker, art, footer }: Card): string {
  const left = 64;
  const textWidth = 500;
  // The largest size at which the title holds in four lines.
  let size = 64;
  let titleLines = lines(title, size, "display", textWidth);
  while (titleLines.length > 4 && size > 36) {
    size -= 4;
    titleLines = lines(title, size, "display", textWidth);
  }
  const lead = size * 1.08;
  const top = 150;
  const titleD = titleLines.map((line, i) => textPath(line, left, top + size + i * lead, size, "display")).join("");
  const kickerD = textPath(printable(kicker.toUpperCase(), "display"), left, 104, 24, "display");
  const footerD = textPath(printable(footer, "displayMedium"), left, CARD_HEIGHT - 64, 24, "displayMedium");
  const picture = placed(art, 596, 30, 580, 570);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${PAPER}"/>` +
    `<path fill="${SPOT}" d="${kickerD}"/><path fill="${INK}" d="${titleD}"/><path fill="#55534e" d="${footerD}"/>` +
    `<path stroke="${SPOT}" stroke-width="4" d="M${left} 124h72"/>${picture}</svg>`
  );
}

/**
 * PNGs already made in this process, by their SVG: the build runs Eleventy a
 * second time once the PDFs exist, and the cards haven't changed since.
 */
const rasterised = new Map<string, Promise<Buffer>>();

function rasterise(svg: string): Promise<Buffer> {
  let png = rasterised.get(svg);
  if (!png) {
    // sharp (libvips) is loaded only when a PNG is really drawn: a build whose cards are all cached never loads it.
    png = import("sharp").then(({ default: sharp }) => sharp(Buffer.from(svg)).png(PNG).toBuffer());
    rasterised.set(svg, png);
  }
  return png;
}

/** What the PNGs' bytes depend on besides their own data (disk cache): the plates' code and fonts, and sharp's version. */
function rendererFingerprint(): string {
  return platesFingerprint() + filesFingerprint([path.join(process.cwd(), "node_modules/sharp/package.json")]);
}

/** Everything a card's PNG is made from (its picture's SVG text included): its cache key. */
export function cardInputs(card: Card): unknown[] {
  return ["carte", rendererFingerprint(), card];
}

/** Everything a plate's PNG is made from (its SVG text: a generated drawing or an own file's bytes): its cache key. */
export function platePngInputs(svg: string, size: { width: number; height: number }, width = 960): unknown[] {
  return ["planche-png", rendererFingerprint(), width, size, svg];
}

export async function renderCard(card: Card): Promise<Buffer> {
  return rasterise(cardSvg(card));
}

/** A plate alone as PNG (the feed's image): ink on paper, `width` pixels wide, from its SVG and its size. */
export async function renderPlatePng(svg: string, size: { width: number; height: number }, width = 960): Promise<Buffer> {
  const height = Math.round((width * size.height) / size.width);
  const page =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="${PAPER}"/>` +
    placed(svg, 0, 0, width, height) +
    `</svg>`;
  return rasterise(page);
}
