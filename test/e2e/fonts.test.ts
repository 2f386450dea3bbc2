/**
 * The web fonts are cut to the characters the built site uses: every
 * character a reader sees has its glyph, characters the site never shows
 * are gone, and another zine (the kit fixture, given a word with a letter
 * ours never uses) gets a subset of its own. Read with opentype.js after
 * converting the WOFF2 back to OpenType.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import fontverter from "fontverter";
import opentype from "opentype.js";
import { parse } from "node-html-parser";
import { htmlPages, fileForUrl, PROJECT_ROOT, runBuild } from "./support/build.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-polices-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function build(name: string, env: Record<string, string> = {}): Promise<string> {
  const site = path.join(work, name, "_site");
  const run = await runBuild({ output: site, args: ["--only=site"], env: { ZINE_CACHE: path.join(work, "cache"), ...env } });
  if (run.exitCode !== 0) throw new Error(`build failed (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout}`);
  return site;
}

async function readFont(site: string, file: string) {
  const bytes = await fontverter.convert(fs.readFileSync(path.join(site, "assets/fonts", file)), "sfnt");
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** Every character of the pages' visible text. */
function pageText(site: string): Set<string> {
  const chars = new Set<string>();
  for (const url of htmlPages(site)) {
    for (const c of parse(fs.readFileSync(fileForUrl(site, url), "utf8")).querySelector("body")?.text ?? "") chars.add(c);
  }
  return chars;
}

const zine = path.join(work, "zine");
fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
const chapter = path.join(zine, "chapitres/02-le-voyage.md");
fs.appendFileSync(chapter, "\nUn détour par L’Haÿ-les-Roses.\n");
const [ours, kit] = await Promise.all([build("nous"), build("kit", { ZINE_DIR: zine })]);

it("has a glyph for every character a reader sees, in the body face", async () => {
  const font = await readFont(ours, "literata-400.woff2");
  const missing = [...pageText(ours)].filter((c) => c.trim() && c.codePointAt(0)! <= 0x2122 && font.charToGlyphIndex(c) === 0);
  expect(missing).toEqual([]);
});

it("is much smaller than the font it was cut from, and drops what the site never shows", async () => {
  const source = fs.statSync(path.join(PROJECT_ROOT, "node_modules/@fontsource/literata/files/literata-latin-400-normal.woff2")).size;
  expect(fs.statSync(path.join(ours, "assets/fonts/literata-400.woff2")).size).toBeLessThan(source * 0.75);
  expect(pageText(ours).has("ÿ")).toBe(false);
  expect((await readFont(ours, "literata-400.woff2")).charToGlyphIndex("ÿ")).toBe(0);
});

it("cuts another zine's fonts to that zine's own characters", async () => {
  expect(pageText(kit).has("ÿ")).toBe(true);
  expect((await readFont(kit, "literata-400.woff2")).charToGlyphIndex("ÿ")).not.toBe(0);
});

it("declares each face with font-display and a metric-matched fallback, and preloads one face at most", () => {
  const css = fs.readFileSync(path.join(ours, "assets/css/site.css"), "utf8");
  const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
  const web = faces.filter((f) => f.includes("url("));
  expect(web.length).toBeGreaterThanOrEqual(4);
  for (const face of web) expect(face).toMatch(/font-display:swap;unicode-range:U\+/);
  const fallbacks = faces.filter((f) => f.includes("local("));
  expect(fallbacks.length).toBeGreaterThanOrEqual(2);
  for (const face of fallbacks) expect(face).toMatch(/size-adjust:\d+(\.\d+)?%;ascent-override:\d+(\.\d+)?%;descent-override:/);
  for (const url of htmlPages(ours)) {
    const html = fs.readFileSync(fileForUrl(ours, url), "utf8");
    expect((html.match(/rel="preload"[^>]*as="font"/g) ?? []).length, url).toBeLessThanOrEqual(1);
  }
});
