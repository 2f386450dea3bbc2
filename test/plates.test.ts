/**
 * The plates as drawings: deterministic, well formed, small, printable on a
 * photocopier (pure black, no stroke under 0.25 pt), accessible on screen.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawPlate, plates, plateKeys } from "../scripts/plates/catalogue.ts";
import { greySvg, plateSvg } from "../scripts/plates/index.ts";
import { MIN_PRINT_PT, SPOT, WEB_STEP, WEB_TOLERANCE, toSvg, webWriting, type Variant } from "../scripts/plates/svg.ts";
import { LAYERS } from "../scripts/plates/sheet.ts";
import { plateShortcode as plate } from "../scripts/site/plates.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const MM_TO_PT = 72 / 25.4;

/** Drawn from scratch, bypassing the memo: what a new build would write. */
function fresh(key: string, variant: Variant, printWidthMm?: number): string {
  const { spec, sheet } = drawPlate(key);
  return toSvg(sheet, { variant, title: "", printWidthMm: printWidthMm ?? spec.printWidthMm });
}

type Point = [number, number];

/** Path data as its segments: each command letter (made explicit) and its numbers, as SVG's grammar reads them (numbers after a command's last repeat it). */
function segments(d: string): { command: string; values: number[] }[] {
  const tokens = d.match(/[MmLlHhVvQqTtCcAaZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const arity: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, q: 4, t: 2, c: 6, a: 7, z: 0 };
  const out: { command: string; values: number[] }[] = [];
  let command = "";
  for (let i = 0; i < tokens.length; ) {
    if (/[a-z]/i.test(tokens[i])) command = tokens[i++];
    const n = arity[command.toLowerCase()];
    out.push({ command, values: tokens.slice(i, i + n).map(Number) });
    i += n;
    if (command === "M") command = "L";
    if (command === "m") command = "l";
  }
  return out;
}

/** Each drawn segment as a Bézier curve in absolute coordinates (lines as straight quadratics; arcs by their ends, the same in both forms compared). */
function curves(d: string): { from: Point; to: Point; points: Point[] }[] {
  const out: { from: Point; to: Point; points: Point[] }[] = [];
  let pen: Point = [0, 0];
  let start: Point = [0, 0];
  let control: Point | undefined;
  const round = (p: Point): Point => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  for (const { command, values: v } of segments(d)) {
    const rel = command === command.toLowerCase() ? pen : [0, 0];
    const at = (x: number, y: number): Point => round([rel[0] + x, rel[1] + y]);
    let to: Point;
    let points: Point[];
    let next: Point | undefined;
    switch (command.toLowerCase()) {
      case "m":
        pen = start = at(v[0], v[1]);
        control = undefined;
        continue;
      case "z":
        to = start;
        points = [pen, to];
        break;
      case "l":
        to = at(v[0], v[1]);
        points = [pen, to];
        break;
      case "h":
        to = round([rel[0] + v[0], pen[1]]);
        points = [pen, to];
        break;
      case "v":
        to = round([pen[0], rel[1] + v[0]]);
        points = [pen, to];
        break;
      case "q":
        next = at(v[0], v[1]);
        to = at(v[2], v[3]);
        points = [pen, next, to];
        break;
      case "t":
        next = control ? round([2 * pen[0] - control[0], 2 * pen[1] - control[1]]) : pen;
        to = at(v[0], v[1]);
        points = [pen, next, to];
        break;
      case "c":
        to = at(v[4], v[5]);
        points = [pen, at(v[0], v[1]), at(v[2], v[3]), to];
        break;
      default:
        to = at(v[5], v[6]);
        points = [pen, to];
    }
    out.push({ from: pen, to, points });
    control = next;
    pen = to;
  }
  return out;
}

/** A Bézier curve (2, 3 or 4 points) at t. */
function bezier(points: Point[], t: number): Point {
  let p = points;
  while (p.length > 1) p = p.slice(1).map((q, i) => [p[i][0] + (q[0] - p[i][0]) * t, p[i][1] + (q[1] - p[i][1]) * t]);
  return p[0];
}

/** The largest distance from a point of either curve to the other curve (each followed as 64 short chords). */
function hausdorff(a: { points: Point[] }, b: { points: Point[] }): number {
  const samples = (c: { points: Point[] }) => Array.from({ length: 65 }, (_, i) => bezier(c.points, i / 64));
  const toPolyline = (p: Point, line: Point[]): number => {
    let best = Infinity;
    for (let i = 0; i + 1 < line.length; i++) {
      const [[x1, y1], [x2, y2]] = [line[i], line[i + 1]];
      const length2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
      const t = length2 ? Math.max(0, Math.min(1, ((p[0] - x1) * (x2 - x1) + (p[1] - y1) * (y2 - y1)) / length2)) : 0;
      best = Math.min(best, Math.hypot(p[0] - (x1 + t * (x2 - x1)), p[1] - (y1 + t * (y2 - y1))));
    }
    return best;
  };
  const [sa, sb] = [samples(a), samples(b)];
  return Math.max(...sa.map((p) => toPolyline(p, sb)), ...sb.map((p) => toPolyline(p, sa)));
}

function chapterPlateKeys(): { file: string; plate: unknown }[] {
  const dir = path.join(ROOT, "src/chapitres");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => {
      const front = fs.readFileSync(path.join(dir, f), "utf8").match(/^---\n([\s\S]*?)\n---/);
      return { file: f, plate: (yaml.load(front?.[1] ?? "") as { plate?: unknown }).plate };
    });
}

/** Every stroke width a variant draws with (the root sets no default, so each stroked path must say). */
function strokeWidths(svg: string): number[] {
  const widths: number[] = [];
  for (const [tag] of svg.matchAll(/<path\b[^>]*>/g)) {
    if (/stroke="none"/.test(tag)) continue;
    const width = tag.match(/stroke-width="([^"]+)"/);
    expect(width, `trait sans épaisseur : ${tag.slice(0, 80)}`).not.toBeNull();
    widths.push(Number(width![1]));
  }
  return widths;
}

describe("catalogue", () => {
  it("has a plate for every chapter's `plate` key", () => {
    const chapters = chapterPlateKeys();
    expect(chapters.length).toBeGreaterThanOrEqual(9);
    for (const { file, plate: key } of chapters) {
      expect(typeof key, file).toBe("string");
      expect(plateKeys, `${file}: plate ${String(key)}`).toContain(key);
    }
  });

  it("has the cover, four mini-zine vignettes and two fold diagrams", () => {
    expect(plateKeys).toContain("couverture");
    expect(plateKeys.filter((k) => plates[k].kind === "vignette")).toHaveLength(4);
    expect(plateKeys).toEqual(expect.arrayContaining(["pliage-livret", "pliage-mini-zine"]));
  });

  it("keeps every word out of the code: no plate of the series carries a caption, an alt text or a legend", () => {
    for (const key of plateKeys) {
      const words = plates[key] as unknown as Record<string, unknown>;
      expect([words.title, words.alt, words.legend], key).toEqual([undefined, undefined, undefined]);
    }
  });

  it("gives every chapter of our zine a caption and an alt text that says what its plate shows", () => {
    const dir = path.join(ROOT, "src/chapitres");
    for (const f of fs.readdirSync(dir).filter((name) => name.endsWith(".md"))) {
      const front = yaml.load(fs.readFileSync(path.join(dir, f), "utf8").match(/^---\n([\s\S]*?)\n---/)![1]) as Record<string, string>;
      expect(front.plateCaption?.length, f).toBeGreaterThan(5);
      expect(front.plateAlt?.length, f).toBeGreaterThan(60);
      expect(front.plateAlt, f).toMatch(/[àâçéèêëîïôûùœ’]/);
    }
  });
});

describe("determinism", () => {
  it("draws the same bytes twice from the same seed", () => {
    for (const key of plateKeys) {
      for (const variant of ["web", "print"] as const) expect(fresh(key, variant), `${key} ${variant}`).toBe(fresh(key, variant));
    }
  });

  it("draws the same bytes in another process", () => {
    const digest = (svgs: string[]): string => crypto.createHash("sha256").update(svgs.join("\n")).digest("hex");
    const here = digest(plateKeys.flatMap((k) => [fresh(k, "web"), fresh(k, "print")]));
    const script =
      'import { drawPlate, plateKeys } from "./scripts/plates/catalogue.ts"; import { toSvg } from "./scripts/plates/svg.ts"; import crypto from "node:crypto";' +
      "const all = plateKeys.flatMap((k) => [\"web\", \"print\"].map((v) => { const { spec, sheet } = drawPlate(k); return toSvg(sheet, { variant: v, title: \"\", printWidthMm: spec.printWidthMm }); }));" +
      'console.log(crypto.createHash("sha256").update(all.join("\\n")).digest("hex"));';
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe(here);
  });

  it("draws different plates from different seeds", () => {
    const bodies = new Set(plateKeys.map((k) => fresh(k, "web").replace(/<title>.*<\/title>|aria-label="[^"]*"/g, "")));
    expect(bodies.size).toBe(plateKeys.length);
  });
});

describe("every plate as SVG", () => {
  it("parses as XML and rasterises to a drawing (librsvg's libxml2 rejects malformed SVG)", async () => {
    await expect(sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"></svg>')).png().toBuffer()).rejects.toThrow();
    for (const key of plateKeys) {
      for (const variant of ["web", "print"] as const) {
        const svg = plateSvg(key, variant).replace("<svg ", '<svg color="#000" ');
        const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
        const inked = data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / (info.width * info.height);
        // Drawn and meant: visible lines, and lots of white paper.
        expect(inked, `${key} ${variant}`).toBeGreaterThan(0.005);
        expect(inked, `${key} ${variant}`).toBeLessThan(0.25);
      }
    }
  });

  it("has no raster image, no script, no inline style (the site's CSP forbids them)", () => {
    for (const key of plateKeys) {
      for (const variant of ["web", "print"] as const) {
        const svg = plateSvg(key, variant);
        expect(svg, key).not.toMatch(/<image|<script|<style|style=|<foreignObject|href=/i);
      }
    }
  });

  it("stays under 15 KB", () => {
    for (const key of plateKeys) {
      for (const variant of ["web", "print"] as const) expect(Buffer.byteLength(plateSvg(key, variant)), `${key} ${variant}`).toBeLessThan(15 * 1024);
    }
  });

  it("is an image named by its alt text as <title> (in print also aria-label), and a viewBox; an ornament without one is hidden", () => {
    for (const key of plateKeys) {
      const svg = plateSvg(key, "web", undefined, "Un dessin & sa description");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+" role="img" class="planche-svg"[^>]*><title>Un dessin &amp; sa description<\/title>/);
      expect(svg).not.toContain("aria-label");
      expect(plateSvg(key, "print", 60, "Un dessin & sa description")).toMatch(/^<svg [^>]*role="img" aria-label="Un dessin &amp; sa description"[^>]*><title>Un dessin &amp; sa description<\/title>/);
      expect(plateSvg(key, "web")).toMatch(/^<svg [^>]*aria-hidden="true"/);
      expect(plateSvg(key, "web")).not.toContain("<title>");
    }
  });

  it("writes the screen's paths shorter with the very same points: a repeated command once, h and v, no line that goes nowhere in a fill", () => {
    let saved = 0;
    for (const key of plateKeys) {
      const { sheet } = drawPlate(key);
      for (const layer of LAYERS) {
        const d = sheet.paths.get(layer)!;
        if (d.empty) continue;
        const long = d.toString(WEB_STEP[layer]);
        const short = d.toString(WEB_STEP[layer], { compact: true, filledOnly: layer === "ink" || layer === "spotFill" });
        const filled = layer === "ink" || layer === "spotFill";
        // The same curves through the same points (h and v read as lines), but a fill's lines that go nowhere.
        const drawn = (path: string) => curves(path).map(({ points }) => points);
        const goesNowhere = (points: Point[]) => points.length === 2 && points[0][0] === points[1][0] && points[0][1] === points[1][1];
        expect(drawn(short), `${key} ${layer}`).toEqual(drawn(long).filter((points) => !(filled && goesNowhere(points))));
        expect(short.length).toBeLessThanOrEqual(long.length);
        saved += long.length - short.length;
      }
      // Paper keeps the form it always had (its bytes, so the PDFs', do not change): every command written out, to tenths.
      const paper = fresh(key, "print");
      for (const layer of LAYERS) if (layer !== "spotFill" && !sheet.paths.get(layer)!.empty) expect(paper, `${key} ${layer}`).toContain(` d="${sheet.paths.get(layer)!.toString()}"`);
    }
    expect(saved).toBeGreaterThan(1000);
  });

  it("strays from those points by less than a pixel where a plate is shown largest: a curve that bows less is a line, a mirrored control point is implied (t)", () => {
    let before = 0;
    let after = 0;
    let worst = 0;
    for (const key of plateKeys) {
      const { sheet } = drawPlate(key);
      const web = fresh(key, "web");
      for (const layer of LAYERS) {
        const d = sheet.paths.get(layer)!;
        if (d.empty) continue;
        const exact = d.toString(WEB_STEP[layer], { compact: true, filledOnly: layer === "ink" || layer === "spotFill" });
        const shown = d.toString(WEB_STEP[layer], webWriting(layer));
        expect(web, `${key} ${layer}`).toContain(` d="${shown}"`);
        // Segment for segment, from the same point to the same point; each curve within the tolerance of the one it stands for.
        const [a, b] = [curves(exact), curves(shown)];
        expect(b.length, `${key} ${layer}`).toBe(a.length);
        a.forEach((curve, i) => {
          expect(b[i].from, `${key} ${layer} ${i}`).toEqual(curve.from);
          expect(b[i].to, `${key} ${layer} ${i}`).toEqual(curve.to);
          const distance = hausdorff(curve, b[i]);
          worst = Math.max(worst, distance / WEB_TOLERANCE[layer]);
          expect(distance, `${key} ${layer} ${i}`).toBeLessThanOrEqual(WEB_TOLERANCE[layer] + 1e-6);
        });
        before += exact.length;
        after += shown.length;
      }
    }
    // Under a CSS pixel at the widest a page shows a plate (480 units in 576 px), and in the feed's 960 px PNGs.
    for (const tolerance of Object.values(WEB_TOLERANCE)) expect(tolerance * (960 / 480)).toBeLessThanOrEqual(1);
    // It is worth it: a tenth of the paths' bytes at least, and the tolerance is used, not exceeded.
    expect(after).toBeLessThan(before * 0.9);
    expect(worst).toBeGreaterThan(0.5);
  });

  it("inks with currentColor on screen, so dark mode follows the page", () => {
    for (const key of plateKeys) {
      const svg = plateSvg(key, "web");
      expect(svg).toContain('stroke="currentColor"');
      expect(svg).not.toMatch(/#000|#141414/);
    }
  });
});

describe("on paper", () => {
  it("is pure black: the spot colour becomes dashes and hatching", () => {
    for (const key of plateKeys) {
      const svg = plateSvg(key, "print");
      expect(svg, key).not.toContain("currentColor");
      expect(svg, key).not.toContain(SPOT);
      expect(svg, key).not.toMatch(/opacity/);
      const colours = new Set([...svg.matchAll(/(?:stroke|fill)="(#[0-9a-f]+)"/gi)].map((m) => m[1].toLowerCase()));
      expect([...colours].every((c) => c === "#000" || c === "#fff"), `${key}: ${[...colours]}`).toBe(true);
      if (plateSvg(key, "web").includes("pl-spot")) expect(svg, key).toContain("stroke-dasharray");
    }
  });

  it("never draws a stroke finer than 0.25 pt at its printed width", () => {
    const check = (key: string, svg: string, printWidthMm: number): void => {
      const viewBoxWidth = Number(svg.match(/viewBox="0 0 (\d+)/)![1]);
      const ptPerUnit = (printWidthMm / viewBoxWidth) * MM_TO_PT;
      const thinnest = Math.min(...strokeWidths(svg)) * ptPerUnit;
      expect(thinnest, `${key} à ${printWidthMm} mm`).toBeGreaterThanOrEqual(MIN_PRINT_PT);
    };
    for (const key of plateKeys) {
      check(key, plateSvg(key, "print"), plates[key].printWidthMm);
      // A print template may say how wide it prints a plate: the floor still holds.
      for (const mm of [30, 60, 140]) check(key, fresh(key, "print", mm), mm);
    }
  });
});

describe("the plate shortcode", () => {
  it("wraps the plate in a figure with the caption, alt text and legend the content gives", () => {
    const html = plate({ plate: "entonnoir", caption: "Une pente", alt: "Un entonnoir <dessiné>", legend: ["le bord", "le fond"] }, "web");
    expect(html).toMatch(/^<figure class="planche planche-chapitre" data-planche="entonnoir"><svg /);
    expect(html).toContain('role="img"');
    expect(html).toContain("<title>Un entonnoir &lt;dessiné&gt;</title>");
    expect(html).toContain('<span class="planche-titre">Une pente</span>');
    expect(html).toContain('<ol class="planche-legende"><li>le bord</li><li>le fond</li></ol>');
    expect(html).not.toMatch(/\sid="/); // the same plate may appear twice on a page
  });

  it("shows a bare key as an ornament: no caption, hidden from screen readers", () => {
    const html = plate("entonnoir", "web");
    expect(html).not.toContain("<figcaption>");
    expect(html).toContain('aria-hidden="true"');
  });

  it("refuses an unknown key, listing the known ones", () => {
    expect(() => plate("nexiste-pas", "web")).toThrow(/nexiste-pas[\s\S]*couverture, flux/);
  });
});

describe("an own plate on paper", () => {
  it("turns every colour grey, in attributes and styles", () => {
    const svg = '<svg viewBox="0 0 10 10"><path fill="#c2185b" stroke="red" style="stroke:#00f;fill:rgb(0, 128, 0)"/></svg>';
    const grey = greySvg(svg);
    const colours = [...grey.matchAll(/#([0-9a-f]{6})/g)].map((m) => m[1]);
    expect(colours.length).toBe(3);
    for (const c of colours) expect(c.slice(0, 2) === c.slice(2, 4) && c.slice(2, 4) === c.slice(4, 6), c).toBe(true);
    expect(grey).toMatch(/rgb\((\d+),\1,\1\)/);
    expect(grey).not.toMatch(/"red"/);
  });
});
