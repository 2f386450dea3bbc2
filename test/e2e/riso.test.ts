/**
 * The riso edition on real output: the Technopolice zine and the kit
 * fixture, each built by the real build command, then read the way a riso
 * studio would: poppler renders the pages and reads the text, qpdf shows
 * the content streams. What each page should carry comes from
 * the reading edition's text and the chapters' Markdown, not from the code
 * under test.
 */
import { describe, it, expect, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import sharp from "sharp";
import yaml from "js-yaml";
import { PDFDocument, rgb } from "pdf-lib";
import { buildInto, PROJECT_ROOT } from "./support/build.ts";
import { printFileName, risoProofName, type EditionKey } from "../../print/editions.ts";
import { checkRiso, greyToSpot, toGrey, PINK_RGB, PROOF_DPI } from "../../print/riso.ts";
import { masters, risoEdition } from "../../print/riso-page.ts";
import { ptToMm } from "../../print/imposition.ts";

interface Zine {
  name: string;
  site: string;
  slug: string;
  chapters: string;
}

const slugOf = (dir: string) =>
  (yaml.load(fs.readFileSync(path.join(dir, "site.yaml"), "utf8")) as { title: string }).title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const KIT = path.join(PROJECT_ROOT, "test/fixtures/mini-zine");
const [technopolice, kit] = await Promise.all([buildInto("riso"), buildInto("riso-kit", { env: { ZINE_DIR: "test/fixtures/mini-zine" } })]);
const zines: Zine[] = [
  { name: "Technopolice", site: technopolice, slug: "technopolice", chapters: path.join(PROJECT_ROOT, "src/chapitres") },
  { name: "le zine du kit", site: kit, slug: slugOf(KIT), chapters: path.join(KIT, "chapitres") },
];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "zine-riso-pages-"));
afterAll(() => {
  for (const dir of [technopolice, kit]) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

const file = (zine: Zine, key: EditionKey) => path.join(zine.site, "imprimer", printFileName(key, zine.slug));

/** Each page's words with their boxes (xMin, yMin, xMax, yMax, in pt), as poppler reads them. */
function wordsByPage(pdf: string): { box: number[]; word: string }[][] {
  return execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" })
    .split("<page ")
    .slice(1)
    .map((page) => [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ box: m.slice(1, 5).map(Number), word: m[5] })));
}

/** Pages as grey pixels (255 = paper), rendered by poppler. */
function render(pdf: string, dpi: number): { width: number; height: number; data: Buffer }[] {
  const prefix = path.join(scratch, `${path.basename(pdf, ".pdf")}-${dpi}`);
  execFileSync("pdftoppm", ["-r", String(dpi), "-gray", pdf, prefix]);
  return fs
    .readdirSync(scratch)
    .filter((f) => f.startsWith(path.basename(prefix) + "-") && f.endsWith(".pgm"))
    .sort()
    .map((f) => {
      const bytes = fs.readFileSync(path.join(scratch, f));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString("latin1"))!;
      return { width: Number(header[1]), height: Number(header[2]), data: bytes.subarray(header[0].length) };
    });
}

/** The text of each page, soft hyphens and hyphenated line ends joined, letters only, lower case. */
function pagesText(pdf: string): string[] {
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  return text
    .replace(/\u00AD-?\n\s*/g, "")
    .split("\f")
    .slice(0, -1)
    .map((page) => page.toLowerCase().replace(/[^\p{L}\d]+/gu, ""));
}

/** The first words of every quotation in the chapters' Markdown (`::: citation`). */
function quotations(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/^::: citation.*\n([^\n]+)/gm)].map((m) => m[1]))
    .map((line) => line.replace(/[«»"]/g, "").trim().split(/\s+/).slice(0, 5).join(" ").toLowerCase().replace(/[^\p{L}\d]+/gu, ""));
}

/** The pages the pink drum must ink, read from the reading edition: cover, contents, chapter openings, pull quotes, back cover. */
function expectedPinkPages(zine: Zine): number[] {
  const raw = execFileSync("pdftotext", [file(zine, "lecture"), "-"], { encoding: "utf8" }).split("\f").slice(0, -1);
  const text = pagesText(file(zine, "lecture"));
  const quotes = quotations(zine.chapters);
  const layout = execFileSync("pdftotext", ["-layout", file(zine, "lecture"), "-"], { encoding: "utf8" }).split("\f");
  // The contents running on to the next page: every line an entry ending on its page number (the folio too).
  const contentsContinued = (i: number) => {
    const lines = (layout[i] ?? "").split("\n").filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => /\d\s*$/.test(l));
  };
  const pages = new Set<number>([1, raw.length]);
  let inContents = false;
  raw.forEach((page, i) => {
    inContents = /^\s*sommaire\s*$/im.test(page) || (inContents && contentsContinued(i));
    if (inContents || /^\s*chapitre\s+\d+\s*$/im.test(page)) pages.add(i + 1);
    if (quotes.some((q) => text[i].includes(q))) pages.add(i + 1);
  });
  return [...pages].sort((a, b) => a - b);
}

const inked = (data: Buffer, below: number) => data.reduce((n, v) => n + (v < below ? 1 : 0), 0);

/**
 * Colour operators (rg, RG, k, K, sc…) in the content streams of pages and
 * forms, and colour spaces other than grey anywhere outside stream data, as
 * qpdf decompresses the file (font programs left aside: they are binary).
 */
function colourOperators(pdf: string): string[] {
  const out = path.join(scratch, `${path.basename(pdf, ".pdf")}-colour-qdf.pdf`);
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", pdf, out]);
  const text = fs.readFileSync(out).toString("latin1");
  const found = new Set<string>();
  const objects = /(%% Contents for page \d+\n(?:%%[^\n]*\n)*)?\d+ 0 obj\n(<<[\s\S]*?>>)\nstream\n([\s\S]*?)endstream/g;
  for (const [, isPage, dict, data] of text.matchAll(objects)) {
    if (!isPage && !dict.includes("/Subtype /Form")) continue;
    for (const m of data.matchAll(/(?:^|\s)(rg|RG|k|K|sc|SC|scn|SCN|cs|CS)(?=\s)/g)) found.add(m[1]);
  }
  for (const m of text.replace(/stream\n[\s\S]*?endstream/g, "").matchAll(/\/(DeviceRGB|DeviceCMYK|ICCBased|Separation|DeviceN|Indexed)\b/g)) found.add(m[1]);
  return [...found].sort();
}

describe.each(zines)("the riso edition of $name", (zine) => {
  it("is there: one file per drum for the A5 pages and the booklet, the offset variant, one proof page per A5 page", async () => {
    const a5 = await PDFDocument.load(fs.readFileSync(file(zine, "lecture")));
    for (const key of ["risoRose", "risoNoir", "livretRisoRose", "livretRisoNoir", "tonDirect"] as const) expect(fs.existsSync(file(zine, key)), key).toBe(true);
    for (let page = 1; page <= a5.getPageCount(); page++) expect(fs.existsSync(path.join(zine.site, "imprimer", risoProofName(zine.slug, page))), `épreuve p. ${page}`).toBe(true);
  });

  it("has both drums in register: same page count, sizes and boxes to 0.01 mm, booklet sheets like the booklet's", async () => {
    const load = async (key: EditionKey) => PDFDocument.load(fs.readFileSync(file(zine, key)));
    const [rose, noir, lecture, livretRose, livretNoir, livret] = await Promise.all(
      (["risoRose", "risoNoir", "lecture", "livretRisoRose", "livretRisoNoir", "livret"] as const).map(load),
    );
    // Every drum's A5 page is the trim, from 0 0, as the reading edition's.
    for (const page of [...rose.getPages(), ...noir.getPages()]) {
      for (const box of [page.getMediaBox(), page.getTrimBox()]) expect([box.x, box.y]).toEqual([0, 0]);
    }
    for (const [pink, black, reference] of [
      [rose, noir, lecture],
      [livretRose, livretNoir, livret],
    ]) {
      expect(pink.getPageCount()).toBe(reference.getPageCount());
      expect(black.getPageCount()).toBe(reference.getPageCount());
      pink.getPages().forEach((page, i) => {
        for (const box of ["getMediaBox", "getTrimBox", "getBleedBox"] as const) {
          const [a, b, c] = [page[box](), black.getPage(i)[box](), reference.getPage(i)[box]()];
          for (const k of ["x", "y", "width", "height"] as const) {
            expect(Math.abs(ptToMm(a[k] - b[k])), `page ${i + 1} ${box} ${k}`).toBeLessThanOrEqual(0.01);
            expect(Math.abs(ptToMm(a[k] - c[k])), `page ${i + 1} ${box} ${k}`).toBeLessThanOrEqual(0.01);
          }
        }
      });
    }
  });

  it("prints each drum in grey only: no colour operator or colour space but DeviceGray's", () => {
    for (const key of ["risoRose", "risoNoir", "livretRisoRose", "livretRisoNoir"] as const) expect(colourOperators(file(zine, key)), key).toEqual([]);
    // The offset file, with its named spot colour, would not pass: the check can fail.
    expect(colourOperators(file(zine, "tonDirect"))).toEqual(expect.arrayContaining(["Separation", "cs", "scn"]));
  });

  it("inks the pink drum where a page has a plate or an accent, and leaves the other pages blank", () => {
    const expected = expectedPinkPages(zine);
    const pages = render(file(zine, "risoRose"), 50);
    const found = pages.flatMap((page, i) => (inked(page.data, 220) > 0 ? [i + 1] : []));
    expect(found).toEqual(expected);
    // Blank pages and inked pages both exist: the test tells them apart.
    expect(found.length).toBeGreaterThan(2);
    expect(found.length).toBeLessThan(pages.length);
  });

  it("keeps black the text meant to be read, and the pink text big (nothing under 9 pt)", () => {
    const lecture = pagesText(file(zine, "lecture"));
    const noir = pagesText(file(zine, "risoNoir"));
    // Body pages: the same words on the black drum as in the reading edition.
    const pink = new Set(expectedPinkPages(zine));
    lecture.forEach((text, i) => {
      if (!pink.has(i + 1)) expect(noir[i], `page ${i + 1}`).toBe(text);
    });
    const words = wordsByPage(file(zine, "risoRose")).flat();
    expect(words.length).toBeGreaterThan(0);
    for (const { box, word } of words) expect(box[3] - box[1], word).toBeGreaterThanOrEqual(9);
  });

  it("is the reading edition's own layout: every word on either drum sits where it sits in the reading edition, to 0.01 pt", () => {
    const lecture = wordsByPage(file(zine, "lecture"));
    let compared = 0;
    for (const key of ["risoNoir", "risoRose"] as const) {
      const drum = wordsByPage(file(zine, key));
      expect(drum.length).toBe(lecture.length);
      drum.forEach((page, p) => {
        for (const { box, word } of page) {
          // The large chapter numeral exists only on the pink drum (hidden elsewhere, it takes no room).
          if (key === "risoRose" && box[3] - box[1] > 40 && /^\d+$/.test(word)) continue;
          const same = lecture[p].some((w) => w.word === word && w.box.every((v, k) => Math.abs(v - box[k]) <= 0.01));
          expect(same, `${key}, page ${p + 1} : « ${word} » ${box.join(" ")}`).toBe(true);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("leaves nothing of the pink on the black drum: black = the reading edition minus what went to the pink", () => {
    const lecture = render(file(zine, "lecture"), 50);
    const noir = render(file(zine, "risoNoir"), 50);
    const rose = render(file(zine, "risoRose"), 50);
    let removedOnPlates = 0;
    lecture.forEach((mono, p) => {
      const { width, height } = mono;
      const near = (img: Buffer, x: number, y: number, below: number) => {
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const [xx, yy] = [x + dx, y + dy];
            if (xx >= 0 && yy >= 0 && xx < width && yy < height && img[yy * width + xx] < below) return true;
          }
        return false;
      };
      let extra = 0;
      let removed = 0;
      let unexplained = 0;
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const i = y * width + x;
          if (noir[p].data[i] < 128 && !near(mono.data, x, y, 200)) extra++;
          if (mono.data[i] < 128 && noir[p].data[i] > 230 && !near(noir[p].data, x, y, 200)) {
            removed++;
            if (!near(rose[p].data, x, y, 235)) unexplained++;
          }
        }
      expect(extra, `page ${p + 1} : encre noire absente de l’édition de lecture`).toBe(0);
      expect(unexplained, `page ${p + 1} : retiré du noir sans passer au rose`).toBeLessThanOrEqual(removed * 0.02);
      removedOnPlates += removed;
    });
    // The plates' dashes and hatch, the accents: they did leave the black drum.
    expect(removedOnPlates).toBeGreaterThan(500);
  });

  it("uses riso tints only on the pink drum: solid, paper, or between 10 and 90 %", () => {
    const out = path.join(scratch, `${zine.slug}-rose-qdf.pdf`);
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", file(zine, "risoRose"), out]);
    const greys = [...fs.readFileSync(out).toString("latin1").matchAll(/(?:^|\s)(\d*\.?\d+) [gG](?=\s)/g)].map((m) => Number(m[1]));
    expect(greys.length).toBeGreaterThan(0);
    for (const grey of greys) {
      const ink = Math.round((1 - grey) * 100);
      expect(ink === 0 || ink === 100 || (ink >= 10 && ink <= 90), `encre à ${ink} %`).toBe(true);
    }
    // The plates' spot areas are tints (the cover plate has some in both zines).
    expect(greys.some((g) => g > 0 && g < 1), "au moins une trame").toBe(true);
  });

  it("has a proof that is the two drums composited: pink multiplied with black on paper white", async () => {
    const rose = render(file(zine, "risoRose"), PROOF_DPI);
    const noir = render(file(zine, "risoNoir"), PROOF_DPI);
    for (const page of [1, ...expectedPinkPages(zine).slice(1, 3)]) {
      const proof = await sharp(path.join(zine.site, "imprimer", risoProofName(zine.slug, page))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const [pink, black] = [rose[page - 1], noir[page - 1]];
      expect([proof.info.width, proof.info.height]).toEqual([pink.width, pink.height]);
      let worst = 0;
      let pinkPixels = 0;
      for (let i = 0; i < pink.data.length; i++) {
        const coverage = 1 - pink.data[i] / 255;
        for (let c = 0; c < 3; c++) {
          const expected = 255 * (1 - coverage * (1 - PINK_RGB[c] / 255)) * (black.data[i] / 255);
          worst = Math.max(worst, Math.abs(expected - proof.data[i * 3 + c]));
        }
        const [r, g, b] = [proof.data[i * 3], proof.data[i * 3 + 1], proof.data[i * 3 + 2]];
        if (r > 200 && g < 150 && b > 120) pinkPixels++;
      }
      // The same renders (poppler), the same arithmetic: equal to the rounding of a channel.
      expect(worst, `page ${page}`).toBeLessThanOrEqual(0.5);
      expect(pinkPixels, `page ${page} : du rose fluo`).toBeGreaterThan(100);
    }
  });

  it("offers the offset variant with the pink as a named spot colour (Separation), over which the black overprints", async () => {
    const doc = await PDFDocument.load(fs.readFileSync(file(zine, "tonDirect")));
    const lecture = await PDFDocument.load(fs.readFileSync(file(zine, "lecture")));
    expect(doc.getPageCount()).toBe(lecture.getPageCount());
    const out = path.join(scratch, `${zine.slug}-ton-direct-qdf.pdf`);
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", file(zine, "tonDirect"), out]);
    const text = fs.readFileSync(out).toString("latin1");
    expect(text).toMatch(/\/Separation\s*\/Riso#20Fluorescent#20Pink\s*\/DeviceCMYK/);
    expect(text).toMatch(/\/OP true/);
    expect(text).not.toMatch(/(?:^|\s)(rg|RG)(?=\s)/m);
  });

  it("draws the offset file's pages where the reading edition draws them: every word in place, to 0.01 pt", () => {
    const lecture = wordsByPage(file(zine, "lecture"));
    const offset = wordsByPage(file(zine, "tonDirect"));
    expect(offset.length).toBe(lecture.length);
    let compared = 0;
    offset.forEach((page, p) => {
      for (const { box, word } of page) {
        // The large chapter numeral is only on the pink drum.
        if (box[3] - box[1] > 40 && /^\d+$/.test(word)) continue;
        expect(lecture[p].some((w) => w.word === word && w.box.every((v, k) => Math.abs(v - box[k]) <= 0.01)), `page ${p + 1} : « ${word} » ${box.join(" ")}`).toBe(true);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(500);
  });

  it("is explained on /imprimer/ with the proof, the files, and what to ask the studio", () => {
    const html = fs.readFileSync(path.join(zine.site, "imprimer/index.html"), "utf8");
    expect(html).toContain('id="riso"');
    expect(html).toContain(`src="/imprimer/${risoProofName(zine.slug, 1)}"`);
    for (const key of ["risoRose", "risoNoir", "livretRisoRose", "livretRisoNoir", "tonDirect"] as const) expect(html).toContain(printFileName(key, zine.slug));
    expect(html).toMatch(/Le rose d’abord, le noir ensuite/);
    expect(html).toMatch(/surimpression/);
    const report = JSON.parse(fs.readFileSync(path.join(zine.site, "imprimer/preflight.json"), "utf8"));
    expect(report.problems).toEqual([]);
    expect(report.riso.pinkPages).toEqual(expectedPinkPages(zine));
  });
});

describe("the riso checks", () => {
  it("catch what a studio refuses: a drum in colour, drums out of register, pink left on black, light tints, hairlines, small pink text, large solids", async () => {
    const grey = await PDFDocument.create();
    grey.addPage([420, 595]);
    const coloured = await PDFDocument.create();
    coloured.addPage([420, 595]).drawRectangle({ x: 10, y: 10, width: 20, height: 20, color: { type: "RGB", red: 1, green: 0, blue: 0 } as never });
    const bigger = await PDFDocument.create();
    bigger.addPage([421, 595]);
    const [g, c, b] = await Promise.all([grey.save(), coloured.save(), bigger.save()]);
    expect(await checkRiso({ rose: g, noir: g }, "essai")).toEqual([]);
    expect((await checkRiso({ rose: c, noir: g }, "essai")).join("\n")).toMatch(/tambour rose : des couleurs autres que le gris/);
    expect((await checkRiso({ rose: g, noir: b }, "essai")).join("\n")).toMatch(/pas en repérage/);
    const item = { page: 1, kind: "trait" as const, size: 1, tint: 100, what: "x" };
    const problems = await checkRiso({ rose: g, noir: g }, "essai", {
      rose: [
        { ...item, key: "a", tint: 5 },
        { ...item, key: "b", size: 0.2 },
        { ...item, key: "c", kind: "texte", size: 7 },
        { ...item, key: "d", kind: "aplat", size: 2000 },
        { ...item, key: "e", tint: 95 },
        { ...item, key: "f", what: "ok", tint: 25, size: 0.5 },
      ],
      noir: [{ ...item, key: "a" }],
    });
    expect(problems).toHaveLength(6);
    expect(problems.join("\n")).toMatch(/à la fois sur le tambour rose et sur le noir/);
    expect(problems.join("\n")).toMatch(/rose à 5 %/);
    expect(problems.join("\n")).toMatch(/trait rose de 0.2 pt/);
    expect(problems.join("\n")).toMatch(/texte rose de 7 pt/);
    expect(problems.join("\n")).toMatch(/aplat rose plein/);
    expect(problems.join("\n")).toMatch(/rose à 95 %/);
  });

  it("make a drum grey by keeping each neutral colour's density, and refuse a colour that is not a grey", async () => {
    const draw = async (colour: ReturnType<typeof rgb>) => {
      const doc = await PDFDocument.create();
      doc.addPage([100, 100]).drawRectangle({ x: 10, y: 10, width: 20, height: 20, color: colour });
      return doc.save();
    };
    const grey = await PDFDocument.load(await toGrey(await draw(rgb(0.75, 0.75, 0.75)), "essai"));
    const out = path.join(scratch, "essai-gris.pdf");
    fs.writeFileSync(out, await grey.save({ useObjectStreams: false }));
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", out, `${out}.qdf`]);
    const content = fs.readFileSync(`${out}.qdf`, "latin1");
    expect(content).toMatch(/(?:^|\s)0\.75 g(?=\s)/);
    expect(content).not.toMatch(/(?:^|\s)rg(?=\s)/);
    await expect(toGrey(await draw(rgb(1, 0, 0.5)), "essai")).rejects.toThrow(/des couleurs qui ne sont pas des gris \(rgb\(1 0 0\.5\)\)/);
  });

  it("turn the pink drum's greys into tints of the spot colour", () => {
    expect(greyToSpot("q 0.745 g 0 0 m 10 10 l f 0 G 1 w S 1 g Q")).toBe("q /CsSpot cs 0.255 scn 0 0 m 10 10 l f /CsSpot CS 1 SCN 1 w S /CsSpot cs 0 scn Q");
  });

  it("count the masters: one per drum and booklet side, none for a side without pink", () => {
    // 8 pages: sides (8|1) (2|7) (6|3) (4|5).
    expect(masters(8, [1])).toEqual({ noir: 4, rose: 1 });
    expect(masters(8, [1, 3, 5])).toEqual({ noir: 4, rose: 3 });
  });

  it("say when the plates have no spot element: the pink drum carries only the accents", () => {
    expect(risoEdition({ proof: ["/a.png", "/b.png", "/c.png", "/d.png"], pinkPages: [1, 3], platePages: [] })).toMatchObject({ accentsOnly: true, proofCount: 4, shown: [{ page: 1 }, { page: 3 }] });
  });
});
