/**
 * The plates module's one entry point. A plate is either a drawing of the
 * generated series (a key of the catalogue, drawn by code, pure and seeded,
 * so results are memoised) or an SVG file of the zine's own. Either way the
 * words that go with it (caption, alt text, legend) come from the content.
 */
import fs from "node:fs";
import colorNames from "color-name";
import { drawPlate, plates, plateKeys, isPlateKey } from "./catalogue.ts";
import { toSvg, type Variant } from "./svg.ts";
import type { PlateSpec } from "./spec.ts";
import { platesFingerprint } from "./fingerprint.ts";
import { cachedSync } from "../lib/disk-cache.ts";

export type { Variant } from "./svg.ts";
export type { PlateSpec } from "./spec.ts";
export { plateKeys, isPlateKey };
export { renderCard, renderPlatePng, cardSvg, cardInputs, platePngInputs, CARD_WIDTH, CARD_HEIGHT, type Card } from "./cards.ts";
export { INK, PAPER, SPOT } from "./svg.ts";

const memo = new Map<string, string>();
/** Each key drawn once per process: its variants (screen, paper, a print width, an alt text) are views of one drawing. */
const drawings = new Map<string, ReturnType<typeof drawPlate>>();
function drawing(key: string): ReturnType<typeof drawPlate> {
  let drawn = drawings.get(key);
  if (!drawn) drawings.set(key, (drawn = drawPlate(key)));
  return drawn;
}

/**
 * A generated plate as SVG. `alt`: its alternative text (empty: an ornament,
 * hidden from screen readers). `printWidthMm`: how wide the plate is printed,
 * when the print edition knows better than the catalogue's default (the
 * smallest place it is used); print stroke widths are computed from it so
 * none falls under 0.25 pt.
 */
export function plateSvg(key: string, variant: Variant = "web", printWidthMm?: number, alt = ""): string {
  const id = `${key}:${variant}:${printWidthMm ?? ""}:${alt}`;
  let svg = memo.get(id);
  if (svg === undefined) {
    // Drawing is the costly part of a site build: on disk, keyed by the plates' code and fonts.
    svg = cachedSync("planches-svg", [platesFingerprint(), id], () => {
      const { spec, sheet } = drawing(key);
      return toSvg(sheet, { variant, title: alt, printWidthMm: printWidthMm ?? spec.printWidthMm });
    }).toString("utf8");
    memo.set(id, svg);
  }
  return svg;
}

export function plateSpec(key: string): PlateSpec {
  const spec = plates[key];
  if (!spec) throw new Error(`planche inconnue « ${key} »`);
  return spec;
}

/** A plate's drawing area: the SVG's viewBox (its corner `x`, `y` and size), else 0 0 and its width and height. */
export function svgSize(svg: string): { x: number; y: number; width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  const box = /\bviewBox\s*=\s*["']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(root);
  if (box) return { x: Number(box[1]), y: Number(box[2]), width: Number(box[3]), height: Number(box[4]) };
  const length = (name: string): number => Number(new RegExp(`\\b${name}\\s*=\\s*["']\\s*([\\d.]+)`, "i").exec(root)?.[1] ?? 0);
  return { x: 0, y: 0, width: length("width"), height: length("height") };
}

/** An own SVG file, checked: a readable SVG with a size. Returns its text. */
export function readOwnSvg(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  if (!/<svg\b/i.test(text)) throw new Error("ce n’est pas un fichier SVG");
  const { width, height } = svgSize(text);
  if (!(width > 0 && height > 0)) throw new Error("le SVG n’a ni viewBox ni largeur et hauteur");
  return text;
}


function grey(r: number, g: number, b: number): string {
  // Rec. 709 luma: how bright the colour looks, as one grey.
  const y = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const hex = Math.max(0, Math.min(255, y)).toString(16).padStart(2, "0");
  return `#${hex}${hex}${hex}`;
}

/**
 * The same SVG with every colour turned into its grey (paper is printed in
 * one ink): hex, rgb() and named colours, in attributes and in styles.
 */
export function greySvg(svg: string): string {
  return svg
    .replace(/#([0-9a-f]{6}|[0-9a-f]{3})\b/gi, (_, hex: string) => {
      const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
      return grey(parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16));
    })
    .replace(/rgba?\(\s*([\d.]+%?)\s*,?\s*([\d.]+%?)\s*,?\s*([\d.]+%?)/gi, (_, ...channels: string[]) => {
      const [r, g, b] = channels.slice(0, 3).map((c) => (c.endsWith("%") ? (parseFloat(c) * 255) / 100 : parseFloat(c)));
      const value = grey(r, g, b);
      return `rgb(${[1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)).join(",")}`;
    })
    .replace(/((?:fill|stroke|stop-color|flood-color|lighting-color|color)\s*[:=]\s*["']?)([a-z]+)\b/gi, (whole, lead: string, name: string) => {
      // CSS's named colours (red, sienna…), from the color-name table.
      const rgb = (colorNames as Record<string, [number, number, number]>)[name.toLowerCase()];
      return rgb ? lead + grey(...rgb) : whole;
    });
}
