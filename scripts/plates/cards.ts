/**
 * Sharing cards: 1200 × 630 PNG with the page's title and a plate, for
 * Open Graph and Twitter. Text is set as outlines from the project's own
 * fonts (type.ts), so librsvg never falls back to a system font and the
 * bytes are the same on every machine with the same sharp.
 */
import path from "node:path";
import { plateSvg } from "./render.ts";
import { filesFingerprint } from "../lib/disk-cache.ts";
import { platesFingerprint } from "./fingerprint.ts";
import { INK, PAPER, SPOT } from "./svg.ts";
import { font, textPath, wrap, type Face } from "./type.ts";

/** Palette PNG (line drawings need few tones), low effort: a card is ~40 KB and ~0.1 s. */
const PNG = { compressionLevel: 6, palette: true, colours: 64, dither: 0, effort: 1 } as const;

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface Card {
  title: string;
  /** Small line above the title (the site's name, a chapter number). */
  kicker: string;
  plate: string;
  /** The site's address, printed at the bottom. */
  footer: string;
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

export function cardSvg({ title, kicker, plate, footer }: Card): string {
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
  const art = plateSvg(plate, "web").replace("<svg ", `<svg x="596" y="30" width="580" height="570" color="${INK}" `);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${PAPER}"/>` +
    `<path fill="${SPOT}" d="${kickerD}"/><path fill="${INK}" d="${titleD}"/><path fill="#55534e" d="${footerD}"/>` +
    `<path stroke="${SPOT}" stroke-width="4" d="M${left} 124h72"/>${art}</svg>`
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

/** Everything a card's PNG is made from: its cache key. */
export function cardInputs(card: Card): unknown[] {
  return ["carte", rendererFingerprint(), card, plateSvg(card.plate, "web")];
}

/** Everything a plate's PNG is made from: its cache key. */
export function platePngInputs(key: string, width: number): unknown[] {
  return ["planche-png", rendererFingerprint(), width, plateSvg(key, "web")];
}

export async function renderCard(card: Card): Promise<Buffer> {
  return rasterise(cardSvg(card));
}

/** A plate alone as PNG (the feed's image): ink on paper, `width` pixels wide. */
export async function renderPlatePng(key: string, width = 960): Promise<Buffer> {
  const svg = plateSvg(key, "web");
  const [, w, h] = svg.match(/viewBox="0 0 (\d+) (\d+)"/)!.map(Number);
  const height = Math.round((width * h) / w);
  const page =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="${PAPER}"/>` +
    svg.replace("<svg ", `<svg width="${width}" height="${height}" color="${INK}" `) +
    `</svg>`;
  return rasterise(page);
}
