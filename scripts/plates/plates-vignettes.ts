/**
 * Small plates for the mini-zine's panels (about 6 cm wide on paper): one
 * figure of the vocabulary each, drawn larger, so the same hand reads at
 * that size.
 */
import type { PlateSpec } from "./spec.ts";
import type { Vec3 } from "./projection.ts";
import { bodyMarker, viewfinder } from "./body.ts";
import { block, drain, funnelGrid, gathering, groundGrid, paving, person, pole, sightFan, wells } from "./vocabulary.ts";

function vignette(spec: Omit<PlateSpec, "width" | "height" | "printWidthMm" | "kind">): PlateSpec {
  return { width: 480, height: 360, printWidthMm: 40, kind: "vignette", ...spec };
}

export const vignettePlates: Record<string, PlateSpec> = {
  "vignette-camera": vignette({
    view: { ox: 240, oy: 160, scale: 26 },
    draw(s) {
      groundGrid(s, { x0: -4, y0: -4, x1: 4, y1: 4, step: 1 });
      const lens = pole(s, { x: -3, y: 1.6, h: 5, dir: -0.25 });
      sightFan(s, lens, { dir: -0.3, spread: 0.8, reach: 5.4, near: 2.3, rays: 1 });
      person(s, 1.2, -0.4);
      person(s, 1.5, 0.9);
    },
  }),
  "vignette-entonnoir": vignette({
    view: { ox: 240, oy: 140, scale: 24 },
    draw(s) {
      const ground = wells([{ x: 0, y: 0, depth: 5, sigma: 2.4 }]);
      funnelGrid(s, 0, 0, { radius: 5, rings: 6, spokes: 12, surface: ground });
      const sink: Vec3 = [0, 0, -5];
      for (let i = 0; i < 6; i++) {
        const a = (i / 6) * Math.PI * 2 + 0.3;
        drain(s, [Math.cos(a) * 5, Math.sin(a) * 5, ground(Math.cos(a) * 5, Math.sin(a) * 5)], sink, ground, 2.2, i % 2 ? "spotFine" : "spot");
      }
      s.seg([-0.35, -0.35, -5.05], [0.35, -0.35, -5.05]);
    },
  }),
  "vignette-corps": vignette({
    view: { ox: 240, oy: 300, scale: 40 },
    draw(s) {
      paving(s, -2, -2, 2, 2, 1);
      const body = bodyMarker(s, 0, 0, 0.85);
      viewfinder(s, body.faceCorners);
    },
  }),
  "vignette-collectif": vignette({
    view: { ox: 240, oy: 160, scale: 24 },
    draw(s) {
      groundGrid(s, { x0: -4.5, y0: -4.5, x1: 4.5, y1: 4.5, step: 1 });
      s.seg([-1.4, 0.7, 0.1], [1.5, -0.8, 0.1], "line");
      s.seg([-1.35, 0.85, 0.1], [1.55, -0.65, 0.1], "line");
      block(s, { x: 1.55, y: -1, w: 0.6, d: 0.3, h: 0.28 });
      gathering(s, 0, 0, 2.9, 14);
    },
  }),
};
