/**
 * The favicon keeps only the lines that cross its crop (scripts/site/svg-crop.ts):
 * fewer bytes, the same picture.
 */
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { dropOutside } from "../scripts/site/svg-crop.ts";
import { faviconSvg } from "../scripts/site/favicon.ts";
import { plateSvg } from "../scripts/plates/index.ts";

const BOX = { x: 0, y: 0, size: 10 };

describe("cropping a drawing to its viewBox", () => {
  it("drops the subpaths wholly outside, keeps those that cross, and drops a path left empty", () => {
    const svg = `<path stroke-width="1" d="M20 20l5 5M-5 5l10 0M30 30q5 5 10 0"/><path d="M50 50h3v3z"/>`;
    expect(dropOutside(svg, BOX, 1)).toBe(`<path stroke-width="1" d="M-5 5l10 0"/>`);
  });

  it("counts control points, relative moves and arc radii in a subpath's extent", () => {
    // A curve whose ends are outside but whose control point reaches into the box; an arc of radius 8 ending 12 units away.
    expect(dropOutside(`<path d="M-5 -5q10 20 0 30"/>`, BOX, 0)).toContain("q10 20");
    expect(dropOutside(`<path d="M20 5a8 8 0 0 1 -2 0"/>`, BOX, 1)).toContain("a8 8");
    expect(dropOutside(`<path d="M30 5a8 8 0 0 1 -2 0"/>`, BOX, 1)).toBe("");
  });

  it("gives the favicon fewer bytes than the whole plate, and the very same picture", async () => {
    const svg = faviconSvg();
    const whole = svg.replace(/<path[\s\S]*<\/svg>$/, plateSvg("vignette-camera", "web").replace(/^<svg[^>]*>/, "").replace(/<title>[\s\S]*?<\/title>/, "").replace(/stroke-width="([\d.]+)"/g, (_, w: string) => `stroke-width="${(Number(w) * 3).toFixed(1)}"`));
    expect(Buffer.byteLength(svg)).toBeLessThan(Buffer.byteLength(whole) * 0.7);
    const pixels = async (s: string) => sharp(Buffer.from(s), { density: 300 }).resize(180, 180).raw().toBuffer();
    expect((await pixels(svg)).equals(await pixels(whole))).toBe(true);
  });
});
