/**
 * Writing a sheet out as SVG, for the screen or for paper.
 *
 * Screen: ink is `currentColor` (dark mode follows the page), the spot colour
 * is a presentation attribute that site.css overrides with var(--spot); no
 * style attribute, no <style>: the site's CSP forbids inline styles.
 *
 * Paper: pure black, so a photocopier keeps everything; the spot colour turns
 * into dashes (lines) and a hatch (areas); every width is computed from the
 * printed width of the plate so no stroke is finer than 0.25 pt.
 * Paper classes for the riso edition's two drums (print/encres.css decides
 * what each drum shows; CSS overrides presentation attributes): `pl-ton`, the
 * spot lines (dashed by default, solid on the pink drum); `pl-hachure`, the
 * hatch (one-colour editions only); `pl-teinte`, the spot areas as one shape
 * for a tint (display="none" unless the pink drum shows it); `pl-figure`,
 * what stands in front (paper on the pink drum too).
 */
import { LAYERS, type Layer, type Sheet } from "./sheet.ts";
import { PathData, num } from "./path-data.ts";
import type { Vec2 } from "./projection.ts";
import { escapeHtml } from "../lib/escape.ts";

export type Variant = "web" | "print";

export const INK = "#141414";
export const SPOT = "#c2185b";
export const PAPER = "#fbfaf6";

/** Web widths, in viewBox units (plates are 480 units wide, shown about 576 px wide). */
const WEB_WIDTH: Record<Exclude<Layer, "spotFill" | "ink">, number> = { fine: 0.7, line: 1.25, spotFine: 0.8, spot: 1.5, figure: 1.1 };
/** Print widths in points: felt-tip 0.5 pt, fine pen 0.3 pt — never under the 0.25 pt floor. */
export const PRINT_PT: Record<Exclude<Layer, "spotFill" | "ink"> | "hatch", number> = { fine: 0.3, line: 0.55, spotFine: 0.35, spot: 0.65, figure: 0.5, hatch: 0.3 };
export const MIN_PRINT_PT = 0.25;
const MM_TO_PT = 72 / 25.4;
/**
 * The screen's coordinates, in viewBox units, per layer. A pen line to the
 * unit: a unit is about 0.7 CSS px on a phone (a 480-unit plate some 340 px
 * wide), within the wobble the hand already gives them, and the lines look the same at 3×
 * (screenshots compared); the label discs and the numbers in them (shapes
 * that must close exactly) keep tenths, as paper keeps tenths everywhere.
 * A chapter's plate is about a third lighter.
 */
export const WEB_STEP: Record<Layer, number> = { spotFill: 1, fine: 1, line: 1, spotFine: 1, spot: 1, figure: 0.1, ink: 0.1 };

/**
 * How far, in viewBox units, the screen's paths may stray from the points
 * rounded to WEB_STEP (path-data.ts: a curve that bows less is written as a
 * line, a control point that mirrors the one before is implied): half a
 * unit, what rounding to the unit already moves a point by along each axis;
 * 0,6 CSS px where a page shows a plate largest (480 units in 36rem, 576 px),
 * under a pixel in the feed's 960 px PNG too. The numbers in the label discs
 * stray by no more than their step, a tenth.
 */
export const WEB_TOLERANCE: Record<Layer, number> = { spotFill: 0.5, fine: 0.5, line: 0.5, spotFine: 0.5, spot: 0.5, figure: 0.5, ink: 0.1 };
/** How the screen writes a layer's path: compact, within its tolerance (a fill has no cap: a line that goes nowhere is left out). */
export const webWriting = (layer: Layer) => ({ compact: true, filledOnly: layer === "ink" || layer === "spotFill", tolerance: WEB_TOLERANCE[layer] });


/** Hatch lines at 45° clipped to a polygon (even-odd), for the spot areas on paper. */
export function hatch(polygon: Vec2[], spacing: number): [Vec2, Vec2][] {
  const n: Vec2 = [Math.SQRT1_2, Math.SQRT1_2];
  const d: Vec2 = [Math.SQRT1_2, -Math.SQRT1_2];
  const dots = polygon.map((q) => q[0] * n[0] + q[1] * n[1]);
  const lines: [Vec2, Vec2][] = [];
  const lo = Math.ceil(Math.min(...dots) / spacing) * spacing;
  for (let c = lo; c <= Math.max(...dots); c += spacing) {
    const hits: Vec2[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const [a, b] = [polygon[i], polygon[(i + 1) % polygon.length]];
      const [da, db] = [dots[i] - c, dots[(i + 1) % polygon.length] - c];
      if ((da < 0 && db >= 0) || (db < 0 && da >= 0)) {
        const t = da / (da - db);
        hits.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      }
    }
    hits.sort((p, q) => p[0] * d[0] + p[1] * d[1] - (q[0] * d[0] + q[1] * d[1]));
    for (let i = 0; i + 1 < hits.length; i += 2) lines.push([hits[i], hits[i + 1]]);
  }
  return lines;
}

export interface SvgOptions {
  variant: Variant;
  /** The alt text; empty for a plate that is only an ornament (hidden from screen readers). */
  title: string;
  /** Width of the plate on paper, for the print widths. */
  printWidthMm: number;
}

export function toSvg(sheet: Sheet, { variant, title, printWidthMm }: SvgOptions): string {
  const unitsPerPt = sheet.width / (printWidthMm * MM_TO_PT);
  const w = (pt: number): string => num(Math.max(pt, MIN_PRINT_PT) * unitsPerPt + 0.05);
  const print = variant === "print";
  const ink = print ? "#000" : "currentColor";
  // Screen: fewer characters, within WEB_TOLERANCE of the same points (path-data.ts); paper keeps its bytes.
  const path = (d: PathData, layer: Layer): string => (print ? d.toString() : d.toString(WEB_STEP[layer], webWriting(layer)));
  const out: string[] = [];

  // The spot areas: a riso-like tint on screen, a hatch on paper.
  if (sheet.areas.length) {
    if (print) {
      const d = new PathData();
      for (const area of sheet.areas) for (const [a, b] of hatch(area, 1.5 * (sheet.width / printWidthMm))) d.moveTo(a).lineTo(b);
      if (!d.empty) out.push(`<path class="pl-hachure" stroke-width="${w(PRINT_PT.hatch)}" d="${d}"/>`);
      const shape = new PathData();
      for (const area of sheet.areas) {
        shape.moveTo(area[0]);
        for (const q of area.slice(1)) shape.lineTo(q);
        shape.close();
      }
      out.push(`<path class="pl-teinte" display="none" fill="#000" stroke="none" d="${shape}"/>`);
    } else {
      const d = new PathData();
      for (const area of sheet.areas) {
        d.moveTo(area[0]);
        for (const q of area.slice(1)) d.lineTo(q);
        d.close();
      }
      out.push(`<path class="pl-spot-fill" fill="${SPOT}" fill-opacity=".13" stroke="none" d="${path(d, "spotFill")}"/>`);
    }
  }

  for (const layer of LAYERS) {
    const d = sheet.paths.get(layer)!;
    if (d.empty || layer === "spotFill") continue;
    if (layer === "ink") {
      out.push(`<path fill="${ink}" stroke="none" d="${path(d, layer)}"/>`);
      continue;
    }
    const isSpot = layer === "spot" || layer === "spotFine";
    const width = print ? w(PRINT_PT[layer]) : num(WEB_WIDTH[layer]);
    let attrs = `stroke-width="${width}"`;
    if (isSpot && print) {
      const dash = layer === "spot" ? [2.4, 1.6] : [1.6, 1.4];
      attrs = `class="pl-ton" ${attrs} stroke-dasharray="${dash.map((pt) => num(pt * unitsPerPt)).join(" ")}"`;
    } else if (isSpot) attrs = `class="pl-spot" stroke="${SPOT}" ` + attrs;
    if (layer === "figure") attrs = (print ? `class="pl-figure" fill="#fff" ` : `class="pl-paper" fill="${PAPER}" `) + attrs;
    out.push(`<path ${attrs} d="${path(d, layer)}"/>`);
  }

  const t = escapeHtml(title);
  // On screen the <title> names the image (SVG-AAM), its text not written twice; the print documents keep both as they were.
  const described = t ? (print ? `role="img" aria-label="${t}"` : `role="img"`) : `aria-hidden="true"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${sheet.width} ${sheet.height}" ${described} class="planche-svg" ` +
    `fill="none" stroke="${ink}" stroke-linecap="round" stroke-linejoin="round">${t ? `<title>${t}</title>` : ""}${out.join("")}</svg>`
  );
}
