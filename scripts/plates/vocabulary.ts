/**
 * The vocabulary of the plates: a few spatial figures, each one drawn the
 * same way on every plate so the series reads as one hand. World units: one
 * paving stone ≈ one unit; a person is 1.7 units tall.
 */
import type { Sheet } from "./sheet.ts";
import type { Vec2, Vec3 } from "./projection.ts";

/** Height of the ground at (x, y): flat, or sunk by wells. */
export type Surface = (x: number, y: number) => number;

export const flat: Surface = () => 0;

export interface Well {
  x: number;
  y: number;
  /** Depth A and width σ of z = −A·exp(−r²/σ²). */
  depth: number;
  sigma: number;
}

/** A surface that pulls everything toward one point (a well). */
export function wells(list: Well[]): Surface {
  return (x, y) => list.reduce((z, w) => z - w.depth * Math.exp(-((x - w.x) ** 2 + (y - w.y) ** 2) / w.sigma ** 2), 0);
}

export interface GridOptions {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  step?: number;
  surface?: Surface;
  /** Points per line when the surface bends. */
  samples?: number;
  /** Draw the edge of the plane with the felt-tip. */
  edge?: boolean;
}

/** An N×N ground plane, optionally sunk by wells. */
export function groundGrid(s: Sheet, { x0, y0, x1, y1, step = 1, surface = flat, samples = 14, edge = true }: GridOptions): void {
  const bent = surface !== flat;
  const line = (a: Vec2, b: Vec2, layer: "fine" | "line"): void => {
    if (!bent) {
      s.seg([a[0], a[1], 0], [b[0], b[1], 0], layer);
      return;
    }
    const pts: Vec3[] = [];
    for (let i = 0; i <= samples; i++) {
      const [x, y] = [a[0] + ((b[0] - a[0]) * i) / samples, a[1] + ((b[1] - a[1]) * i) / samples];
      pts.push([x, y, surface(x, y)]);
    }
    s.curve(pts, layer, false, 0.2);
  };
  const nx = Math.round((x1 - x0) / step);
  const ny = Math.round((y1 - y0) / step);
  for (let i = 0; i <= nx; i++) {
    const x = x0 + i * step;
    line([x, y0], [x, y1], edge && (i === 0 || i === nx) ? "line" : "fine");
  }
  for (let j = 0; j <= ny; j++) {
    const y = y0 + j * step;
    line([x0, y], [x1, y], edge && (j === 0 || j === ny) ? "line" : "fine");
  }
}

export interface BlockOptions {
  x: number;
  y: number;
  w: number;
  d: number;
  h: number;
  z?: number;
  /** Floor lines on the two visible faces, every `floors` units. */
  floors?: number;
}

/** A street block or a building as an extruded box: only its visible edges, like a quick drawing. */
export function block(s: Sheet, { x, y, w, d, h, z = 0, floors }: BlockOptions): void {
  const t = z + h;
  s.edges([[x, y, t], [x + w, y, t], [x + w, y + d, t], [x, y + d, t]], "line", true);
  s.seg([x + w, y, z], [x + w, y, t]);
  s.seg([x + w, y + d, z], [x + w, y + d, t]);
  s.seg([x, y + d, z], [x, y + d, t]);
  s.seg([x + w, y, z], [x + w, y + d, z]);
  s.seg([x, y + d, z], [x + w, y + d, z]);
  if (floors) {
    for (let f = z + floors; f < t - 0.2; f += floors) {
      s.seg([x + w, y, f], [x + w, y + d, f], "fine");
      s.seg([x, y + d, f], [x + w, y + d, f], "fine");
    }
  }
}

export interface PoleOptions {
  x: number;
  y: number;
  h?: number;
  /** Direction the camera looks, in radians on the ground (0 = +x). */
  dir: number;
  kind?: "box" | "dome";
  z?: number;
}

/**
 * A camera pole: a white mast (two close lines, it looks like a street lamp),
 * an arm, a box or dome camera. Returns the lens.
 */
export function pole(s: Sheet, { x, y, h = 4.2, dir, kind = "box", z = 0 }: PoleOptions): Vec3 {
  const top: Vec3 = [x, y, z + h];
  const t = 0.07;
  s.seg([x - t, y + t, z], [x - t, y + t, z + h], "line");
  s.seg([x + t, y - t, z], [x + t, y - t, z + h + 0.05], "line");
  s.ring([x, y, z], 0.22, "fine", 8);
  const [cx, cy] = [Math.cos(dir), Math.sin(dir)];
  const armEnd: Vec3 = [x + cx * 0.7, y + cy * 0.7, z + h];
  s.seg(top, armEnd, "line");
  if (kind === "dome") {
    const q = s.p(armEnd);
    s.curve2([[q[0] - 4, q[1]], [q[0] - 3.4, q[1] + 3.6], [q[0], q[1] + 5.4], [q[0] + 3.4, q[1] + 3.6], [q[0] + 4, q[1]]], "line", false, 0.1);
    s.seg(armEnd, [armEnd[0], armEnd[1], armEnd[2]], "line");
    return [armEnd[0], armEnd[1], armEnd[2] - 0.3];
  }
  // A box camera: a small oriented box hanging under the arm, pointing along dir.
  const [px, py] = [-cy, cx];
  const L = 0.75;
  const W = 0.16;
  const H = 0.28;
  const base: Vec3 = [armEnd[0] - cx * 0.25, armEnd[1] - cy * 0.25, armEnd[2] - 0.05];
  const corner = (l: number, w: number, hh: number): Vec3 => [base[0] + cx * l + px * w, base[1] + cy * l + py * w, base[2] - hh];
  const c = [corner(0, -W, 0), corner(L, -W, 0), corner(L, W, 0), corner(0, W, 0), corner(0, -W, H), corner(L, -W, H), corner(L, W, H), corner(0, W, H)];
  s.edges([c[0], c[1], c[2], c[3]], "line", true);
  s.edges([c[4], c[5], c[6], c[7]], "line", true);
  for (let i = 0; i < 4; i++) s.seg(c[i], c[i + 4], "line");
  return corner(L + 0.05, 0, H / 2);
}

export interface FanOptions {
  dir: number;
  spread: number;
  reach: number;
  near?: number;
  surface?: Surface;
  /** Number of rays drawn from the lens. */
  rays?: number;
  /** Draw the cone's two side edges from the lens (off when many fans overlap). */
  edges?: boolean;
}

/** The sight cone, drawn as a fan on the ground: the watched zone is the area of power. */
export function sightFan(s: Sheet, lens: Vec3, { dir, spread, reach, near = 0.6, surface = flat, rays = 2, edges = true }: FanOptions): Vec3[] {
  const [x, y] = lens;
  const arc = (r: number, n: number): Vec3[] => {
    const pts: Vec3[] = [];
    for (let i = 0; i <= n; i++) {
      const a = dir - spread / 2 + (spread * i) / n;
      const [px, py] = [x + Math.cos(a) * r, y + Math.sin(a) * r];
      pts.push([px, py, surface(px, py) + 0.02]);
    }
    return pts;
  };
  const far = arc(reach, 10);
  const close = arc(near, 3);
  s.area([...close, ...far.reverse()]);
  far.reverse();
  s.curve(far, "spot", false, 0.15);
  if (edges) {
    s.seg(lens, far[0], "spotFine");
    s.seg(lens, far[far.length - 1], "spotFine");
  }
  // A camera tilted down can't see its own foot: the watched ground is a band, its near edge drawn too.
  if (near > 1) {
    s.curve(close, "spotFine", false, 0.15);
    if (edges) {
      s.seg(lens, close[0], "spotFine");
      s.seg(lens, close[close.length - 1], "spotFine");
    }
  }
  for (let i = 1; i <= rays; i++) s.seg(lens, far[Math.round((i * (far.length - 1)) / (rays + 1))], "spotFine");
  return far;
}

/** A plane tree: a trunk and a round crown, the circle of a child's drawing or of a plan. */
export function tree(s: Sheet, x: number, y: number, h = 2.6, r = 1.1): void {
  const top = s.p([x, y, h]);
  const R = r * s.view.scale * 0.8;
  s.seg([x, y, 0], [x, y, h - r * 0.8], "line");
  const pts: Vec2[] = [];
  for (let i = 0; i < 11; i++) {
    const a = (i / 11) * Math.PI * 2;
    const rr = R * (1 + s.random.wobble(0.05));
    pts.push([top[0] + Math.cos(a) * rr, top[1] + Math.sin(a) * rr]);
  }
  // Paper inside: the crown stands in front of what is behind it.
  s.figure2(pts);
}

/** A pill-shaped person, standing (or sitting, shorter). Paper inside: it stands in front of the grid. */
export function person(s: Sheet, x: number, y: number, { h = 1.7, z = 0 }: { h?: number; z?: number } = {}): Vec2 {
  const feet = s.p([x, y, z]);
  const head = s.p([x, y, z + h]);
  s.pill(head, feet, 0.2 * s.view.scale);
  return head;
}

/**
 * A bench with armrests all along the seat: you can sit on it, not lie down.
 * Runs along +x when `alongX`, else along +y.
 */
export function bench(s: Sheet, x: number, y: number, len: number, alongX = true, dividers = true): void {
  const at = (l: number, w: number, z: number): Vec3 => (alongX ? [x + l, y + w, z] : [x + w, y + l, z]);
  const seat = 0.45;
  s.edges([at(0, 0, seat), at(len, 0, seat), at(len, 0.45, seat), at(0, 0.45, seat)], "line", true);
  for (const l of [0.15, len - 0.15]) {
    s.seg(at(l, 0.05, 0), at(l, 0.05, seat), "line");
    s.seg(at(l, 0.4, 0), at(l, 0.4, seat), "line");
  }
  if (!dividers) return;
  for (let l = 0; l <= len + 0.01; l += len / 3) {
    s.edges([at(l, 0.05, seat), at(l, 0.05, seat + 0.35), at(l, 0.4, seat + 0.35), at(l, 0.4, seat)], "line");
  }
}

/** A paving grid: the square's ground, finer than the city grid. */
export function paving(s: Sheet, x0: number, y0: number, x1: number, y1: number, step = 0.5): void {
  groundGrid(s, { x0, y0, x1, y1, step, edge: true });
}

/** A curve sliding down a surface, spiralling into a sink: a flow drained to the control room. */
export function drain(s: Sheet, from: Vec3, sink: Vec3, surface: Surface, swirl: number, layer: "spot" | "spotFine" = "spotFine", lift = 0.04): void {
  const [dx, dy] = [from[0] - sink[0], from[1] - sink[1]];
  const r0 = Math.hypot(dx, dy);
  const a0 = Math.atan2(dy, dx);
  const pts: Vec3[] = [];
  const n = 12;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const r = r0 * (1 - t) ** 1.25;
    const a = a0 + swirl * t;
    const [x, y] = [sink[0] + Math.cos(a) * r, sink[1] + Math.sin(a) * r];
    const z = i === 0 ? from[2] : i === n ? sink[2] : Math.max(surface(x, y) + lift, sink[2]);
    pts.push([x, y, i === 1 ? (from[2] + z) / 2 : z]);
  }
  s.curve(pts, layer, false, 0.15);
}

/** A flow through the air from a source to a point: a cubic curve lifted by `lift`. */
export function arcFlow(s: Sheet, a: Vec3, b: Vec3, lift: number, layer: "spot" | "spotFine" | "fine" = "spotFine", bend = 0): void {
  const c1: Vec3 = [a[0] + (b[0] - a[0]) * 0.25 + bend, a[1] + (b[1] - a[1]) * 0.25 - bend, a[2] + lift];
  const c2: Vec3 = [a[0] + (b[0] - a[0]) * 0.75, a[1] + (b[1] - a[1]) * 0.75, b[2] + lift * 0.5];
  const pts: Vec3[] = [];
  const n = 12;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const m = 1 - t;
    pts.push([0, 1, 2].map((k) => m ** 3 * a[k] + 3 * m * m * t * c1[k] + 3 * m * t * t * c2[k] + t ** 3 * b[k]) as unknown as Vec3);
  }
  s.curve(pts, layer, false, 0.15);
}

export interface WallOptions {
  x: number;
  y: number;
  z?: number;
  cols: number;
  rows: number;
  cw?: number;
  ch?: number;
  gap?: number;
  /** The wall runs along +x (faces +y) when true, else along +y (faces +x). */
  alongX?: boolean;
  /** Screens that show something (a figure, a horizon), by index. */
  busy?: (i: number, j: number) => "figure" | "horizon" | "cross" | null;
}

/** The screen wall of a control room: a grid of small rectangles. Returns the screens' centres. */
export function screenWall(s: Sheet, { x, y, z = 0.8, cols, rows, cw = 0.9, ch = 0.6, gap = 0.12, alongX = true, busy }: WallOptions): Vec3[] {
  const at = (u: number, v: number): Vec3 => (alongX ? [x + u, y, z + v] : [x, y + u, z + v]);
  const W = cols * cw + (cols + 1) * gap;
  const H = rows * ch + (rows + 1) * gap;
  s.edges([at(0, 0), at(W, 0), at(W, H), at(0, H)], "line", true);
  const centres: Vec3[] = [];
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rows; j++) {
      const u = gap + i * (cw + gap);
      const v = gap + j * (ch + gap);
      s.edges([at(u, v), at(u + cw, v), at(u + cw, v + ch), at(u, v + ch)], "fine", true);
      const c = at(u + cw / 2, v + ch / 2);
      centres.push(c);
      const what = busy?.(i, j);
      if (what === "horizon") s.seg(at(u + 0.1, v + ch * 0.35), at(u + cw - 0.1, v + ch * 0.45), "fine");
      if (what === "figure") s.dot(at(u + cw * 0.5, v + ch * 0.5), 0.9);
      if (what === "cross") {
        s.seg(at(u + 0.12, v + 0.1), at(u + cw - 0.12, v + ch - 0.1), "fine");
        s.seg(at(u + 0.12, v + ch - 0.1), at(u + cw - 0.12, v + 0.1), "fine");
      }
    }
  }
  return centres;
}

/** A funnel drawn as a polar grid: rings that sink toward the centre, spokes that run down the slope. */
export function funnelGrid(s: Sheet, cx: number, cy: number, { radius, rings, spokes, surface }: { radius: number; rings: number; spokes: number; surface: Surface }): void {
  for (let i = 1; i <= rings; i++) {
    const r = (radius * i) / rings;
    const pts: Vec3[] = [];
    const n = 22;
    for (let k = 0; k < n; k++) {
      const a = (k / n) * Math.PI * 2;
      const [x, y] = [cx + Math.cos(a) * r, cy + Math.sin(a) * r];
      pts.push([x, y, surface(x, y)]);
    }
    s.curve(pts, i === rings ? "line" : "fine", true, 0.15);
  }
  for (let k = 0; k < spokes; k++) {
    const a = (k / spokes) * Math.PI * 2 + 0.1;
    const pts: Vec3[] = [];
    for (let i = 0; i <= 12; i++) {
      const r = 0.15 + ((radius - 0.15) * i) / 12;
      const [x, y] = [cx + Math.cos(a) * r, cy + Math.sin(a) * r];
      pts.push([x, y, surface(x, y)]);
    }
    s.curve(pts, "fine", false, 0.15);
  }
}

/** A flat ring of pill people (a gathering), returned in painting order. */
export function gathering(s: Sheet, cx: number, cy: number, r: number, count: number): void {
  const spots: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = (i / count) * Math.PI * 2 + s.random.wobble(0.08);
    const rr = r + s.random.wobble(0.25);
    spots.push([cx + Math.cos(a) * rr, cy + Math.sin(a) * rr]);
  }
  spots.sort((p, q) => p[0] + p[1] - (q[0] + q[1]));
  for (const [x, y] of spots) person(s, x, y, { h: 1.6 + s.random.wobble(0.15) });
}
