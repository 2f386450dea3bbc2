/** The cover: the whole argument of the book in one surface. */
import type { PlateSpec } from "./spec.ts";
import { block, drain, groundGrid, pole, sightFan, wells, person } from "./vocabulary.ts";
import type { Vec3 } from "./projection.ts";

export const coverPlates: Record<string, PlateSpec> = {
  couverture: {
    width: 480,
    height: 360,
    view: { ox: 240, oy: 190, scale: 16.5 },
    printWidthMm: 64,
    kind: "couverture",
    draw(s) {
      const [cx, cy] = [-1.2, -1.2];
      const ground = wells([{ x: cx, y: cy, depth: 5, sigma: 2.3 }]);
      groundGrid(s, { x0: -7, y0: -7, x1: 7, y1: 7, step: 1, surface: ground, samples: 10 });
      const sink: Vec3 = [cx, cy, -5];
      // Contour rings, as on a relief map: they make the square grid read as a basin.
      for (const r of [0.9, 1.8, 2.9]) s.ring([cx, cy, ground(cx + r, cy)], r, "fine", 15);
      // The control room at the bottom of the well.
      block(s, { x: cx - 0.4, y: cy - 0.4, w: 0.8, d: 0.8, h: 0.6, z: -5.05 });
      // The city at the rim: blocks on the flat ground, far from the well.
      const blocks = [
        { x: -6.7, y: -6.7, w: 2, d: 1.5, h: 2.6 }, { x: -4.2, y: -6.8, w: 1.3, d: 1.3, h: 3.6 }, { x: 4.6, y: -6.6, w: 1.9, d: 1.4, h: 1.6 },
        { x: -6.8, y: 4.4, w: 1.5, d: 2.2, h: 3 }, { x: -3.9, y: 5, w: 2, d: 1.6, h: 1.2 }, { x: 5.2, y: -1.8, w: 1.4, d: 2.4, h: 2.2 },
      ];
      for (const b of blocks) block(s, { ...b, floors: 0.9 });
      // Poles around the rim, each watching its street; each sends its images down the slope.
      for (const a of [-2.5, -1.45, -0.2, 0.75, 1.75, 2.75]) {
        const r = 4.6 + s.random.range(-0.3, 0.6);
        const [x, y] = [cx + Math.cos(a) * r, cy + Math.sin(a) * r];
        const dir = a + Math.PI / 2 + s.random.range(-0.2, 0.2);
        const lens = pole(s, { x, y, h: 3.4, dir });
        sightFan(s, lens, { dir, spread: 0.8, reach: 2.3, surface: ground, rays: 1 });
        drain(s, [x, y, 0.02], sink, ground, 2.4, "spot");
      }
      // More flows from the blocks and the streets: the whole city drains to one point.
      for (const [x, y] of [[-5.6, -5], [5.5, -5.2], [-5.9, 5.1], [5.3, 4.5], [0.5, 6.6], [5.8, -0.6]]) {
        drain(s, [x, y, 0], sink, ground, 2.2 + s.random.range(-0.3, 0.3), "spotFine");
      }
      for (const [x, y] of [[1.6, 6.4], [6.4, 3.3], [-3.3, 6.5], [-6.2, -1.2]]) person(s, x, y);
    },
  },
};
