/**
 * The catalogue of generated plates: key → how it is drawn. What a plate
 * shows is said by the content that uses it (plateCaption/plateAlt).
 *
 * Keys (for templates, `{% plate "key", "web" | "print" %}`, and for chapters' `plate:` front matter):
 *   couverture                         the cover (web home, print cover)
 *   flux, marche, entonnoir, corps,    one per chapter, in reading order
 *   ecrans, norme, cloture, plaine, collectif
 *   vignette-camera, vignette-entonnoir,  the four mini-zine panels
 *   vignette-corps, vignette-collectif
 *   pliage-livret                      /imprimer/: booklet, duplex short edge, fold, staple
 *   pliage-mini-zine                   /imprimer/: one A4 sheet, one cut, folds
 */
import { Sheet } from "./sheet.ts";
import type { PlateSpec } from "./spec.ts";
import { chapterPlates } from "./plates-chapters.ts";
import { coverPlates } from "./plates-cover.ts";
import { vignettePlates } from "./plates-vignettes.ts";
import { foldPlates } from "./plates-folds.ts";

export type { PlateSpec };

export const plates: Record<string, PlateSpec> = {
  ...coverPlates,
  ...chapterPlates,
  ...vignettePlates,
  ...foldPlates,
};

export const plateKeys = Object.keys(plates);

export function isPlateKey(key: string): boolean {
  return Object.hasOwn(plates, key);
}

/** White paper kept around the drawing, as a share of the plate's width. */
const MARGIN = 0.05;

/**
 * A plate's sheet, drawn from its key as seed: same key, same strokes. It is
 * drawn twice: once to measure, once framed in the middle of the paper with
 * the same margin on every plate (the same seed gives the same strokes).
 */
export function drawPlate(key: string): { spec: PlateSpec; sheet: Sheet } {
  const spec = plates[key];
  if (!spec) throw new Error(`planche inconnue « ${key} » : clés connues : ${plateKeys.join(", ")}`);
  const seed = `planche:${key}`;
  const draft = new Sheet(spec.width, spec.height, seed, { ...spec.view });
  spec.draw(draft);
  const { minX, minY, maxX, maxY } = draft.bounds;
  const m = spec.width * MARGIN;
  const k = Math.min((spec.width - 2 * m) / (maxX - minX), (spec.height - 2 * m) / (maxY - minY), 1.3);
  const scale = spec.view.scale * k;
  // Where the drawing's centre lands once scaled about the origin, then moved to the paper's centre.
  const [cx, cy] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const ox = spec.width / 2 - (cx - spec.view.ox) * k;
  const oy = spec.height / 2 - (cy - spec.view.oy) * k;
  const sheet = new Sheet(spec.width, spec.height, seed, { ox, oy, scale });
  spec.draw(sheet);
  return { spec, sheet };
}
