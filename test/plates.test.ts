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
import { MIN_PRINT_PT, SPOT, WEB_STEP, toSvg, type Variant } from "../scripts/plates/svg.ts";
import { LAYERS } from "../scripts/plates/sheet.ts";
import { plateShortcode as plate } from "../scripts/site/plates.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const MM_TO_PT = 72 / 25.4;

/** Drawn from scratch, bypassing the memo: what a new build would write. */
function fresh(key: string, variant: Variant, printWidthMm?: number): string {
  const { spec, sheet } = drawPlate(key);
  return toSvg(sheet, { variant, title: "", printWidthMm: printWidthMm ?? spec.printWidthMm });
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

  it("writes the screen's paths shorter with the very same points: a repeated command once, no line that goes nowhere in a fill", () => {
    /** Each segment with its own letter, its numbers as written (SVG's grammar: numbers after a command's last repeat it). */
    const explicit = (d: string): string[] => {
      const tokens = d.match(/[MmLlQqCcAaZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
      const arity: Record<string, number> = { m: 2, l: 2, q: 4, c: 6, a: 7, z: 0 };
      const out: string[] = [];
      let command = "";
      for (let i = 0; i < tokens.length; ) {
        if (/[a-z]/i.test(tokens[i])) command = tokens[i++];
        const n = arity[command.toLowerCase()];
        out.push(command + tokens.slice(i, i + n).join(" "));
        i += n;
        if (command === "M") command = "L";
      }
      return out;
    };
    let saved = 0;
    for (const key of plateKeys) {
      const { sheet } = drawPlate(key);
      const web = fresh(key, "web");
      for (const layer of LAYERS) {
        const d = sheet.paths.get(layer)!;
        if (d.empty) continue;
        const long = d.toString(WEB_STEP[layer]);
        const short = d.toString(WEB_STEP[layer], { compact: true, filledOnly: layer === "ink" || layer === "spotFill" });
        if (layer !== "spotFill") expect(web, `${key} ${layer}`).toContain(` d="${short}"`);
        const filled = layer === "ink" || layer === "spotFill";
        expect(explicit(short), `${key} ${layer}`).toEqual(explicit(long).filter((segment) => !(filled && segment === "l0 0")));
        expect(short.length).toBeLessThanOrEqual(long.length);
        saved += long.length - short.length;
      }
      // Paper keeps the form it always had (its bytes, so the PDFs', do not change): every command written out, to tenths.
      const paper = fresh(key, "print");
      for (const layer of LAYERS) if (layer !== "spotFill" && !sheet.paths.get(layer)!.empty) expect(paper, `${key} ${layer}`).toContain(` d="${sheet.paths.get(layer)!.toString()}"`);
    }
    expect(saved).toBeGreaterThan(1000);
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
