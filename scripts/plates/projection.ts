/**
 * Parallel axonometric projection (isometric, 30°): no vanishing point, so
 * a length on the ground is the same length everywhere on the plate, the way
 * an architect's axonometric — and Louise Drulhe's spaces — are drawn.
 *
 * World: x to the lower right, y to the lower left, z up. Screen: u right, v down.
 */
export type Vec3 = readonly [number, number, number];
export type Vec2 = readonly [number, number];

const COS30 = Math.cos(Math.PI / 6);
const SIN30 = 0.5;

export interface View {
  /** Screen position of the world origin. */
  ox: number;
  oy: number;
  /** Screen units per world unit. */
  scale: number;
}

export function project(view: View, [x, y, z]: Vec3): Vec2 {
  return [view.ox + (x - y) * COS30 * view.scale, view.oy + ((x + y) * SIN30 - z) * view.scale];
}

/** Depth for painter's order: larger is nearer the viewer. */
export function depth([x, y, z]: Vec3): number {
  return x + y + z * 0.01;
}

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
export const lerp2 = (a: Vec2, b: Vec2, t: number): Vec2 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
export const dist2 = (a: Vec2, b: Vec2): number => Math.hypot(b[0] - a[0], b[1] - a[1]);
