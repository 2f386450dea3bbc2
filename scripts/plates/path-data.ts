/**
 * Compact SVG path data: coordinates rounded to one decimal, relative
 * commands computed from the rounded absolute points (so rounding never
 * drifts), minus signs used as separators. Keeps each plate well under 15 KB.
 */
import type { Vec2 } from "./projection.ts";

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** 0.5 → ".5", -0.5 → "-.5", 3 → "3", -0 → "0". */
export function num(v: number): string {
  const s = String(r1(v) === 0 ? 0 : r1(v));
  return s.replace(/^(-?)0\./, "$1.");
}

function join(values: number[]): string {
  let out = "";
  for (const v of values) {
    const s = num(v);
    out += out === "" || s.startsWith("-") ? s : " " + s;
  }
  return out;
}

export class PathData {
  private parts: string[] = [];
  private x = 0;
  private y = 0;

  moveTo([px, py]: Vec2): this {
    const [x, y] = [r1(px), r1(py)];
    this.parts.push("M" + join([x, y]));
    [this.x, this.y] = [x, y];
    return this;
  }
  lineTo([px, py]: Vec2): this {
    const [x, y] = [r1(px), r1(py)];
    this.parts.push("l" + join([x - this.x, y - this.y]));
    [this.x, this.y] = [x, y];
    return this;
  }
  quadTo([cx, cy]: Vec2, [px, py]: Vec2): this {
    const [qx, qy, x, y] = [r1(cx), r1(cy), r1(px), r1(py)];
    this.parts.push("q" + join([qx - this.x, qy - this.y, x - this.x, y - this.y]));
    [this.x, this.y] = [x, y];
    return this;
  }
  cubicTo([ax, ay]: Vec2, [bx, by]: Vec2, [px, py]: Vec2): this {
    const v = [ax, ay, bx, by, px, py].map(r1);
    this.parts.push("c" + join([v[0] - this.x, v[1] - this.y, v[2] - this.x, v[3] - this.y, v[4] - this.x, v[5] - this.y]));
    [this.x, this.y] = [v[4], v[5]];
    return this;
  }
  /** A full circle as two arcs (filled dots, label discs). */
  circle([cx, cy]: Vec2, radius: number): this {
    const r = r1(radius);
    this.moveTo([cx - r, cy]);
    this.parts.push(`a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`);
    this.x = r1(cx - r);
    return this;
  }
  /** A pill from the top of its right side to the bottom of its right side (r = half width). */
  pill(topRight: Vec2, bottomRight: Vec2, radius: number): this {
    const r = r1(radius);
    this.moveTo(topRight).lineTo(bottomRight);
    this.parts.push(`a${num(r)} ${num(r)} 0 0 1 ${num(-2 * r)} 0`);
    this.x = r1(this.x - 2 * r);
    this.lineTo([topRight[0] - 2 * r, topRight[1]]);
    this.parts.push(`a${num(r)} ${num(r)} 0 0 1 ${num(2 * r)} 0z`);
    this.x = r1(this.x + 2 * r);
    return this;
  }
  close(): this {
    this.parts.push("z");
    return this;
  }
  get empty(): boolean {
    return this.parts.length === 0;
  }
  toString(): string {
    return this.parts.join("");
  }
}
