/**
 * The body as a marker: a standing silhouette in wireframe, seen from the
 * front (it stands in the plane that the projection shows undistorted), with
 * the points a biometric system measures: the face's landmarks, the joints
 * that give away a gait.
 */
import type { Sheet } from "./sheet.ts";
import type { Vec2, Vec3 } from "./projection.ts";

type P = readonly [number, number];

// One half of the outline (a, z), from the top of the head down to the crotch; mirrored for the other half.
const HALF: P[] = [
  [0.0, 6.0], [0.33, 5.88], [0.44, 5.55], [0.34, 5.12], [0.2, 4.95], [0.24, 4.82], [0.9, 4.64], [1.08, 4.25],
  [1.17, 3.6], [1.3, 2.95], [1.42, 2.35], [1.36, 2.05], [1.2, 2.2], [1.1, 2.9], [0.92, 3.55], [0.74, 3.95],
  [0.66, 3.25], [0.74, 2.7], [0.68, 1.45], [0.58, 0.22], [0.74, 0.02], [0.2, 0.02], [0.22, 0.3], [0.16, 1.45], [0.0, 2.4],
];

const JOINTS: Record<string, P> = {
  neck: [0, 4.85], sl: [-0.82, 4.55], sr: [0.82, 4.55], el: [-1.1, 3.25], er: [1.1, 3.25], wl: [-1.3, 2.35], wr: [1.3, 2.35],
  hip: [0, 2.75], hl: [-0.45, 2.7], hr: [0.45, 2.7], kl: [-0.42, 1.45], kr: [0.42, 1.45], al: [-0.4, 0.25], ar: [0.4, 0.25],
};
const BONES = [["neck", "sl"], ["neck", "sr"], ["sl", "el"], ["el", "wl"], ["sr", "er"], ["er", "wr"], ["neck", "hip"], ["hl", "hr"], ["hl", "kl"], ["kl", "al"], ["hr", "kr"], ["kr", "ar"], ["sl", "hl"], ["sr", "hr"]];

const FACE: Record<string, P> = {
  top: [0, 5.9], tl: [-0.32, 5.68], tr: [0.32, 5.68], eyl: [-0.15, 5.56], eyr: [0.15, 5.56], nose: [0, 5.4],
  ml: [-0.13, 5.24], mr: [0.13, 5.24], chin: [0, 5.08], jl: [-0.34, 5.3], jr: [0.34, 5.3],
};
const MESH = [["top", "tl"], ["top", "tr"], ["tl", "eyl"], ["tr", "eyr"], ["eyl", "eyr"], ["eyl", "nose"], ["eyr", "nose"], ["tl", "jl"], ["tr", "jr"], ["eyl", "jl"], ["eyr", "jr"], ["nose", "ml"], ["nose", "mr"], ["ml", "mr"], ["jl", "ml"], ["jr", "mr"], ["ml", "chin"], ["mr", "chin"], ["jl", "chin"], ["jr", "chin"]];

export interface BodyMarker {
  face: Vec3;
  faceCorners: Vec2[];
  joints: Vec3[];
  at: (a: number, z: number) => Vec3;
}

/** Draws the body standing at (x, y); `size` scales the 6-unit-tall figure. */
export function bodyMarker(s: Sheet, x: number, y: number, size = 1, { face = true, joints = true } = {}): BodyMarker {
  // The screen-horizontal direction of this projection is (1, −1, 0)/√2.
  const at = (a: number, z: number): Vec3 => [x + (a * size) / Math.SQRT2, y - (a * size) / Math.SQRT2, z * size];
  const outline = [...HALF, ...[...HALF].reverse().slice(1, -1).map(([a, z]) => [-a, z] as P)];
  s.curve(outline.map(([a, z]) => at(a, z)), "line", true, 0.12);
  const jointPoints: Vec3[] = [];
  if (joints) {
    for (const [a, b] of BONES) s.seg(at(...JOINTS[a]), at(...JOINTS[b]), "fine");
    for (const p of Object.values(JOINTS)) {
      const q = at(...p);
      jointPoints.push(q);
      s.dot(q, 1.5);
    }
  }
  if (face) {
    for (const [a, b] of MESH) s.seg(at(...FACE[a]), at(...FACE[b]), "fine");
    for (const p of Object.values(FACE)) s.dot(at(...p), 1.05);
  }
  const fc = at(0, 5.5);
  const corners = [at(-0.62, 6.15), at(0.62, 6.15), at(0.62, 4.9), at(-0.62, 4.9)].map((q) => s.p(q));
  return { face: fc, faceCorners: corners, joints: jointPoints, at };
}

/** The corners of a viewfinder frame around a screen rectangle: the system has locked on. */
export function viewfinder(s: Sheet, corners: Vec2[], layer: "spot" | "line" = "spot"): void {
  const [tl, tr, br, bl] = corners;
  const k = 0.3;
  const toward = (a: Vec2, b: Vec2): Vec2 => [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k];
  for (const [c, h, v] of [[tl, tr, bl], [tr, tl, br], [br, bl, tr], [bl, br, tl]] as [Vec2, Vec2, Vec2][]) {
    s.stroke2(c, toward(c, h), layer);
    s.stroke2(c, toward(c, v), layer);
  }
}
