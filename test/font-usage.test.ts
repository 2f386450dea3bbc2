/**
 * Which characters each web face shows (scripts/site/font-usage.ts), read
 * from a stylesheet and pages written for the test, and the stylesheet's
 * minifier. The same model on the real built site is checked against
 * Chromium's computed styles in test/e2e/fonts.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { faceCharacters, faceKey, feedPage, fontRules, matchWeight, type FaceKey } from "../scripts/site/font-usage.ts";
import { boldSheets, faces, fontFaceCss, minifyCss, pageCss, siteCss, webFaces } from "../scripts/site/fonts.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

const FACES: FaceKey[] = [
  { family: "Serif", weight: 400, style: "normal" },
  { family: "Serif", weight: 400, style: "italic" },
  { family: "Serif", weight: 700, style: "normal" },
  { family: "Sans", weight: 500, style: "normal" },
  { family: "Sans", weight: 700, style: "normal" },
];

const CSS = `
:root { --text: "Serif", "Serif repli", serif; --display: "Sans", Arial, sans-serif; }
body { font-family: var(--text); }
/* a comment { font-family: var(--display) } */
h1, .titre { font-family: var(--display); font-weight: 700; }
.etiquette { font-family: var(--display); text-transform: uppercase; }
.etiquette span { font-weight: 500; }
.resume { font-style: italic; }
ol.sommaire li::marker { font-family: var(--display); font-weight: 700; }
a:hover .survol { font-weight: bold; }
@media print { a[href^="http"]::after { content: " (" attr(href) ")"; } }
`;

/** The characters a face got, sorted. */
function shown(pages: string[], face: FaceKey, css = CSS): string {
  return [...faceCharacters(pages, css, FACES).get(faceKey(face))!].sort().join("");
}

const page = (body: string) => `<!doctype html><html><head><title>Qqq</title><style>.x{}</style></head><body>${body}</body></html>`;

describe("the faces a page shows", () => {
  it("gives each face the characters of the text set in it, and nothing of the head or of drawings", () => {
    const html = page(`<h1>Abc</h1><p>xyz <em>ij</em> <strong>k</strong></p><p class="resume">mn</p><svg><title>Www</title></svg>`);
    expect(shown([html], FACES[3])).toBe("");
    expect(shown([html], FACES[4])).toBe("Abc");
    // The paragraph's text, the spaces between the inline elements; not the <title> nor the SVG's.
    expect(shown([html], FACES[0])).toBe(" xyz");
    expect(shown([html], FACES[1])).toBe("ijmn");
    // <strong> is bold by the browser's own stylesheet.
    expect(shown([html], FACES[2])).toBe("k");
  });

  it("follows text-transform, the nearest weight a family has, and nested rules", () => {
    const html = page(`<p class="etiquette">é<span>q</span></p><p class="titre">t</p>`);
    // Normal weight (400) in a family of 500 and 700: the browser takes 500.
    expect(shown([html], FACES[3])).toBe("QqÉé");
    expect(shown([html], FACES[4])).toBe("t");
  });

  it("counts an ordered list's numbers in its marker's face, and a pseudo-element's content", () => {
    const html = page(`<ol class="sommaire"><li>a</li></ol><a href="http://z.q/">l</a>`);
    expect(shown([html], FACES[4])).toBe(" .0123456789");
    // What a printed page shows after an outside link: its address, in the link's face.
    expect(shown([html], FACES[0])).toContain("z");
    expect(shown([html], FACES[0])).toContain("(");
  });

  it("counts a rule that may apply (hover, media query) rather than miss a character", () => {
    const html = page(`<a href="/"><span class="survol">h</span></a>`);
    expect(shown([html], FACES[2])).toBe("h");
    expect(shown([html], FACES[0])).toBe("h");
  });

  it("falls back to the upright face when a family has no italic, as browsers do", () => {
    const html = page(`<h1><em>v</em></h1>`);
    expect(shown([html], FACES[4])).toBe("v");
  });

  it("refuses the font shorthand it can't read, naming the rule", () => {
    expect(() => fontRules(".x { font: italic 1rem Serif }")).toThrow(/« \.x ».*font-family/);
  });

  it("matches weights as CSS Fonts says", () => {
    expect(matchWeight(400, [500, 700])).toBe(500);
    expect(matchWeight(400, [300, 700])).toBe(300);
    expect(matchWeight(600, [500, 700])).toBe(700);
    expect(matchWeight(600, [400, 500])).toBe(500);
    expect(matchWeight(300, [400, 700])).toBe(400);
    expect(matchWeight(700, [400])).toBe(400);
  });

  it("reads the site's own stylesheets: body text in Literata, headings in Space Grotesk bold, code in IBM Plex Mono", () => {
    const css = ["site.css", "pages/code.css"].map((file) => fs.readFileSync(path.join(ROOT, "_includes/css", file), "utf8")).join("\n");
    const found = faceCharacters([page(`<h1>Hé</h1><p>ok <em>it</em></p><code>c</code>`)], css, faces);
    expect([...found.get("Space Grotesk|700|normal")!].sort().join("")).toBe("Hé");
    expect([...found.get("Literata|400|normal")!].sort().join("")).toBe(" ko");
    expect([...found.get("Literata|400|italic")!].sort().join("")).toBe("it");
    expect([...found.get("IBM Plex Mono|400|normal")!].sort().join("")).toBe("c");
  });

  it("shows Space Grotesk's labels in its bold on the web, where the 500 is print only", () => {
    const css = fs.readFileSync(path.join(ROOT, "_includes/css/site.css"), "utf8");
    expect(webFaces.some((face) => face.family === "Space Grotesk" && face.weight === 500)).toBe(false);
    const found = faceCharacters([page(`<p class="chapitre-numero">Chapitre</p><h1>Titre</h1>`)], css, webFaces);
    // The label is in capitals (text-transform): both cases of its letters.
    expect([...found.get("Space Grotesk|700|normal")!].sort().join("")).toBe("ACEHIPRTaehiprt");
  });
});

describe("the feed as feed.xsl shows it", () => {
  it("puts the feed's and each entry's text where the stylesheet's xsl:value-of are", () => {
    const xsl = `<xsl:template match="/atom:feed"><html><body><h1><xsl:value-of select="atom:title"/></h1><ol><xsl:for-each select="atom:entry"><li><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a><p><xsl:value-of select="atom:summary"/></p></li></xsl:for-each></ol></body></html></xsl:template>`;
    const feed = `<feed><title>Le flux</title><entry><title>Un &amp; deux</title><summary>Résumé &lt;un&gt;</summary><content type="html">&lt;p&gt;caché&lt;/p&gt;</content></entry><entry><title>Trois</title><summary>Quatre</summary></entry></feed>`;
    expect(feedPage(xsl, feed)).toBe(`<html><body><h1>Le flux</h1><ol><li><a href="{atom:link/@href}">Un &amp; deux</a><p>Résumé &lt;un></p></li><li><a href="{atom:link/@href}">Trois</a><p>Quatre</p></li></ol></body></html>`);
  });
});

describe("the stylesheet as served", () => {
  it("loses comments and white space, never a meaningful space or a string", () => {
    const css = `/* note */\nmain :focus { outline: none ; }\n.a > b , c { width: calc(100% - 2.5rem); margin: 0 0.5rem -0.25em; }\na::after { content: " ( /* pas un commentaire */ " attr(href) ")"; }\n@media (min-width: 40rem) { .x { gap: 0.5rem 1rem } }`;
    expect(minifyCss(css)).toBe(
      `main :focus{outline:none}.a>b,c{width:calc(100% - 2.5rem);margin:0 .5rem -.25em}a::after{content:" ( /* pas un commentaire */ " attr(href) ")"}@media (min-width:40rem){.x{gap:.5rem 1rem}}`,
    );
  });

  it("gives every face its own metric-matched fallback: an italic, narrower than its regular, gets a smaller size-adjust", () => {
    const rules = fontFaceCss().split("\n").filter((rule) => rule.includes("local("));
    const sizeOf = (family: string, weight: number, italic: boolean) => {
      const rule = rules.find((r) => r.includes(`font-family:"${family}"`) && (weight === 400 ? !r.includes("font-weight:") : r.includes(`font-weight:${weight};`)) && r.includes("font-style:italic") === italic);
      expect(rule, `${family} ${weight} ${italic}`).toBeDefined();
      return Number(rule!.match(/size-adjust:([\d.]+)%/)![1]);
    };
    for (const face of webFaces) for (const family of [`${face.family} repli`, `${face.family} repli DejaVu`]) sizeOf(family, face.weight, face.style === "italic");
    expect(sizeOf("Literata repli DejaVu", 400, true)).toBeLessThan(sizeOf("Literata repli DejaVu", 400, false));
    expect(sizeOf("Literata repli", 400, true)).toBeLessThan(sizeOf("Literata repli", 400, false));
    expect(rules.find((r) => r.includes('local("DejaVu Serif Italic")'))).toContain("font-style:italic");
  });

  it("keeps every rule of site.css, and leaves the code face to code.css and Literata's bold to gras.css (its italic to gras-italique.css)", () => {
    const source = fs.readFileSync(path.join(ROOT, "_includes/css/site.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const faceRules = fontFaceCss((face) => face.family !== "IBM Plex Mono" && !(face.family === "Literata" && face.weight === 700));
    expect(siteCss().startsWith(faceRules)).toBe(true);
    const served = siteCss().slice(faceRules.length);
    expect((served.match(/\{/g) ?? []).length).toBe((source.match(/\{/g) ?? []).length);
    expect(served.length).toBeLessThan(source.length);
    expect(siteCss()).not.toContain('@font-face{font-family:"IBM Plex Mono"');
    const code = pageCss("code");
    expect(code.match(/@font-face\{font-family:"IBM Plex Mono"/g)).toHaveLength(2);
    expect(code).toContain(`code,kbd,samp,pre{font-family:"IBM Plex Mono","IBM Plex Mono repli","IBM Plex Mono repli DejaVu",monospace`);
    // gras.css: the bold upright and its two fallbacks; gras-italique.css: the bold italic and its two.
    const bold = pageCss("gras");
    expect(bold.match(/@font-face\{font-family:"Literata";src:url\([^)]*literata-700(-italic)?\.woff2"\)/g)).toEqual([`@font-face{font-family:"Literata";src:url("/assets/fonts/web/literata-700.woff2")`]);
    expect(bold.match(/@font-face\{font-family:"Literata repli( DejaVu)?";[^}]*font-weight:700[;}]/g)).toHaveLength(2);
    expect(bold).not.toContain("font-style:italic");
    const boldItalic = pageCss("gras-italique");
    expect(boldItalic.match(/@font-face\{font-family:"Literata";src:url\([^)]*literata-700(-italic)?\.woff2"\)/g)).toEqual([`@font-face{font-family:"Literata";src:url("/assets/fonts/web/literata-700-italic.woff2")`]);
    expect(boldItalic.match(/@font-face\{font-family:"Literata repli( DejaVu)?";[^}]*font-weight:700;font-style:italic/g)).toHaveLength(2);
    expect(siteCss()).not.toContain("font-weight:700;font-style:italic");
    expect(siteCss()).not.toContain("literata-700");
  });

  it("gives a page with a few bold words a sheet of its own, named by their characters, declaring its own cut; more bold text, the shared sheet", () => {
    const [upright] = boldSheets("<p>Un <strong>Øresund</strong> ici.</p>");
    expect(upright).toMatch(/^gras-[0-9a-f]{8}$/);
    // The same characters, the same sheet; others, another.
    expect(boldSheets("<ul><li><strong>Øresund</strong></li><li><b>sundØre</b></li></ul>")).toEqual([upright]);
    expect(boldSheets("<p><strong>Öresund</strong></p>")[0]).not.toBe(upright);
    const css = pageCss(upright);
    expect(css.match(/src:url\("[^"]+"\)/g)).toEqual([`src:url("/assets/fonts/web/literata-700-${upright.slice(5)}.woff2")`]);
    expect(css.match(/@font-face\{/g)).toHaveLength(pageCss("gras").match(/@font-face\{/g)!.length);
    expect(css.replace(/literata-700-[0-9a-f]{8}/, "literata-700")).toBe(pageCss("gras"));
    // Its bold italic likewise, in a sheet of its own.
    const [italic] = boldSheets("<p><strong><em>Øre</em></strong></p>");
    expect(italic).toMatch(/^gras-italique-[0-9a-f]{8}$/);
    expect(pageCss(italic)).toContain(`src:url("/assets/fonts/web/literata-700-italic-${italic.slice("gras-italique-".length)}.woff2");font-weight:700;font-style:italic`);
    // 24 characters at most; a 25th, the shared sheet.
    const alphabet = "abcdefghijklmnopqrstuvwxyz";
    expect(boldSheets(`<p><strong>${alphabet.slice(0, 23)} </strong></p>`)[0]).toMatch(/^gras-[0-9a-f]{8}$/);
    expect(boldSheets(`<p><strong>${alphabet.slice(0, 24)} </strong></p>`)).toEqual(["gras"]);
    expect(boldSheets("<p>Rien en gras.</p>")).toEqual([]);
  });
});

describe("the faces cut in worker threads", () => {
  it("gives the very bytes subset-font gives in the main thread, in the jobs' order", async () => {
    const { default: subsetFont } = await import("subset-font");
    const { subsetAll } = await import("../scripts/site/subset-pool.ts");
    const source = path.join(ROOT, "node_modules/@fontsource/literata/files/literata-latin-400-normal.woff2");
    const options = { targetFormat: "woff2", noHinting: true, keepFeatures: ["kern", "liga"] };
    const jobs = ["Abc", "défi", "xyz 123"].map((text) => ({ source, text, options }));
    const threaded = await subsetAll(jobs);
    expect(threaded).toHaveLength(3);
    for (const [i, job] of jobs.entries()) expect(Buffer.from(threaded[i]).equals(Buffer.from(await subsetFont(fs.readFileSync(source), job.text, options))), job.text).toBe(true);
    expect(Buffer.from(threaded[0]).equals(Buffer.from(threaded[1]))).toBe(false);
  });
});
