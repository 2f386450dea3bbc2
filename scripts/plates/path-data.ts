/**
 * Compact SVG path data: coordinates rounded to a step (a tenth of a unit
 * unless told otherwise), relative commands computed from the rounded
 * absolute points (so rounding never drifts), minus signs used as
 * separators. The drawing is kept as absolute points and written out at the
 * step each use needs: paper keeps tenths (its bytes never change), the web
 * pages take a coarser step (see WEB_STEP in svg.ts).
 */
import type { Vec2 } from "./projection.ts";

/** Rounding to `step` units, exactly as tenths were rounded before steps existed (Math.round(v * 10) / 10). */
const rounder = (step: number): ((v: number) => number) => {
  const per = Math.round(1 / step);
  return (v) => Math.round(v * per) / per;
};
const r1 = rounder(0.1);

/** 0.5 → ".5", -0.5 → "-.5", 3 → "3", -0 → "0" (to a tenth, or to `step`). */
export function num(v: number, round = r1): string {
  const r = round(v);
  const s = String(r === 0 ? 0 : r);
  return s.replace(/^(-?)0\./, "$1.");
}

type Op =
  | { kind: "M" | "L"; p: Vec2 }
  | { kind: "Q"; c: Vec2; p: Vec2 }
  | { kind: "C"; a: Vec2; b: Vec2; p: Vec2 }
  | { kind: "circle"; c: Vec2; radius: number }
  | { kind: "pill"; top: Vec2; bottom: Vec2; radius: number }
  | { kind: "z" };

/** How a path is written besides its step: paper keeps the form its bytes always had. */
export interface WriteOptions {
  /**
   * The screen's shorter form, the same points: a command repeated is
   * written once (`q1 2 3 4 5 6 7 8`, as SVG's grammar reads it), and in a
   * path that is only filled, a line that goes nowhere (`l0 0`, from the
   * outlines of the label numbers) is left out (a fill has no cap to draw).
   */
  compact?: boolean;
  filledOnly?: boolean;
  /**
   * How far, in units, the screen's drawing may stray from those points
   * (with `compact`): a curve that bows less than this is written as a line,
   * and a curve whose control point is, within it, the mirror of the one
   * before (a smooth chain: `curve2` draws B-splines, whose control points
   * mirror each other at every joint) as SVG's `t`, its end point alone.
   * Both bounds are exact: a quadratic's point at t is the mix 2t(1−t) of its
   * control, so moving the control by δ moves the curve by at most δ/2.
   */
  tolerance?: number;
}

/**
 * How far a quadratic from `a` to `b` (control `c`) strays from the straight
 * line between its ends, at most. When the control lies across the chord
 * (between the perpendiculars at its ends) the curve runs along the chord,
 * each of its points at 2t(1−t) times the control's distance from it: half
 * that distance at most, and every point of the chord as near to the curve.
 * Otherwise, the distance from the curve to the line that has its control
 * halfway (a straight quadratic), point for point.
 */
export function quadBow(a: Vec2, c: Vec2, b: Vec2): number {
  const [ux, uy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(ux, uy);
  const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  if (length === 0) return Math.hypot(c[0] - mx, c[1] - my) / 2;
  const along = ((c[0] - a[0]) * ux + (c[1] - a[1]) * uy) / length ** 2;
  if (along < 0 || along > 1) return Math.hypot(c[0] - mx, c[1] - my) / 2;
  return Math.abs((c[0] - a[0]) * uy - (c[1] - a[1]) * ux) / length / 2;
}

/** Writes the operations out with one rounding, tracking the rounded pen position. */
class Writer {
  private parts: string[] = [];
  private x = 0;
  private y = 0;
  /** The last relative command written (l, q, c), which the next one of the same kind may leave implicit. */
  private last = "";
  /** The control point of the quadratic just written (absolute, rounded; `t`'s implied one too), which a `t` mirrors. */
  private control?: [number, number];
  /** Where the subpath began: a close (z) takes the pen back there. */
  private start: [number, number] = [0, 0];

  constructor(
    private readonly round: (v: number) => number,
    private readonly options: WriteOptions = {},
  ) {}

  /** A relative command and its numbers; in the compact form, a repeated command goes without its letter. */
  private command(letter: string, values: number[]): void {
    const args = this.join(values);
    if (this.options.compact && letter === this.last) this.parts.push(args.startsWith("-") ? args : " " + args);
    else this.parts.push(letter + args);
    this.last = letter;
  }
  /** Anything else (moves, arcs, closes): the next command writes its letter. */
  private raw(text: string): void {
    this.parts.push(text);
    this.last = "";
    this.control = undefined;
  }

  private join(values: number[]): string {
    let out = "";
    for (const v of values) {
      const s = num(v, this.round);
      out += out === "" || s.startsWith("-") ? s : " " + s;
    }
    return out;
  }
  private n(v: number): string {
    return num(v, this.round);
  }

  moveTo([px, py]: Vec2): void {
    const [x, y] = [this.round(px), this.round(py)];
    const absolute = "M" + this.join([x, y]);
    // The compact form moves from where the pen is when that is shorter (the next stroke often starts close by).
    const relative = "m" + this.join([x - this.x, y - this.y]);
    const moved = this.options.compact && relative.length < absolute.length;
    this.raw(moved ? relative : absolute);
    // After a relative move, SVG reads more pairs as relative lines: a line that follows needs no letter.
    if (moved) this.last = "l";
    [this.x, this.y] = [x, y];
    this.start = [x, y];
  }
  lineTo([px, py]: Vec2): void {
    const [x, y] = [this.round(px), this.round(py)];
    if (this.options.filledOnly && x === this.x && y === this.y) return;
    const [dx, dy] = [x - this.x, y - this.y];
    // The compact form: a horizontal or vertical line as SVG's h or v, one number.
    if (this.options.compact && dy === 0 && dx !== 0) this.command("h", [dx]);
    else if (this.options.compact && dx === 0 && dy !== 0) this.command("v", [dy]);
    else this.command("l", [dx, dy]);
    [this.x, this.y] = [x, y];
    this.control = undefined;
  }
  quadTo([cx, cy]: Vec2, [px, py]: Vec2): void {
    const [qx, qy, x, y] = [cx, cy, px, py].map(this.round);
    const tolerance = this.options.compact ? this.options.tolerance : undefined;
    if (tolerance !== undefined) {
      // The mirror of the control before, close enough: `t` and the end point.
      if (this.control) {
        const mirror: [number, number] = [this.round(2 * this.x - this.control[0]), this.round(2 * this.y - this.control[1])];
        if (Math.hypot(mirror[0] - qx, mirror[1] - qy) / 2 <= tolerance) {
          this.command("t", [x - this.x, y - this.y]);
          [this.x, this.y] = [x, y];
          this.control = mirror;
          return;
        }
      }
      if (quadBow([this.x, this.y], [qx, qy], [x, y]) <= tolerance) return this.lineTo([x, y]);
    }
    this.command("q", [qx - this.x, qy - this.y, x - this.x, y - this.y]);
    [this.x, this.y] = [x, y];
    this.control = [qx, qy];
  }
  cubicTo([ax, ay]: Vec2, [bx, by]: Vec2, [px, py]: Vec2): void {
    const v = [ax, ay, bx, by, px, py].map(this.round);
    this.command("c", [v[0] - this.x, v[1] - this.y, v[2] - this.x, v[3] - this.y, v[4] - this.x, v[5] - this.y]);
    [this.x, this.y] = [v[4], v[5]];
    this.control = undefined;
  }
  /** A half or whole circle's arc to `dx` along the same height; the compact form lets a minus sign part the flags from it. */
  private arc(r: number, flags: string, dx: number): string {
    const n = (v: number) => this.n(v);
    const to = n(dx);
    return `a${n(r)} ${n(r)} 0 ${flags}${this.options.compact && to.startsWith("-") ? "" : " "}${to} 0`;
  }
  circle([cx, cy]: Vec2, radius: number): void {
    const r = this.round(radius);
    this.moveTo([cx - r, cy]);
    this.raw(this.arc(r, "1 0", 2 * r) + this.arc(r, "1 0", -2 * r));
    this.x = this.round(cx - r);
  }
  pill(topRight: Vec2, bottomRight: Vec2, radius: number): void {
    const r = this.round(radius);
    this.moveTo(topRight);
    this.lineTo(bottomRight);
    this.raw(this.arc(r, "0 1", -2 * r));
    this.x = this.round(this.x - 2 * r);
    this.lineTo([topRight[0] - 2 * r, topRight[1]]);
    this.raw(this.arc(r, "0 1", 2 * r) + "z");
    [this.x, this.y] = this.start;
  }
  close(): void {
    this.raw("z");
    [this.x, this.y] = this.start;
  }
  toString(): string {
    return this.parts.join("");
  }
}

/** A copy of a point: callers may reuse their arrays. */
const at = (p: Vec2): Vec2 => [p[0], p[1]];

export class PathData {
  private ops: Op[] = [];

  moveTo(p: Vec2): this {
    this.ops.push({ kind: "M", p: at(p) });
    return this;
  }
  lineTo(p: Vec2): this {
    this.ops.push({ kind: "L", p: at(p) });
    return this;
  }
  quadTo(c: Vec2, p: Vec2): this {
    this.ops.push({ kind: "Q", c: at(c), p: at(p) });
    return this;
  }
  cubicTo(a: Vec2, b: Vec2, p: Vec2): this {
    this.ops.push({ kind: "C", a: at(a), b: at(b), p: at(p) });
    return this;
  }
  /** A full circle as two arcs (filled dots, label discs). */
  circle(c: Vec2, radius: number): this {
    this.ops.push({ kind: "circle", c: at(c), radius });
    return this;
  }
  /** A pill from the top of its right side to the bottom of its right side (r = half width). */
  pill(top: Vec2, bottom: Vec2, radius: number): this {
    this.ops.push({ kind: "pill", top: at(top), bottom: at(bottom), radius });
    return this;
  }
  close(): this {
    this.ops.push({ kind: "z" });
    return this;
  }
  get empty(): boolean {
    return this.ops.length === 0;
  }
  /** The path data, every coordinate rounded to `step` units (a tenth by default); `options`: the screen's shorter form of the same points. */
  toString(step = 0.1, options?: WriteOptions): string {
    const out = new Writer(step === 0.1 ? r1 : rounder(step), options);
    for (const op of this.ops) {
      if (op.kind === "M") out.moveTo(op.p);
      else if (op.kind === "L") out.lineTo(op.p);
      else if (op.kind === "Q") out.quadTo(op.c, op.p);
      else if (op.kind === "C") out.cubicTo(op.a, op.b, op.p);
      else if (op.kind === "circle") out.circle(op.c, op.radius);
      else if (op.kind === "pill") out.pill(op.top, op.bottom, op.radius);
      else out.close();
    }
    return out.toString();
  }
}
