/**
 * The printing instructions of /imprimer/, drawn in the same hand: sheets in
 * axonometric, numbered steps, the spot colour for what you do (cut, staple).
 * Their words (caption, alt text, legend) are in the language tables
 * (imprimer.pliage_* in _data/langues/), given by src/imprimer.njk.
 */
import type { PlateSpec } from "./spec.ts";
import type { Sheet } from "./sheet.ts";
import type { Vec3 } from "./projection.ts";

function diagram(spec: Omit<PlateSpec, "width" | "height" | "printWidthMm" | "kind">): PlateSpec {
  return { width: 480, height: 220, printWidthMm: 100, kind: "schéma", ...spec };
}

/** A flat sheet lying on the table: w along x, d along y, at height z. */
function sheetOfPaper(s: Sheet, x: number, y: number, w: number, d: number, z = 0): void {
  s.edges([[x, y, z], [x + w, y, z], [x + w, y + d, z], [x, y + d, z]], "line", true);
}

/** A stack of sheets: the top one whole, the ones under it only where they show (the near edges). */
function stack(s: Sheet, x: number, y: number, w: number, d: number, count: number): number {
  const gap = 0.16;
  for (let i = 0; i < count - 1; i++) {
    const z = i * gap;
    s.edges([[x + w, y, z], [x + w, y + d, z], [x, y + d, z]], "fine");
  }
  const top = (count - 1) * gap;
  sheetOfPaper(s, x, y, w, d, top);
  return top;
}

/** A curved arrow through the air from a to b. */
function arrow(s: Sheet, a: Vec3, b: Vec3, lift: number, layer: "spot" | "line" = "line"): void {
  const pts: Vec3[] = [];
  for (let i = 0; i <= 10; i++) {
    const t = i / 10;
    pts.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t + Math.sin(Math.PI * t) * lift]);
  }
  s.curve(pts, layer, false, 0.1);
  const [p, q] = [s.p(pts[9]), s.p(pts[10])];
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
  const [dx, dy] = [(q[0] - p[0]) / len, (q[1] - p[1]) / len];
  const head = 7;
  s.stroke2(q, [q[0] - dx * head - dy * head * 0.55, q[1] - dy * head + dx * head * 0.55], layer);
  s.stroke2(q, [q[0] - dx * head + dy * head * 0.55, q[1] - dy * head - dx * head * 0.55], layer);
}

/** An open booklet, spine along y at x, leaves rising at an angle. */
function openBooklet(s: Sheet, x: number, y: number, w: number, d: number, angle: number): Vec3[] {
  const [c, h] = [Math.cos(angle) * w, Math.sin(angle) * w];
  s.edges([[x, y, 0], [x, y + d, 0]], "line");
  s.edges([[x, y, 0], [x - c, y, h], [x - c, y + d, h], [x, y + d, 0]], "line");
  s.edges([[x, y, 0], [x + c, y, h], [x + c, y + d, h], [x, y + d, 0]], "line");
  return [[x, y + d * 0.25, 0], [x, y + d * 0.75, 0]];
}

/** Step k of a diagram sits k steps to the right on the sheet (screen-horizontal is +x −y). */
const STEP = 6.5;
const at = (k: number, x: number, y: number, z = 0): Vec3 => [k * STEP + x, -k * STEP + y, z];

export const foldPlates: Record<string, PlateSpec> = {
  "pliage-livret": diagram({
    view: { ox: 60, oy: 80, scale: 15 },
    draw(s) {
      // 1: the stack, and the flip over its short edge.
      stack(s, -2.1, -1.5, 4.2, 3, 4);
      // Turned over its short edge: the arrow rolls over the sheet from one short side to the other.
      arrow(s, [1.6, -0.2, 0.6], [-1.6, -0.2, 0.6], 1.6, "line");
      arrow(s, at(0, 3, -1.2), at(1, -2.2, 0.8), 0.5);
      // 2: folded in half, open like a book.
      openBooklet(s, ...at(1, 0, -1.5).slice(0, 2) as [number, number], 2.1, 3, 0.6);
      arrow(s, at(1, 2.8, -1.2), at(2, -1.6, 0.8), 0.5);
      // 3: closed, two staples through the fold.
      const [x3, y3] = at(2, 0, -1.5);
      const top = stack(s, x3, y3, 2.1, 3, 3);
      const staples: Vec3[] = [[x3, y3 + 0.8, top], [x3, y3 + 2.2, top]];
      for (const q of staples) s.seg([q[0] + 0.12, q[1] - 0.4, q[2]], [q[0] + 0.12, q[1] + 0.4, q[2]], "spot");
      s.label(1, at(0, -2.1, -1.5, 0.3), [-8, -30]);
      s.label(2, at(1, -1.6, -1.5, 1.2), [-10, -28]);
      s.label(3, staples[0], [-16, -30]);
    },
  }),
  "pliage-mini-zine": diagram({
    view: { ox: 60, oy: 80, scale: 15 },
    draw(s) {
      // 1: the sheet, 4 × 2 panels, the cut in the middle (spot: the one cut to make).
      const [x1, y1] = at(0, -2, -2.8);
      sheetOfPaper(s, x1, y1, 4, 5.6);
      for (const d of [1.4, 2.8, 4.2]) s.seg([x1, y1 + d, 0], [x1 + 4, y1 + d, 0], "fine");
      s.seg([x1 + 2, y1, 0], [x1 + 2, y1 + 1.4, 0], "fine");
      s.seg([x1 + 2, y1 + 4.2, 0], [x1 + 2, y1 + 5.6, 0], "fine");
      s.seg([x1 + 2, y1 + 1.4, 0.01], [x1 + 2, y1 + 4.2, 0.01], "spot");
      arrow(s, at(0, 2.8, -1.2), at(1, -2.4, 0.4), 0.5);
      // 2: folded in two along its length (a strip of four panels); pushing the ends together opens the cut.
      const [x2, y2] = at(1, -1, -2.8);
      sheetOfPaper(s, x2, y2, 2, 5.6, 0.12);
      s.edges([[x2 + 2, y2, 0], [x2 + 2, y2 + 5.6, 0], [x2, y2 + 5.6, 0]], "fine");
      for (const d of [1.4, 4.2]) s.seg([x2, y2 + d, 0.12], [x2 + 2, y2 + d, 0.12], "fine");
      s.seg([x2, y2 + 1.4, 0.13], [x2, y2 + 4.2, 0.13], "spot");
      arrow(s, [x2 + 1, y2 - 1.8, 0.2], [x2 + 1, y2 - 0.4, 0.2], 0.3);
      arrow(s, [x2 + 1, y2 + 7.4, 0.2], [x2 + 1, y2 + 6, 0.2], 0.3);
      arrow(s, at(1, 2.4, -1.2), at(2, -1.4, 0.6), 0.5);
      // 3: the little booklet.
      const [x3, y3] = at(2, -0.7, -1);
      stack(s, x3, y3, 1.4, 2, 3);
      s.label(1, [x1 + 2, y1 + 2.8, 0], [-10, -36]);
      s.label(2, [x2, y2 + 2.8, 0.12], [-20, -30]);
      s.label(3, [x3, y3, 0.16], [-12, -26]);
    },
  }),
};
