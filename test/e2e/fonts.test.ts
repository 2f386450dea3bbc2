/**
 * The web fonts are cut, face by face, to the characters the built pages
 * show in that face: in Chromium, every text of every page is drawn with
 * our fonts and never with a system font standing in for a missing glyph;
 * characters the site never shows are gone; another zine (the kit fixture,
 * given a word with a letter ours never uses) gets subsets of its own; the
 * print edition keeps its own faces, cut to every character of the site.
 * Fonts are read with opentype.js after converting the WOFF2 back to OpenType.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import fontverter from "fontverter";
import opentype from "opentype.js";
import sharp from "sharp";
import { parse } from "node-html-parser";
import { boldSheets, cutOptions, faces, webFaces, writeFonts } from "../../scripts/site/fonts.ts";
import { withKernTable } from "../../scripts/site/kerning.ts";
import { htmlPages, fileForUrl, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { launchChromium } from "./support/browser.ts";
import { serveFolder } from "../../scripts/lib/server.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-polices-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function build(name: string, env: Record<string, string> = {}): Promise<string> {
  const site = path.join(work, name, "_site");
  const run = await runBuild({ output: site, args: ["--only=site"], env: { ZINE_CACHE: path.join(work, "cache"), ...env } });
  if (run.exitCode !== 0) throw new Error(`build failed (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout}`);
  return site;
}

/** A web face (assets/fonts/web/), or with `print` the print edition's copy (assets/fonts/). */
async function readFont(site: string, file: string, print = false) {
  const bytes = await fontverter.convert(fs.readFileSync(path.join(site, print ? "assets/fonts" : "assets/fonts/web", file)), "sfnt");
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** The pages a reader opens, styled by the site's stylesheet (not the print documents). */
const readerPages = (site: string): string[] => htmlPages(site).filter((url) => fs.readFileSync(fileForUrl(site, url), "utf8").includes('href="/assets/css/site.css"'));

/** The latin range the @fontsource files cover: outside it, a system font is the right answer. */
const latin = (c: string): boolean => {
  const n = c.codePointAt(0)!;
  return n <= 0xff || n === 0x131 || n === 0x152 || n === 0x153 || (n >= 0x2000 && n <= 0x206f) || n === 0x20ac || n === 0x2122 || n === 0x2212;
};

/**
 * Each page as Chromium draws it once the fonts are in: for every element,
 * the fonts its own text was drawn with (DevTools' platform fonts) and that text.
 */
async function drawnWith(site: string): Promise<{ url: string; text: string; fonts: { familyName: string; isCustomFont: boolean; glyphCount: number }[] }[]> {
  const server = await serveFolder(site);
  const browser = await launchChromium();
  const found: { url: string; text: string; fonts: { familyName: string; isCustomFont: boolean; glyphCount: number }[] }[] = [];
  try {
    for (const url of readerPages(site)) {
      const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
      await page.goto(server.origin + url, { waitUntil: "networkidle" });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: false });
      type DomNode = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: DomNode[] };
      const walk = async (node: DomNode): Promise<void> => {
        if (["SCRIPT", "STYLE", "HEAD", "TITLE", "svg"].includes(node.nodeName)) return;
        // Chromium counts the glyphs of the element's inline descendants with its own: so does the text.
        const textOf = (n: DomNode): string => (n.nodeType === 3 ? n.nodeValue : ["SCRIPT", "STYLE", "svg"].includes(n.nodeName) ? "" : (n.children ?? []).map(textOf).join(""));
        const own = (node.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("");
        const text = textOf(node);
        if (node.nodeType === 1 && own.trim()) {
          const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: node.nodeId });
          found.push({ url, text, fonts });
        }
        for (const child of node.children ?? []) await walk(child);
      };
      await walk(root as DomNode);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return found;
}

/** Every character of the pages' visible text. */
function pageText(site: string): Set<string> {
  const chars = new Set<string>();
  for (const url of readerPages(site)) {
    for (const c of parse(fs.readFileSync(fileForUrl(site, url), "utf8")).querySelector("body")?.text ?? "") chars.add(c);
  }
  return chars;
}

const zine = path.join(work, "zine");
fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
const chapter = path.join(zine, "chapitres/02-le-voyage.md");
// A letter ours never uses, and a bold word with another (a few bold characters: a cut of their own).
fs.appendFileSync(chapter, "\nUn détour par L’Haÿ-les-Roses, puis **Øresund**.\n");
const [ours, kit, english] = await Promise.all([build("nous"), build("kit", { ZINE_DIR: zine }), build("outils", { ZINE_DIR: path.join(PROJECT_ROOT, "test/fixtures/tool-library") })]);
/** The three built sites every Chromium check runs on, by name. */
const SITES: [string, () => string][] = [
  ["our zine", () => ours],
  ["the kit fixture", () => kit],
  ["the English kit fixture", () => english],
];

it.each(SITES)("draws every text of %s with the web fonts, never a system font standing in for a glyph a subset lacks", async (_, site) => {
  const drawn = await drawnWith(site());
  expect(drawn.length).toBeGreaterThan(100);
  // A face names itself after its family (« Space Grotesk Light Medium » is our Space Grotesk 500).
  const ours = (name: string) => faces.some((face) => name.startsWith(face.family));
  // A glyph from elsewhere is right only for a character outside the latin range (the footnotes' ↩).
  const stand = drawn.filter(({ text, fonts }) => {
    const foreign = [...text].filter((c) => !latin(c) && !/[\uFE00-\uFE0F]/.test(c)).length;
    return fonts.filter((f) => !f.isCustomFont || !ours(f.familyName)).reduce((sum, f) => sum + f.glyphCount, 0) > foreign;
  });
  expect(stand.map(({ url, text, fonts }) => `${url} « ${text.trim().slice(0, 60)} » : ${fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(", ")}`)).toEqual([]);
  // Text and headings: both families are drawn.
  const families = drawn.flatMap(({ fonts }) => fonts.filter((f) => f.isCustomFont).map((f) => f.familyName));
  expect(families.some((name) => name.startsWith("Literata")) && families.some((name) => name.startsWith("Space Grotesk"))).toBe(true);
});

it("has a glyph for every character a reader sees, in a web face and in the print edition's body face", async () => {
  const web: Awaited<ReturnType<typeof readFont>>[] = [];
  for (const face of webFaces) web.push(await readFont(ours, face.file)); // one at a time: the WOFF2 decoder is not reentrant
  const print = await readFont(ours, "literata-400.woff2", true);
  const shown = [...pageText(ours)].filter((c) => c.trim() && latin(c));
  expect(shown.filter((c) => web.every((font) => font.charToGlyphIndex(c) === 0))).toEqual([]);
  expect(shown.filter((c) => print.charToGlyphIndex(c) === 0)).toEqual([]);
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

it("cuts each face to what it shows: the italic and the display faces lack what only the body text has", async () => {
  const body = await readFont(ours, "literata-400.woff2");
  const italic = await readFont(ours, "literata-400-italic.woff2");
  const headings = await readFont(ours, "space-grotesk-700.woff2");
  expect(body.charToGlyphIndex("%")).not.toBe(0);
  expect(italic.charToGlyphIndex("%")).toBe(0);
  expect(headings.charToGlyphIndex("%")).toBe(0);
  const held = (font: typeof body) => [..."0123456789()%;"].filter((c) => font.charToGlyphIndex(c) !== 0).length;
  expect(held(italic)).toBeLessThan(held(body));
  for (const file of ["literata-400.woff2", "literata-400-italic.woff2", "space-grotesk-700.woff2"]) {
    expect(fs.statSync(path.join(ours, "assets/fonts/web", file)).size, file).toBeLessThan(fs.statSync(path.join(ours, "assets/fonts", file)).size);
  }
  // Space Grotesk 500 is the print edition's alone: the web pages show its family in bold, one file less to fetch.
  expect(fs.existsSync(path.join(ours, "assets/fonts/web/space-grotesk-500.woff2"))).toBe(false);
  expect(fs.existsSync(path.join(ours, "assets/fonts/space-grotesk-500.woff2"))).toBe(true);
  expect(fs.readFileSync(path.join(ours, "assets/css/site.css"), "utf8")).not.toContain("space-grotesk-500");
});

it("keeps the print edition's faces cut to every character of the site, whatever a web face shows", async () => {
  const print = await readFont(ours, "literata-400-italic.woff2", true);
  for (const c of "%0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàç«»’") expect(print.charToGlyphIndex(c), c).not.toBe(0);
  const css = fs.readFileSync(path.join(PROJECT_ROOT, "print/polices.css"), "utf8");
  for (const face of faces) {
    expect(css).toContain(`/assets/fonts/${face.file}`);
    expect(fs.existsSync(path.join(ours, "assets/fonts", face.file)), face.file).toBe(true);
  }
});

it("preloads one web face per page: the body face, or on a chapter the italic of its summary (its first text under the title)", () => {
  const chapters = readerPages(ours).filter((url) => url.startsWith("/chapitres/"));
  expect(chapters.length).toBeGreaterThan(0);
  for (const url of readerPages(ours)) {
    const html = fs.readFileSync(fileForUrl(ours, url), "utf8");
    const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="font"/g)].map((m) => m[1]);
    const chapter = chapters.includes(url);
    expect(preloads, url).toEqual([chapter ? "/assets/fonts/web/literata-400-italic.woff2" : "/assets/fonts/web/literata-400.woff2"]);
    if (chapter) expect(html, url).toMatch(/<p class="chapitre-resume">[^<]+/);
  }
  for (const file of ["literata-400.woff2", "literata-400-italic.woff2"]) expect(fs.existsSync(path.join(ours, "assets/fonts/web", file)), file).toBe(true);
});

it("declares each face with font-display and a metric-matched fallback, and preloads one face at most", () => {
  // site.css declares the faces every page may show; code.css the code face, gras.css Literata's bold, gras-italique.css its italic.
  const dir = path.join(ours, "assets/css");
  const css = fs.readdirSync(dir).filter((file) => file.endsWith(".css")).map((file) => fs.readFileSync(path.join(dir, file), "utf8")).join("\n");
  const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
  const web = faces.filter((f) => f.includes("url("));
  // Each web face once in the shared sheets, and once more in each page's own bold sheet (its own cut).
  const own = fs.readdirSync(dir).filter((file) => /^gras(-italique)?-[0-9a-f]{8}\.css$/.test(file));
  expect(own.length).toBeGreaterThan(0);
  expect(web).toHaveLength(webFaces.length + own.length);
  for (const face of web) expect(face).toMatch(/font-display:swap;unicode-range:U\+/);
  const fallbacks = faces.filter((f) => f.includes("local("));
  expect(fallbacks.length).toBeGreaterThanOrEqual(2);
  for (const face of fallbacks) expect(face).toMatch(/size-adjust:\d+(\.\d+)?%;ascent-override:\d+(\.\d+)?%;descent-override:/);
  for (const url of htmlPages(ours)) {
    const html = fs.readFileSync(fileForUrl(ours, url), "utf8");
    expect((html.match(/rel="preload"[^>]*as="font"/g) ?? []).length, url).toBeLessThanOrEqual(1);
  }
});

it.each(SITES)("never slants or thickens a face by itself on %s: every bold or italic text has a real bold or italic face of its family (Literata's bold from gras.css where a page shows it)", async (_, site) => {
  const server = await serveFolder(site());
  const browser = await launchChromium();
  const faux: string[] = [];
  let bold = 0;
  try {
    for (const url of readerPages(site())) {
      const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
      await page.goto(server.origin + url, { waitUntil: "networkidle" });
      const found = await page.evaluate(async () => {
        await document.fonts.ready;
        const faces = [...document.fonts].map((f) => ({ family: f.family.replace(/^["']|["']$/g, ""), weight: Number(f.weight), style: f.style }));
        const out: { faux: string[]; bold: number } = { faux: [], bold: 0 };
        for (const el of document.querySelectorAll("body *")) {
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          if (!own) continue;
          const style = getComputedStyle(el);
          const family = style.fontFamily.split(",")[0].trim().replace(/^["']|["']$/g, "");
          const mine = faces.filter((f) => f.family === family);
          if (!mine.length) continue;
          const weight = Number(style.fontWeight);
          const italic = style.fontStyle === "italic";
          const styled = mine.filter((f) => (f.style === "italic") === italic);
          if (italic && !styled.length) out.faux.push(`${el.tagName} italique ${family}`);
          if (weight >= 600 && !(styled.length ? styled : mine).some((f) => f.weight >= 600)) out.faux.push(`${el.tagName} gras ${family} ${style.fontStyle}`);
          if (family === "Literata" && weight >= 600) out.bold++;
        }
        return out;
      });
      faux.push(...found.faux.map((f) => `${url} ${f}`));
      bold += found.bold;
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  expect(faux).toEqual([]);
  if (site() === ours) expect(bold, "our zine shows Literata's bold on some page").toBeGreaterThan(0);
});

it("links gras.css only from the pages that show Literata's bold, gras-italique.css only from those that show its italic", () => {
  const linking = (sheet: string) => htmlPages(ours).filter((url) => fs.readFileSync(fileForUrl(ours, url), "utf8").includes(`href="/assets/css/${sheet}"`));
  expect(linking("gras.css")).toContain("/ressources/");
  expect(linking("gras.css")).not.toContain("/");
  expect(linking("gras.css").length).toBeLessThan(readerPages(ours).length / 2);
  // The resources' titles of works are bold italic; a chapter's <strong> is bold upright only.
  expect(linking("gras-italique.css")).toEqual(["/ressources/"]);
  // A chapter with two bold words links a sheet of its own instead (below).
  expect(linking("gras.css")).not.toContain("/chapitres/lutter-ensemble/");
  expect(fs.readFileSync(path.join(ours, "assets/css/site.css"), "utf8")).not.toContain("literata-700");
});

/** The own bold sheets (gras-1a2b3c4d.css) a page links. */
const ownSheets = (html: string): string[] => [...html.matchAll(/href="\/assets\/css\/(gras(?:-italique)?-[0-9a-f]{8})\.css"/g)].map((m) => m[1]);

it.each(SITES)("gives a page of %s that shows a few words in bold a cut of its own, holding their characters, lighter than the cut pages with more bold share", async (_, site) => {
  let pages = 0;
  for (const url of readerPages(site())) {
    const html = fs.readFileSync(fileForUrl(site(), url), "utf8");
    const own = ownSheets(html).filter((sheet) => !sheet.startsWith("gras-italique"));
    if (!own.length) continue;
    pages++;
    expect(own, url).toHaveLength(1);
    expect(html, url).not.toContain('href="/assets/css/gras.css"');
    // Its sheet declares Literata's bold from its own file, with the shared sheet's fallbacks.
    const css = fs.readFileSync(path.join(site(), "assets/css", `${own[0]}.css`), "utf8");
    const file = `literata-700-${own[0].slice("gras-".length)}.woff2`;
    expect(css).toContain(`src:url("/assets/fonts/web/${file}")`);
    expect(css.match(/@font-face\{[^}]*\}/g)?.length).toBe((fs.readFileSync(path.join(site(), "assets/css/gras.css"), "utf8").match(/@font-face\{[^}]*\}/g) ?? []).length);
    // Every character of the page's bold text is in it; a few characters, not the shared cut's many.
    const bold = parse(html).querySelectorAll("main strong, main b").map((el) => el.text).join("");
    const font = await readFont(site(), file);
    expect([...bold].filter((c) => c.trim() && font.charToGlyphIndex(c) === 0), url).toEqual([]);
    const characters = (f: typeof font) => Object.keys((f as unknown as { tables: { cmap: { glyphIndexMap: Record<string, number> } } }).tables.cmap.glyphIndexMap).length;
    expect(characters(font), url).toBeLessThanOrEqual(25);
    // Where the shared cut holds more (the pages with more bold text), the page's own is lighter.
    if (characters(await readFont(site(), "literata-700.woff2")) > characters(font) + 10) {
      expect(fs.statSync(path.join(site(), "assets/fonts/web", file)).size, url).toBeLessThan(fs.statSync(path.join(site(), "assets/fonts/web/literata-700.woff2")).size);
    }
  }
  // Ours: « Camera Adversaria », « Fawkes » (lutter-ensemble); the kits: a bold phrase in a chapter.
  expect(pages).toBeGreaterThan(0);
  if (site() === kit) {
    const html = fs.readFileSync(fileForUrl(kit, "/chapitres/le-voyage/"), "utf8");
    const [sheet] = ownSheets(html);
    expect((await readFont(kit, `literata-700-${sheet.slice("gras-".length)}.woff2`)).charToGlyphIndex("Ø")).not.toBe(0);
  }
});

/** The tables of an sfnt, by tag. */
const tableTags = (sfnt: Buffer): string[] => Array.from({ length: sfnt.readUInt16BE(4) }, (_, i) => sfnt.toString("latin1", 12 + 16 * i, 16 + 16 * i));

/**
 * A page as Chromium lays it out and draws it at 375 px: every line box of
 * every text (its top, height and first words: where the lines break), and
 * the screenshot's pixels. `fonts`: web fonts served in place of the site's.
 */
async function laidOut(browser: Awaited<ReturnType<typeof launchChromium>>, origin: string, url: string, fonts?: Map<string, Buffer>): Promise<{ lines: string[]; pixels: Buffer }> {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  if (fonts) await page.route(/\/assets\/fonts\/web\/[^/]+\.woff2$/, (route) => route.fulfill({ body: fonts.get(path.basename(new URL(route.request().url()).pathname))!, contentType: "font/woff2" }));
  await page.goto(origin + url, { waitUntil: "networkidle" });
  const lines = await page.evaluate(async () => {
    await document.fonts.ready;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      if (!walker.currentNode.textContent!.trim()) continue;
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) out.push(`${r.y.toFixed(2)} ${r.height.toFixed(2)} ${walker.currentNode.textContent!.trim().slice(0, 30)}`);
    }
    return out;
  });
  const pixels = await sharp(await page.screenshot({ fullPage: true })).raw().toBuffer();
  await page.close();
  return { lines, pixels };
}

/** How many bytes of two screenshots differ (a different size: all of them). */
const pixelsApart = (a: Buffer, b: Buffer): number => (a.length !== b.length ? Math.max(a.length, b.length) : a.reduce((n, v, i) => n + (v === b[i] ? 0 : 1), 0));

it.each(SITES)("keeps on %s the kerning its pages show, and only that: a kern table in place of each web cut's GPOS, every page laid out in Chromium as with the whole GPOS", async (_, site) => {
  const { default: subsetFont } = await import("subset-font");
  // The reference: each web face cut again to its characters with the same options, its GPOS kept whole; the control: no kerning at all.
  const reference = new Map<string, Buffer>();
  const unkerned = new Map<string, Buffer>();
  // Every web cut served: each face's, and the pages' own cuts of Literata's bold (literata-700-1a2b3c4d.woff2).
  const cuts = fs.readdirSync(path.join(site(), "assets/fonts/web")).map((file) => ({ file, face: webFaces.find((f) => file === f.file || file.replace(/-[0-9a-f]{8}\.woff2$/, ".woff2") === f.file)! }));
  expect(cuts.every(({ face }) => face)).toBe(true);
  for (const { file, face } of cuts) {
    const served = await fontverter.convert(fs.readFileSync(path.join(site(), "assets/fonts/web", file)), "sfnt");
    expect(tableTags(served), file).not.toContain("GPOS");
    const font = opentype.parse(served.buffer.slice(served.byteOffset, served.byteOffset + served.byteLength) as ArrayBuffer) as unknown as { tables: { cmap: { glyphIndexMap: Record<string, number> } } };
    const chars = Object.keys(font.tables.cmap.glyphIndexMap).map((code) => String.fromCodePoint(Number(code))).join("");
    const { source, options } = cutOptions(face, true);
    reference.set(file, Buffer.from(await subsetFont(fs.readFileSync(source), chars, options)));
    const sfnt = Buffer.from(await subsetFont(fs.readFileSync(source), chars, { ...options, targetFormat: "truetype" }));
    unkerned.set(file, await fontverter.convert(withKernTable(sfnt, new Map())!, "woff2"));
  }
  const server = await serveFolder(site());
  const browser = await launchChromium();
  let lines = 0;
  let apart = 0;
  let control = 0;
  try {
    for (const url of readerPages(site())) {
      const served = await laidOut(browser, server.origin, url);
      const whole = await laidOut(browser, server.origin, url, reference);
      // The same lines, broken at the same words; the glyphs where the GPOS puts them, but for a rounding: a kern
      // table gives half a pair's kerning to each glyph (HarfBuzz), which can move an edge pixel's shade, nothing more.
      expect(served.lines, url).toEqual(whole.lines);
      const differ = pixelsApart(served.pixels, whole.pixels);
      expect(differ, url).toBeLessThan(600);
      lines += served.lines.length;
      apart += differ;
      if (site() === ours && url.startsWith("/chapitres/")) control += pixelsApart(served.pixels, (await laidOut(browser, server.origin, url, unkerned)).pixels);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  expect(lines).toBeGreaterThan(100);
  // Without kerning, our chapters' text moves by whole glyphs: far more than the rounding above.
  if (site() === ours) expect(control, "sans crénage").toBeGreaterThan(100 * Math.max(apart, 1000));
});

it("sets the site's French prose as wide in each fallback of the text face this machine has as in Literata (within 1 %), so lines break alike before and after the fonts arrive", async () => {
  const server = await serveFolder(ours);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(server.origin + "/a-propos/", { waitUntil: "networkidle" });
    const widths = await page.evaluate(async () => {
      // The about page's prose: French the measured widths never saw (they were measured on the chapters).
      const text = [...document.querySelectorAll("main p")].map((p) => p.textContent ?? "").join(" ").replace(/\s+/g, " ");
      const faces: [string, string[], number, string][] = [
        ["Literata", ["Literata repli", "Literata repli DejaVu"], 400, "normal"],
        ["Literata", ["Literata repli", "Literata repli DejaVu"], 400, "italic"],
        ["Literata", ["Literata repli", "Literata repli DejaVu"], 700, "normal"],
        ["Literata", ["Literata repli", "Literata repli DejaVu"], 700, "italic"],
        // Space Grotesk sets headings, not prose: its fallback keeps capsize's average (scripts/site/fonts.ts).
      ];
      const found: { face: string; fallback: string; ratio: number }[] = [];
      const width = (family: string, weight: number, style: string): number => {
        const span = document.createElement("span");
        Object.assign(span.style, { fontFamily: `"${family}"`, fontWeight: String(weight), fontStyle: style, whiteSpace: "nowrap", fontSize: "20px", fontKerning: "normal" });
        span.textContent = text;
        document.body.append(span);
        const w = span.getBoundingClientRect().width;
        span.remove();
        return w;
      };
      for (const [family, fallbacks, weight, style] of faces) {
        const font = `${style} ${weight} 20px "${family}"`;
        await document.fonts.load(font, text);
        for (const fallback of fallbacks) {
          // Only a fallback whose local() font this machine has (DejaVu on Debian, Liberation where installed).
          const loaded = await document.fonts.load(`${style} ${weight} 20px "${fallback}"`, text).catch(() => []);
          if (!loaded.length) continue;
          found.push({ face: `${family} ${weight} ${style}`, fallback, ratio: width(fallback, weight, style) / width(family, weight, style) });
        }
      }
      return { found, length: text.length };
    });
    expect(widths.length).toBeGreaterThan(1000);
    expect(widths.found.length, "aucune police de repli locale (DejaVu, Liberation) sur cette machine").toBeGreaterThanOrEqual(4);
    for (const { face, fallback, ratio } of widths.found) expect(Math.abs(ratio - 1), `${fallback} pour ${face} : ${ratio.toFixed(4)}`).toBeLessThan(0.01);
  } finally {
    await browser.close();
    await server.close();
  }
});

it("npm start: a save that brings no new character rewrites no font; one that brings an italic ÿ re-cuts the italic; one that brings a few bold words writes their own sheet and cut", async () => {
  process.env.ZINE_CACHE = path.join(work, "cache-dev");
  const site = path.join(work, "dev", "_site");
  fs.cpSync(ours, site, { recursive: true });
  await writeFonts(site);
  const italic = path.join(site, "assets/fonts/web/literata-400-italic.woff2");
  const before = fs.statSync(italic).mtimeMs;
  const chapter = path.join(site, "chapitres/automatisation/index.html");
  const html = fs.readFileSync(chapter, "utf8");
  await writeFonts(site, [{ content: html, outputPath: chapter }]);
  expect(fs.statSync(italic).mtimeMs).toBe(before);
  expect((await readFont(site, "literata-400-italic.woff2")).charToGlyphIndex("ÿ")).toBe(0);
  const saved = html.replace("</main>", "<p><em>L’Haÿ</em></p></main>");
  fs.writeFileSync(chapter, saved);
  await writeFonts(site, [{ content: saved, outputPath: chapter }]);
  expect((await readFont(site, "literata-400-italic.woff2")).charToGlyphIndex("ÿ")).not.toBe(0);
  // Shown in italic only: the body face's web cut still lacks it, the print copy has it.
  expect((await readFont(site, "literata-400.woff2")).charToGlyphIndex("ÿ")).toBe(0);
  expect((await readFont(site, "literata-400.woff2", true)).charToGlyphIndex("ÿ")).not.toBe(0);
  // A save that brings a bold word: its page links a sheet of its own (as the layout does, from boldSheets), written with its cut.
  const [sheet] = boldSheets("<p><strong>Øresund</strong></p>");
  expect(sheet).toMatch(/^gras-[0-9a-f]{8}$/);
  const bolder = saved.replace("</head>", `<link rel="stylesheet" href="/assets/css/${sheet}.css">\n</head>`).replace("</main>", "<p><strong>Øresund</strong></p></main>");
  fs.writeFileSync(chapter, bolder);
  await writeFonts(site, [{ content: bolder, outputPath: chapter }]);
  expect(fs.readFileSync(path.join(site, `assets/css/${sheet}.css`), "utf8")).toContain(`literata-700-${sheet.slice(5)}.woff2`);
  expect((await readFont(site, `literata-700-${sheet.slice(5)}.woff2`)).charToGlyphIndex("Ø")).not.toBe(0);
  expect((await readFont(site, "literata-700.woff2")).charToGlyphIndex("Ø")).toBe(0);
});
