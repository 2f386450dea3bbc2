/**
 * One plate per chapter, each a hypothesis about space: what the chapter
 * says, drawn as a place. Keys are the chapters' `plate:` front matter.
 */
import type { PlateSpec } from "./spec.ts";
import type { Sheet } from "./sheet.ts";
import type { Vec3 } from "./projection.ts";
import { bodyMarker, viewfinder } from "./body.ts";
import {
  arcFlow, bench, block, drain, funnelGrid, gathering, groundGrid, paving, person, pole, screenWall, sightFan, tree, wells, type Surface,
} from "./vocabulary.ts";

const W = 480;
const H = 320;
const PRINT_MM = 90;

function chapter(spec: Omit<PlateSpec, "width" | "height" | "printWidthMm" | "kind"> & { height?: number }): PlateSpec {
  return { width: W, height: H, printWidthMm: PRINT_MM, kind: "chapitre", ...spec };
}

/** A town hall: a block under a gable roof, columns under the pediment. Public money. */
function townHall(s: Sheet, x: number, y: number): Vec3 {
  const [w, d, h, ridge] = [2.6, 2, 1.7, 0.8];
  block(s, { x, y, w, d, h });
  // The roof: ridge along x, pediment on the visible +x face.
  s.seg([x, y + d / 2, h + ridge], [x + w, y + d / 2, h + ridge]);
  s.edges([[x + w, y, h], [x + w, y + d / 2, h + ridge], [x + w, y + d, h]], "line");
  s.edges([[x, y, h], [x, y + d / 2, h + ridge], [x, y + d, h]], "line");
  for (let i = 1; i < 6; i++) s.seg([x + w, y + (d * i) / 6, 0], [x + w, y + (d * i) / 6, h - 0.25], "fine");
  s.seg([x + w, y, h - 0.25], [x + w, y + d, h - 0.25], "fine");
  return [x + w * 0.7, y + d / 2, h + ridge];
}

export const chapterPlates: Record<string, PlateSpec> = {
  flux: chapter({
    view: { ox: 240, oy: 200, scale: 15.5 },
    draw(s) {
      groundGrid(s, { x0: -6, y0: -6, x1: 6, y1: 6, step: 1 });
      const cells = [-5.5, -1.5, 2.5];
      for (const x of cells) for (const y of cells) block(s, { x: x + 0.3, y: y + 0.3, w: 2.4, d: 2.4, h: s.random.range(0.6, 2.6), floors: 0.6 });
      // Streets at x, y = -2, 2 (between the blocks): bundles of flows along them.
      for (const c of [-2, 2]) {
        for (let k = -1; k <= 1; k++) {
          const o = c + k * 0.22;
          const along: Vec3[] = [];
          const across: Vec3[] = [];
          for (let i = 0; i <= 12; i++) {
            const t = -6 + i;
            along.push([t, o + Math.sin(i * 0.9 + k) * 0.08, 0.02]);
            across.push([o + Math.sin(i * 0.8 - k) * 0.08, t, 0.02]);
          }
          s.curve(along, "fine", false, 0.15);
          s.curve(across, "fine", false, 0.15);
        }
      }
      // Sensors at the crossings and along the streets; their data rise to one point.
      const point: Vec3 = [0, 0, 9];
      for (const [x, y] of [[-2, -2], [2, -2], [-2, 2], [2, 2], [-2, -5.3], [2, 5.4], [5.4, -2], [-5.4, 2], [5.2, 2], [-2, 5.2]]) {
        s.seg([x, y, 0], [x, y, 0.9], "line");
        s.dot([x, y, 0.9], 1.6);
        arcFlow(s, [x, y, 0.9], point, 2.5, "spotFine", s.random.wobble(1.5));
      }
      s.ring(point, 0.45, "spot", 10);
      s.dot(point, 2.2);
    },
  }),

  marche: chapter({
    view: { ox: 240, oy: 150, scale: 15 },
    draw(s) {
      groundGrid(s, { x0: -7, y0: -6, x1: 7, y1: 7, step: 1 });
      const hall = townHall(s, -6.5, -0.5);
      // The firm: a warehouse and crates of cameras ready to ship.
      block(s, { x: 2.6, y: -5.6, w: 3.6, d: 2.4, h: 2.2, floors: 0.75 });
      for (const [x, y, z] of [[6.5, -4.9, 0], [6.5, -4.1, 0], [6.5, -4.5, 0.7]]) block(s, { x, y, w: 0.7, d: 0.7, h: 0.7, z });
      const firm: Vec3 = [4.4, -4.4, 2.2];
      // Public money flows to the firm…
      for (let i = 0; i < 6; i++) {
        const from: Vec3 = [hall[0] + s.random.wobble(0.5), hall[1] + s.random.wobble(0.3), hall[2]];
        arcFlow(s, from, [firm[0] + s.random.wobble(0.6), firm[1] + s.random.wobble(0.4), firm[2]], 4.5 + i * 0.45, i === 0 ? "spot" : "spotFine");
      }
      // …which sends its cameras to three showcase plinths, each with its product switched on.
      const plinths: [number, number][] = [[-1.4, 5.4], [1.6, 2.4], [4.6, -0.6]];
      const top = 0.9;
      const onPlinth = (): number => top + 0.02;
      plinths.forEach(([x, y], i) => {
        block(s, { x: x - 0.9, y: y - 0.9, w: 1.8, d: 1.8, h: top });
        const lens = pole(s, { x: x + 0.6, y: y - 0.6, h: 2.4, dir: 2.1, z: top });
        sightFan(s, lens, { dir: 2.1, spread: 0.8, reach: 1.25, near: 0.25, surface: onPlinth, rays: 0 });
        arcFlow(s, [6.8, -3.4, 0.7], [x + 0.9, y - 0.2, top], 1.2 + i * 0.4, "fine");
        s.label(3 + i, [x - 0.9, y + 0.9, top / 2], [-26, 14]);
      });
      s.label(1, [-6.5, -0.5, 1.7], [-16, -34]);
      s.label(2, [6.2, -3.2, 2.2], [30, -14]);
    },
  }),

  entonnoir: chapter({
    view: { ox: 240, oy: 150, scale: 17 },
    draw(s) {
      const ground = wells([{ x: 0, y: 0, depth: 6, sigma: 2.8 }]);
      funnelGrid(s, 0, 0, { radius: 6.4, rings: 6, spokes: 14, surface: ground });
      const sink: Vec3 = [0, 0, -6];
      block(s, { x: -0.5, y: -0.5, w: 1, d: 1, h: 0.7, z: -6.1, floors: 0.25 });
      const rim = (a: number, r = 6.9): [number, number] => [Math.cos(a) * r, Math.sin(a) * r];
      // 1 cameras
      const cams: Vec3[] = [];
      for (const a of [-2.1, -0.55, 2.45]) {
        const [x, y] = rim(a);
        const lens = pole(s, { x, y, h: 3.2, dir: a + Math.PI / 2, z: ground(x, y) });
        cams.push(lens);
        drain(s, [x, y, ground(x, y)], sink, ground, 2.3, "spot");
      }
      // 2 police: a station with a flag
      const [px, py] = rim(-1.3, 8);
      block(s, { x: px - 0.8, y: py - 0.6, w: 1.6, d: 1.2, h: 1.4 });
      s.seg([px, py, 1.4], [px, py, 2.6]);
      s.edges([[px, py, 2.6], [px + 0.6, py - 0.6, 2.4], [px, py, 2.2]], "line");
      // 3 hospital: a block with a cross on the roof
      const [hx, hy] = rim(-0.05, 8.2);
      block(s, { x: hx - 0.8, y: hy - 0.8, w: 1.6, d: 1.6, h: 1.8, floors: 0.6 });
      s.seg([hx - 0.45, hy, 1.8], [hx + 0.45, hy, 1.8]);
      s.seg([hx, hy - 0.45, 1.8], [hx, hy + 0.45, 1.8]);
      // 4 transports: a tram on its rails
      const [tx, ty] = rim(1.75, 8.2);
      s.seg([tx - 2.2, ty - 0.35, 0], [tx + 2, ty - 0.35, 0], "fine");
      s.seg([tx - 2.2, ty + 0.35, 0], [tx + 2, ty + 0.35, 0], "fine");
      block(s, { x: tx - 1.4, y: ty - 0.4, w: 2.8, d: 0.8, h: 0.9 });
      // 5 social networks: a handful of phones
      const [nx, ny] = rim(-3.0, 7.5);
      for (let i = 0; i < 4; i++) block(s, { x: nx - 0.8 + i * 0.5, y: ny - 0.3 + (i % 2) * 0.7, w: 0.3, d: 0.08, h: 0.55 });
      for (const [x, y] of [[px, py], [hx, hy], [tx, ty], [nx, ny]]) {
        for (let k = 0; k < 2; k++) drain(s, [x + s.random.wobble(0.6), y + s.random.wobble(0.6), 0.3], sink, ground, 2.1 + k * 0.4, "spotFine");
      }
      s.label(1, cams[0], [-30, -12]);
      s.label(2, [px - 0.8, py - 0.6, 1.4], [-8, -26]);
      s.label(3, [hx + 0.8, hy - 0.8, 1.8], [26, -18]);
      s.label(4, [tx + 1.4, ty + 0.4, 0.9], [24, 10]);
      s.label(5, [nx - 0.8, ny - 0.3, 0.55], [-24, -18]);
      s.label(6, [0.5, 0.5, -6.1], [46, 22]);
    },
  }),

  corps: chapter({
    view: { ox: 220, oy: 210, scale: 25 },
    draw(s) {
      paving(s, -4, -3, 3, 4, 1);
      const body = bodyMarker(s, -0.6, 0.8, 0.75);
      const lens = pole(s, { x: 2.2, y: -2.4, h: 5.6, dir: 2.4 });
      sightFan(s, lens, { dir: 2.38, spread: 0.5, reach: 4.6, near: 2.4, rays: 0 });
      s.seg(lens, body.face, "spot");
      viewfinder(s, body.faceCorners);
      s.label(1, lens, [34, -6]);
      s.label(2, body.at(-0.3, 5.5), [-56, -10]);
      s.label(3, body.joints[3], [-48, 22]);
    },
  }),

  ecrans: chapter({
    view: { ox: 250, oy: 130, scale: 17 },
    draw(s) {
      groundGrid(s, { x0: -7, y0: -4, x1: 5, y1: 6, step: 1 });
      const screens = screenWall(s, { x: -6.5, y: -3.9, cols: 7, rows: 4, cw: 1.2, ch: 0.8, gap: 0.15, busy: (i, j) => ((i * 7 + j * 3) % 5 === 0 ? "figure" : (i + j) % 3 === 0 ? "horizon" : null) });
      block(s, { x: -3.6, y: -0.6, w: 3, d: 0.9, h: 0.75 });
      person(s, -2.1, 0.9, { h: 1.15, z: 0.05 });
      s.seg([-2.6, 0.8, 0.45], [-1.6, 0.8, 0.45], "line");
      // Cameras of the city, off to the right: their flows reach the wall.
      const lenses = [-3.2, -0.6, 2, 4.6].map((y) => pole(s, { x: 4.6, y, h: 3.2, dir: Math.PI * 0.85 }));
      screens.forEach((to, i) => {
        if (i % 3 !== 0) return;
        const from = lenses[i % lenses.length];
        arcFlow(s, from, to, -1.6 - s.random.range(0, 1.2), i % 2 === 0 ? "spot" : "spotFine");
      });
      // Too many images: spare screens piled on the floor.
      for (let i = 0; i < 7; i++) {
        const [x, y] = [-5.4 + s.random.range(0, 4.5), 2.4 + s.random.range(0, 2.6)];
        const a = s.random.range(0, Math.PI);
        const z = i < 3 ? 0 : 0.08;
        const [ca, sa] = [Math.cos(a) * 0.6, Math.sin(a) * 0.6];
        const [cb, sb] = [-Math.sin(a) * 0.4, Math.cos(a) * 0.4];
        s.edges([[x - ca - cb, y - sa - sb, z], [x + ca - cb, y + sa - sb, z], [x + ca + cb, y + sa + sb, z], [x - ca + cb, y - sa + sb, z]], "line", true);
      }
    },
  }),

  norme: chapter({
    view: { ox: 240, oy: 150, scale: 16.5 },
    draw(s) {
      const channel: Surface = (x, y) => -1.8 * Math.exp(-((y - x * 0.05 + 1) ** 2) / 2.2);
      groundGrid(s, { x0: -7, y0: -6, x1: 7, y1: 5, step: 1, surface: channel, samples: 12 });
      // The crowd in the channel, and its flow lines.
      for (let k = -1; k <= 1; k++) {
        const pts: Vec3[] = [];
        for (let x = -7; x <= 7; x += 1) pts.push([x, x * 0.05 - 1 + k * 0.35, channel(x, x * 0.05 - 1 + k * 0.35) + 0.03]);
        s.curve(pts, "fine", false, 0.1);
      }
      for (let i = 0; i < 9; i++) {
        const x = -6 + i * 1.45 + s.random.wobble(0.3);
        const y = x * 0.05 - 1 + s.random.wobble(0.3);
        person(s, x, y, { z: channel(x, y) });
      }
      // The one who stands still, off the norm.
      const [ox, oy] = [2.2, 3.4];
      const lens = pole(s, { x: 5.4, y: 1.0, h: 4, dir: 2.5 });
      sightFan(s, lens, { dir: 2.5, spread: 0.5, reach: 4.6, rays: 1 });
      s.ring([ox, oy, 0], 0.75, "spot", 12);
      s.ring([ox, oy, 0], 1.1, "spotFine", 14);
      const head = person(s, ox, oy);
      viewfinder(s, [[head[0] - 10, head[1] - 10], [head[0] + 10, head[1] - 10], [head[0] + 10, head[1] + 14], [head[0] - 10, head[1] + 14]]);
    },
  }),

  cloture: chapter({
    view: { ox: 240, oy: 120, scale: 17 },
    draw(s) {
      paving(s, -5, -5, 5, 5, 1);
      // The fence: posts and two rails, broken by two narrow gates.
      const fence = (a: Vec3, b: Vec3): void => {
        const n = Math.round(Math.hypot(b[0] - a[0], b[1] - a[1]) / 0.8);
        for (let i = 0; i <= n; i++) {
          const p: Vec3 = [a[0] + ((b[0] - a[0]) * i) / n, a[1] + ((b[1] - a[1]) * i) / n, 0];
          s.seg(p, [p[0], p[1], 1.3], "line");
        }
        for (const z of [0.45, 1.15]) s.seg([a[0], a[1], z], [b[0], b[1], z], "line");
      };
      fence([-5, -5, 0], [5, -5, 0]);
      fence([5, -5, 0], [5, -0.6, 0]);
      fence([5, 0.6, 0], [5, 5, 0]);
      fence([-5, 5, 0], [5, 5, 0]);
      fence([-5, -5, 0], [-5, -0.6, 0]);
      fence([-5, 0.6, 0], [-5, 5, 0]);
      // Three cameras whose cones overlap over the middle.
      for (const [x, y, dir] of [[-4.3, -4.3, 0.78], [4.3, -4.3, 2.2], [-1.5, 4.4, -1.1]] as [number, number, number][]) {
        const lens = pole(s, { x, y, h: 4, dir });
        sightFan(s, lens, { dir, spread: 0.75, reach: 5.6, rays: 1, edges: false });
      }
      bench(s, -3, -3.4, 2.4);
      bench(s, 1.2, 3.2, 2.4);
      bench(s, 3.4, -2.8, 2.2, false);
      // Walkers go straight through, gate to gate.
      // The corridor: two lanes marked on the paving, an arrow out.
      for (const y of [-0.45, 0.45]) s.curve([[-6.8, y, 0.02], [-2, y + 0.05, 0.02], [2, y - 0.05, 0.02], [6.6, y, 0.02]], "line", false, 0.1);
      s.edges([[6.6, -0.75, 0.02], [7.3, 0, 0.02], [6.6, 0.75, 0.02]], "line");
      for (const x of [-6, -2.6, 0.4, 3.3, 6.1]) person(s, x, s.random.wobble(0.2));
    },
  }),

  plaine: chapter({
    view: { ox: 240, oy: 125, scale: 16 },
    draw(s) {
      paving(s, -6, -6, 6, 6, 1);
      for (const [x, y] of [[-1.2, -5.2], [1.8, -5.2], [5, -5.2], [-5.2, -1.2], [-5.2, 1.8], [-5.2, 5]]) tree(s, x, y, 3, 1);
      // Three tall white poles; their fans overlap until the whole middle of the square is watched.
      const lenses: Vec3[] = [];
      for (const [x, y, kind] of [[-3.3, -3.3, "box"], [-3.4, 2.6, "dome"], [2.6, -3.4, "box"]] as [number, number, "box" | "dome"][]) {
        const dir = Math.atan2(-y, -x);
        const lens = pole(s, { x, y, h: 4.8, dir, kind });
        lenses.push(lens);
        sightFan(s, lens, { dir, spread: 1.05, reach: 6.2, near: 0.8, rays: 1, edges: false });
      }
      bench(s, -1.2, 3.8, 2.2, true, false);
      bench(s, 3.8, -1.4, 2.2, false, false);
      const sitting: [number, number][] = [[-0.6, 4], [0.5, 4], [4, -0.6]];
      const standing: [number, number][] = [[-1.2, -0.6], [-0.5, -0.9], [1.1, 0.9], [1.7, 1.5], [0.2, 2.2], [-2.4, 0.8]];
      for (const [x, y] of sitting) person(s, x, y, { h: 1.2, z: 0.35 });
      for (const [x, y] of standing) person(s, x, y);
      s.label(1, [-3.3, -3.3, 2.4], [-40, -10]);
      s.label(2, lenses[2], [28, -14]);
      s.label(3, [1.4, 1.8, 0], [44, 26]);
    },
  }),

  collectif: chapter({
    view: { ox: 240, oy: 150, scale: 17 },
    draw(s) {
      groundGrid(s, { x0: -6, y0: -6, x1: 6, y1: 6, step: 1 });
      // The pole, felled: mast and camera lying on the ground.
      s.seg([-1.6, 0.8, 0.1], [1.8, -0.9, 0.1], "line");
      s.seg([-1.55, 0.95, 0.1], [1.85, -0.75, 0.1], "line");
      s.ring([-1.6, 0.9, 0], 0.25, "fine", 8);
      block(s, { x: 1.9, y: -1.2, w: 0.7, d: 0.35, h: 0.3 });
      gathering(s, 0, 0, 3.4, 17);
      gathering(s, 0, 0, 4.4, 21);
      // The other cameras still stand at the edges, but their fans fall short of the crowd.
      for (const [x, y, dir] of [[-5.2, -5.2, 0.8], [5.2, -4.6, 2.4]] as [number, number, number][]) {
        const lens = pole(s, { x, y, h: 3.4, dir });
        // Rays that stop in mid-air: the cone no longer reaches anyone.
        for (const da of [-0.3, 0, 0.3]) {
          const far: Vec3 = [x + Math.cos(dir + da) * 4, y + Math.sin(dir + da) * 4, 0];
          s.seg(lens, [lens[0] + (far[0] - lens[0]) * 0.45, lens[1] + (far[1] - lens[1]) * 0.45, lens[2] * 0.55], "spotFine");
        }
      }
    },
  }),
};

