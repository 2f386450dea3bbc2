/**
 * The icons a browser asks for exist, every page points at them, and each is
 * what it says: an SVG square drawn from a plate, an ICO holding a 32 px PNG,
 * a 180 px apple-touch-icon.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import sharp from "sharp";
import { parse } from "node-html-parser";
import yaml from "js-yaml";
import { buildSiteToTemp, htmlFiles } from "./helpers/site.ts";

const PROJECT = path.resolve(import.meta.dirname, "..");

const out = await buildSiteToTemp();
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

it("links the icons from every web page, to files that exist (print documents get /favicon.ico by its name)", () => {
  for (const file of htmlFiles(out)) {
    const doc = parse(fs.readFileSync(path.join(out, file), "utf8"));
    if (!doc.querySelector('link[href="/assets/css/site.css"]')) continue;
    const icons = doc.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"]').map((l) => l.getAttribute("href"));
    expect(icons, file).toEqual(["/favicon.ico", "/favicon.svg", "/apple-touch-icon.png"]);
  }
  for (const file of ["favicon.ico", "favicon.svg", "apple-touch-icon.png"]) expect(fs.existsSync(path.join(out, file)), file).toBe(true);
});

it("draws the SVG icon from the plate site.yaml names, its square, small, with no script", () => {
  const svg = fs.readFileSync(path.join(out, "favicon.svg"), "utf8");
  const [x, y, w, h] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);
  expect(w).toBe(h);
  const { icon } = yaml.load(fs.readFileSync(path.join(PROJECT, "_data/site.yaml"), "utf8")) as { icon: { crop: number[] } };
  expect([x, y, w]).toEqual(icon.crop);
  expect(svg).toMatch(/<path[^>]* d="M/);
  expect(svg).not.toMatch(/<script|<title/);
  expect(Buffer.byteLength(svg)).toBeLessThan(4096);
});

it("holds a 32 px PNG in favicon.ico and a 180 px apple-touch-icon", async () => {
  const ico = fs.readFileSync(path.join(out, "favicon.ico"));
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
  const png = ico.subarray(ico.readUInt32LE(18), ico.readUInt32LE(18) + ico.readUInt32LE(14));
  expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 32, height: 32 });
  expect(await sharp(path.join(out, "apple-touch-icon.png")).metadata()).toMatchObject({ format: "png", width: 180, height: 180 });
});
