/**
 * Parallel axonometric projection (isometric, 30°): no vanishing point, so
 * a length on the ground is the same length everywhere on the plate, the way
 * an architect's axonometric is drawn (see shared/design/illustrations.md).
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
