/**
 * A sheet of paper and a felt-tip pen: the vocabulary draws on it in world
 * coordinates, the sheet projects, adds the hand's tremor (seeded), and sorts
 * every stroke into a few layers that become one <path> each. How a layer
 * looks (web ink, riso spot, photocopy black) is decided only when the sheet
 * is written out, by svg.ts.
 */
import { Random } from "./random.ts";
import { PathData } from "./path-data.ts";
import { project, type Vec2, type Vec3, type View } from "./projection.ts";
import { textCommands, textWidth } from "./type.ts";

/**
 * Layers, in painting order.
 * - spotFill: the area of power (the watched ground under a sight cone): a tint on screen, a hatch on paper;
 * - fine: meshes, grids, paving: the fine pen;
 * - line: contours: the felt-tip;
 * - spotFine / spot: the element of power (flows, cones): spot colour on screen, dashes on paper;
 * - figure: things that stand in front (people, label discs): paper inside, felt-tip outline;
 * - ink: solid ink (points of the body, label numbers).
 */
export const LAYERS = ["spotFill", "fine", "line", "spotFine", "spot", "figure", "ink"] as const;
export type Layer = (typeof LAYERS)[number];

const STRAIGHT_TREMOR: Partial<Record<Layer, number>> = { fine: 0.6, line: 1, spotFine: 0.8, spot: 1, figure: 0.5 };

/** Ramer–Douglas–Peucker: keeps the points that bend the line by more than `tolerance`. */
export function simplify(points: Vec2[], tolerance: number): Vec2[] {
  if (points.length < 3) return points;
  const [a, b] = [points[0], points[points.length - 1]];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  let worst = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = Math.abs((b[0] - a[0]) * (a[1] - points[i][1]) - (a[0] - points[i][0]) * (b[1] - a[1])) / len;
    if (d > worst) [worst, index] = [d, i];
  }
  if (worst <= tolerance) return [a, b];
  return [...simplify(points.slice(0, index + 1), tolerance).slice(0, -1), ...simplify(points.slice(index), tolerance)];
}

export class Sheet {
  readonly random: Random;
  readonly paths = new Map<Layer, PathData>();
  /** Screen polygons of the spot areas: filled on screen, hatched on paper. */
  readonly areas: Vec2[][] = [];

  constructor(
    readonly width: number,
    readonly height: number,
    seed: string,
    public view: View,
    /** 0 = ruler-straight, 1 = the usual hand. */
    public tremor = 1,
  ) {
    this.random = new Random(seed);
    for (const layer of LAYERS) this.paths.set(layer, new PathData());
  }

  /** Extent of everything drawn, in screen units: the catalogue frames the plate with it. */
  readonly bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

  private note([x, y]: Vec2, pad = 0): void {
    this.bounds.minX = Math.min(this.bounds.minX, x - pad);
    this.bounds.minY = Math.min(this.bounds.minY, y - pad);
    this.bounds.maxX = Math.max(this.bounds.maxX, x + pad);
    this.bounds.maxY = Math.max(this.bounds.maxY, y + pad);
  }

  p(v: Vec3): Vec2 {
    return project(this.view, v);
  }

  private path(layer: Layer): PathData {
    return this.paths.get(layer)!;
  }

  private jitter([x, y]: Vec2, amount: number): Vec2 {
    return [x + this.random.wobble(amount * this.tremor), y + this.random.wobble(amount * this.tremor)];
  }

  /** One stroke of the pen between two screen points: slight bow, slight overshoot at the ends. */
  stroke2(a: Vec2, b: Vec2, layer: Layer): void {
    const k = (STRAIGHT_TREMOR[layer] ?? 1) * this.tremor;
    this.note(a);
    this.note(b);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len < 0.05) return;
    const [dx, dy] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    // A felt-tip starts a hair early and stops a hair late: corners cross a little.
    const over0 = this.random.range(-0.2, 0.9) * k * Math.min(1, len / 12);
    const over1 = this.random.range(-0.2, 0.9) * k * Math.min(1, len / 12);
    const a2 = this.jitter([a[0] - dx * over0, a[1] - dy * over0], 0.25 * k);
    const b2 = this.jitter([b[0] + dx * over1, b[1] + dy * over1], 0.25 * k);
    const bow = this.random.wobble(Math.min(len * 0.012, 1.4)) * k;
    const mid: Vec2 = [(a2[0] + b2[0]) / 2 - dy * bow, (a2[1] + b2[1]) / 2 + dx * bow];
    const path = this.path(layer).moveTo(a2);
    if (Math.abs(bow) < 0.08 || len < 6) path.lineTo(b2);
    else path.quadTo(mid, b2);
  }

  /** A straight segment in the world. */
  seg(a: Vec3, b: Vec3, layer: Layer = "line"): void {
    this.stroke2(this.p(a), this.p(b), layer);
  }

  /** Straight edges drawn one by one (boxes, frames). */
  edges(points: Vec3[], layer: Layer = "line", closed = false): void {
    for (let i = 0; i + 1 < points.length; i++) this.seg(points[i], points[i + 1], layer);
    if (closed && points.length > 2) this.seg(points[points.length - 1], points[0], layer);
  }

  /** A smooth curve through screen points (quadratic B-spline through the midpoints). */
  curve2(points: Vec2[], layer: Layer, closed = false, jitter = 0.3): void {
    if (points.length < 2) return;
    for (const q of points) this.note(q);
    // Points that add no bend add only bytes.
    const pts = (closed ? points : simplify(points, 0.4)).map((q) => this.jitter(q, jitter));
    const mid = (i: number): Vec2 => {
      const [a, b] = [pts[i % pts.length], pts[(i + 1) % pts.length]];
      return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    };
    const path = this.path(layer);
    if (closed) {
      path.moveTo(mid(pts.length - 1));
      for (let i = 0; i < pts.length; i++) path.quadTo(pts[i], mid(i));
      return;
    }
    path.moveTo(pts[0]);
    if (pts.length === 2) {
      path.lineTo(pts[1]);
      return;
    }
    path.lineTo(mid(0));
    for (let i = 1; i < pts.length - 1; i++) path.quadTo(pts[i], i === pts.length - 2 ? pts[i + 1] : mid(i));
  }

  /** A smooth curve through world points. */
  curve(points: Vec3[], layer: Layer = "line", closed = false, jitter = 0.3): void {
    this.curve2(points.map((q) => this.p(q)), layer, closed, jitter);
  }

  /** A horizontal circle in the world (a tree crown, a ring on the ground): an ellipse on the sheet. */
  ring(center: Vec3, radius: number, layer: Layer = "line", steps = 14): void {
    const start = this.random.range(0, Math.PI * 2);
    const pts: Vec3[] = [];
    for (let i = 0; i < steps; i++) {
      const a = start + (i / steps) * Math.PI * 2;
      const r = radius * (1 + this.random.wobble(0.03 * this.tremor));
      pts.push([center[0] + Math.cos(a) * r, center[1] + Math.sin(a) * r, center[2]]);
    }
    this.curve(pts, layer, true, 0.15);
  }

  /** A ground area that belongs to power (screen polygon from world points). */
  area(points: Vec3[]): void {
    this.areas.push(points.map((q) => this.p(q)));
    for (const q of this.areas[this.areas.length - 1]) this.note(q);
  }

  /** A solid dot of ink (a biometric point, the end of a leader line). */
  dot(v: Vec3 | Vec2, radius = 1.3): void {
    const q = v.length === 3 ? this.p(v as Vec3) : (v as Vec2);
    this.note(q, radius);
    this.path("ink").circle(q, radius);
  }

  /** An outlined, paper-filled closed shape in screen space. */
  figure2(points: Vec2[], smooth = true): void {
    if (smooth) this.curve2(points, "figure", true, 0.1);
    else {
      const path = this.path("figure").moveTo(points[0]);
      for (const q of points.slice(1)) path.lineTo(q);
      path.close();
    }
  }

  /** A pill (a person): paper inside, round ends, sides drawn by hand. */
  pill(top: Vec2, bottom: Vec2, r: number): void {
    this.note(top, r);
    this.note(bottom, r);
    const t = this.jitter(top, 0.2);
    const b = this.jitter(bottom, 0.2);
    this.path("figure").pill([t[0] + r, t[1] + r], [b[0] + r, b[1] - r], r);
  }

  /** A disc of paper with an outline (label discs). */
  disc(q: Vec2, radius: number): void {
    this.note(q, radius);
    this.path("figure").circle(q, radius);
  }

  /** Text set as outlines, centred on (x, y). */
  text(text: string, [x, y]: Vec2, size: number): void {
    const w = textWidth(text, size, "display");
    // Through PathData: relative coordinates keep a numeral to a few dozen bytes.
    const path = this.path("ink");
    for (const c of textCommands(text, x - w / 2, y + size * 0.36, size, "display")) {
      if (c.type === "M") path.moveTo([c.x!, c.y!]);
      else if (c.type === "L") path.lineTo([c.x!, c.y!]);
      else if (c.type === "Q") path.quadTo([c.x1!, c.y1!], [c.x!, c.y!]);
      else if (c.type === "C") path.cubicTo([c.x1!, c.y1!], [c.x2!, c.y2!], [c.x!, c.y!]);
      else path.close();
    }
  }

  /**
   * A numbered label: a leader line from the thing to a small disc holding
   * its number. The legend lives in the plate's caption and alt text.
   */
  label(n: number, target: Vec3, offset: Vec2): void {
    const t = this.p(target);
    const at: Vec2 = [t[0] + offset[0], t[1] + offset[1]];
    const len = Math.hypot(offset[0], offset[1]);
    const r = 6.2;
    const edge: Vec2 = [at[0] - (offset[0] / len) * r, at[1] - (offset[1] / len) * r];
    this.stroke2(t, edge, "fine");
    this.dot(t, 1.1);
    this.disc(at, r);
    this.text(String(n), at, 8.6);
  }
}
