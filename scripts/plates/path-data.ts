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
}

/** Writes the operations out with one rounding, tracking the rounded pen position. */
class Writer {
  private parts: string[] = [];
  private x = 0;
  private y = 0;
  /** The last relative command written (l, q, c), which the next one of the same kind may leave implicit. */
  private last = "";

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
    this.raw("M" + this.join([x, y]));
    [this.x, this.y] = [x, y];
  }
  lineTo([px, py]: Vec2): void {
    const [x, y] = [this.round(px), this.round(py)];
    if (this.options.filledOnly && x === this.x && y === this.y) return;
    this.command("l", [x - this.x, y - this.y]);
    [this.x, this.y] = [x, y];
  }
  quadTo([cx, cy]: Vec2, [px, py]: Vec2): void {
    const [qx, qy, x, y] = [cx, cy, px, py].map(this.round);
    this.command("q", [qx - this.x, qy - this.y, x - this.x, y - this.y]);
    [this.x, this.y] = [x, y];
  }
  cubicTo([ax, ay]: Vec2, [bx, by]: Vec2, [px, py]: Vec2): void {
    const v = [ax, ay, bx, by, px, py].map(this.round);
    this.command("c", [v[0] - this.x, v[1] - this.y, v[2] - this.x, v[3] - this.y, v[4] - this.x, v[5] - this.y]);
    [this.x, this.y] = [v[4], v[5]];
  }
  circle([cx, cy]: Vec2, radius: number): void {
    const r = this.round(radius);
    const n = (v: number) => this.n(v);
    this.moveTo([cx - r, cy]);
    this.raw(`a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0`);
    this.x = this.round(cx - r);
  }
  pill(topRight: Vec2, bottomRight: Vec2, radius: number): void {
    const r = this.round(radius);
    const n = (v: number) => this.n(v);
    this.moveTo(topRight);
    this.lineTo(bottomRight);
    this.raw(`a${n(r)} ${n(r)} 0 0 1 ${n(-2 * r)} 0`);
    this.x = this.round(this.x - 2 * r);
    this.lineTo([topRight[0] - 2 * r, topRight[1]]);
    this.raw(`a${n(r)} ${n(r)} 0 0 1 ${n(2 * r)} 0z`);
    this.x = this.round(this.x + 2 * r);
  }
  close(): void {
    this.raw("z");
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
