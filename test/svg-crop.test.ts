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

  it("follows relative moves, and starts a kept subpath absolutely where the one it moved from is gone", () => {
    // (20 20) to (25 25) is outside; m-20-20 starts at (5 5), inside; m10 0 at (7 5) + (10 0) = (17 5), outside; m-12 2 at (18 6) + (-12 2) = (6 8), inside, with a relative line after it.
    const svg = `<path d="M20 20l5 5m-20-20l2 0m10 0l1 1m-12 2 3 0"/>`;
    expect(dropOutside(svg, BOX, 1)).toBe(`<path d="M5 5l2 0M6 8l3 0"/>`);
    // The first subpath kept as written when nothing before it is gone.
    expect(dropOutside(`<path d="M5 5l1 0m2 2l1 1"/>`, BOX, 1)).toBe(`<path d="M5 5l1 0m2 2l1 1"/>`);
  });

  it("counts a smooth curve's implied control point (t mirrors the control before it), not a line's", () => {
    // From (-10 20) by q to (-10 14), then t to (-10 -4): its control, the mirror of (-16 17) about (-10 14), is (-4 11), 4 units from the box.
    expect(dropOutside(`<path d="M-10 20q-6-3 0-6t0-18"/>`, BOX, 5)).toContain("t0-18");
    expect(dropOutside(`<path d="M-10 20q-6-3 0-6t0-18"/>`, BOX, 3)).toBe("");
    // After a line, t's control is the pen itself.
    expect(dropOutside(`<path d="M-10 20q-6-3 0-6l0-1t0-17"/>`, BOX, 5)).toBe("");
  });

  it("gives the favicon fewer bytes than the whole plate, and the very same picture", async () => {
    const svg = faviconSvg();
    const whole = svg.replace(/<path[\s\S]*<\/svg>$/, plateSvg("vignette-camera", "web").replace(/^<svg[^>]*>/, "").replace(/<title>[\s\S]*?<\/title>/, "").replace(/stroke-width="([\d.]+)"/g, (_, w: string) => `stroke-width="${(Number(w) * 3).toFixed(1)}"`));
    expect(Buffer.byteLength(svg)).toBeLessThan(Buffer.byteLength(whole) * 0.7);
    const pixels = async (s: string) => sharp(Buffer.from(s), { density: 300 }).resize(180, 180).raw().toBuffer();
    expect((await pixels(svg)).equals(await pixels(whole))).toBe(true);
  });
});
