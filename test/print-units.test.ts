/**
 * The print edition's small parts, without a browser: soft hyphens, footnotes
 * and links for paper, the QR code, the preflight's judgement, the dates and
 * boxes of the finish stage, and the browser discovery's error.
 */
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import zlib from "node:zlib";
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFNumber, PDFRawStream, StandardFonts, rgb, grayscale } from "pdf-lib";
import { cesure, notesEnBasDePage, liensPapier, qrSvg, miniZinePanels, ancresDuChapitre, sectionsDuChapitre, titreCourant } from "../print/filters.ts";
import { preflight } from "../print/preflight.ts";
import { finishPages, pdfDate } from "../print/finish.ts";
import { imposeBooklet } from "../print/impose.ts";
import { pressEdition, cropMarks } from "../print/press.ts";
import { greyContent, scanContent, rgbToGrey } from "../print/grey-ink.ts";
import { edition } from "../print/editions.ts";
import { findChromium, BrowserNotFoundError } from "../scripts/lib/browser.ts";
import { mmToPt, ptToMm } from "../print/imposition.ts";

const SHY = "\u00AD";

describe("cesure (French soft hyphens, print only)", () => {
  it("hyphenates words in text", () => {
    expect(cesure("<p>La vidéosurveillance algorithmique généralisée</p>")).toContain(`al${SHY}go${SHY}rith${SHY}mique`);
  });
  it("never touches tags, attributes, URLs, headings or names", () => {
    const html =
      '<p class="note">Voir <a href="https://technopolice.fr/surveillance-algorithmique">surveillance</a> et https://www.laquadrature.net/surveillance</p>' +
      '<p class="url">https://example.org/reconnaissance-faciale</p><h2>Reconnaissance faciale</h2><figcaption>Claire Richard</figcaption>';
    const out = cesure(html);
    expect(out.replace(/\u00AD/g, "")).toBe(html);
    expect(out).toContain('href="https://technopolice.fr/surveillance-algorithmique"');
    expect(out).toContain("https://www.laquadrature.net/surveillance");
    expect(out).toContain('<p class="url">https://example.org/reconnaissance-faciale</p>');
    expect(out).toContain("<h2>Reconnaissance faciale</h2>");
    expect(out).toContain("<figcaption>Claire Richard</figcaption>");
  });
});

describe("cesure: where a word may not be split", () => {
  const split = (html: string) => [...cesure(html).matchAll(/[\p{L}\u00AD-]*\u00AD[\p{L}\u00AD-]*/gu)].map((m) => m[0].replaceAll(SHY, "·"));
  it("never inside a capitalised word: names, places, compounds", () => {
    const html = "<p>Marseille, Lemaire, Technopolice, OpenStreetMap et Jean-Pierre parlent de vidéosurveillance algorithmique ici.</p>";
    expect(split(html)).toEqual(["vi·déo·sur·veillance", "al·go·rith·mique"]);
  });
  it("never in the last word of a paragraph, an item, a note, or a text from data", () => {
    expect(split("<p>La surveillance algorithmique</p>")).toEqual(["sur·veillance"]);
    expect(split("<ul><li>La surveillance algorithmique ;</li></ul>")).toEqual(["sur·veillance"]);
    expect(split('<p>Texte<span class="note" data-numero="1">La surveillance algorithmique.</span> et infrastructures municipales.</p>')).toEqual([
      "sur·veillance",
      "in·fra·struc·tures",
    ]);
    expect(split("Une surveillance algorithmique")).toEqual(["sur·veillance"]);
  });
});

describe("notesEnBasDePage", () => {
  it("moves each footnote to its call and drops the end-of-chapter list", () => {
    const html =
      '<p>Texte<sup class="footnote-ref"><a href="#fn-x-1" id="fnref-x-1">[1]</a></sup>.</p>\n' +
      '<hr class="footnotes-sep">\n<section class="footnotes">\n<ol class="footnotes-list">\n' +
      '<li id="fn-x-1" class="footnote-item"><p>La note. <a href="#fnref-x-1" class="footnote-backref">↩︎</a></p>\n</li>\n</ol>\n</section>\n';
    expect(notesEnBasDePage(html).trim()).toBe(
      '<p>Texte<sup class="appel-note" aria-hidden="true">1</sup><span class="note" data-numero="1">La note.</span>.</p>',
    );
  });
  it("writes each call's own number, and separates adjacent calls", () => {
    const ref = (n: number) => `<sup class="footnote-ref"><a href="#fn-x-${n}" id="fnref-x-${n}">[${n}]</a></sup>`;
    const item = (n: number) => `<li id="fn-x-${n}" class="footnote-item"><p>Note ${n}. <a href="#fnref-x-${n}" class="footnote-backref">↩︎</a></p>\n</li>\n`;
    const html = `<p>Un${ref(1)} deux${ref(2)}${ref(3)}.</p>\n<hr class="footnotes-sep">\n<section class="footnotes">\n<ol class="footnotes-list">\n${item(1)}${item(2)}${item(3)}</ol>\n</section>\n`;
    const out = notesEnBasDePage(html);
    expect([...out.matchAll(/<sup class="appel-note"[^>]*>([^<]*)<\/sup><span class="note" data-numero="(\d+)">([^<]*)<\/span>/g)].map((m) => m.slice(1))).toEqual([
      ["1", "1", "Note 1."],
      ["2", "2", "Note 2."],
      [",3", "3", "Note 3."],
    ]);
  });
});

describe("print anchors, contents and running heads", () => {
  it("makes a chapter's ids and in-page links unique in the print document", () => {
    const html = '<h2 id="archives" tabindex="-1">Archives</h2><p><a href="#archives">plus haut</a></p>';
    expect(ancresDuChapitre(html, "doc")).toBe('<h2 id="chapitre-doc--archives" tabindex="-1">Archives</h2><p><a href="#chapitre-doc--archives">plus haut</a></p>');
    expect(liensPapier('<a href="/chapitres/corps/#visage">v</a>', { "/chapitres/corps/": "corps" })).toBe(
      '<a class="renvoi" href="#chapitre-corps--visage">v</a><span class="renvoi-page"> (p.\u00A0<span class="numero-page" data-cible="#chapitre-corps--visage">00</span>)</span>',
    );
  });
  it("lists a chapter's top-level sections, the last one included", () => {
    const html = '<h2 id="a">Une ville « intelligente »</h2><p>x</p><h3 id="b">Pas moi</h3><h2 id="c" tabindex="-1">Rendre <em>visible</em>, puis combattre</h2>';
    expect(sectionsDuChapitre(html)).toEqual([
      { id: "a", title: "Une ville « intelligente »" },
      { id: "c", title: "Rendre visible, puis combattre" },
    ]);
  });
  it("gives a running head of one line: the short title, or the title cut at a word", () => {
    expect(titreCourant("Court")).toBe("Court");
    expect(titreCourant("Un titre beaucoup trop long pour le haut de la page, vraiment", "Titre court")).toBe("Titre court");
    const cut = titreCourant("Un titre beaucoup trop long pour le haut de la page, vraiment très long");
    expect(cut).toBe("Un titre beaucoup trop long pour le haut de la page…");
    expect(cut.length).toBeLessThanOrEqual(53);
  });
});

describe("liensPapier", () => {
  it("turns chapter links into in-document links and marks web links", () => {
    const out = liensPapier('<a href="/chapitres/corps/">corps</a> <a href="https://example.org/">ex</a> <a href="#x">x</a>', {
      "/chapitres/corps/": "corps",
    });
    expect(out).toBe(
      '<a class="renvoi" href="#chapitre-corps">corps</a><span class="renvoi-page"> (p.\u00A0<span class="numero-page" data-cible="#chapitre-corps">00</span>)</span> <a class="externe" href="https://example.org/">ex</a> <a href="#x">x</a>',
    );
  });
});

describe("qrSvg", () => {
  it("draws the same vector QR code every time", () => {
    const a = qrSvg("https://technopolice-zine.fr");
    expect(a).toBe(qrSvg("https://technopolice-zine.fr"));
    expect(a).toMatch(/^<svg class="qr"[^>]+viewBox="0 0 \d+ \d+" role="img"/);
    expect(a).toMatch(/<path fill="currentColor" d="M/);
    expect(a).not.toMatch(/<image|base64/);
  });
});

describe("miniZinePanels", () => {
  const chapter = (order: number, quotes: string[]) => ({
    data: { order, title: `Chapitre ${order}`, summary: `Résumé ${order}` },
    content: quotes.map((q, i) => `<figure class="citation" id="citation-${order}-${i}"><blockquote><p>${q}</p></blockquote></figure>`).join(""),
  });
  it("takes the first short quotation of each chapter that has one, spread over the book", () => {
    const chapters = [chapter(1, ["a", "b"]), chapter(2, []), chapter(3, ["c"]), chapter(4, ["d"]), chapter(5, ["x".repeat(300), "e"]), chapter(6, ["f"])];
    const picked = miniZinePanels(chapters, 3);
    expect(picked.map((p) => p.kind)).toEqual(["citation", "citation", "citation"]);
    expect(picked.map((p) => ("order" in p ? p.order : 0))).toEqual([1, 4, 6]);
    expect((picked[0] as { quote: string }).quote).toContain("<p>a</p>");
    // Chapter 5's first quotation is too long for a panel: its second one is taken.
    expect(miniZinePanels(chapters, 5).map((p) => ("quote" in p ? p.quote : "")).join("")).toContain("<p>e</p>");
  });
  it("always fills 4 panels: summaries, then the contents, then notes", () => {
    const few = miniZinePanels([chapter(1, ["a"]), chapter(2, [])], 4);
    expect(few.map((p) => p.kind)).toEqual(["citation", "resume", "sommaire", "notes"]);
    expect(miniZinePanels([], 4).map((p) => p.kind)).toEqual(["sommaire", "notes", "notes", "notes"]);
  });
});

async function pdfWithPages(count: number, size: [number, number]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++) doc.addPage(size).drawText(`page ${i}`, { x: 20, y: 20, size: 12, font, color: grayscale(0) });
  return doc.save();
}

describe("preflight", () => {
  const A5: [number, number] = [mmToPt(148), mmToPt(210)];
  it("accepts an A5 document of 8 pages and lists its fonts", async () => {
    const entry = await preflight(edition("lecture"), "ok.pdf", await pdfWithPages(8, A5));
    expect(entry.pages).toBe(8);
    expect(entry.sheetMm.widthMm).toBeCloseTo(148, 2);
    expect(entry.fonts.map((f) => f.name)).toEqual(["Helvetica"]);
    // A standard-14 font is not embedded, and not one the project ships: the preflight says both, in sentences.
    expect(entry.problems).toHaveLength(2);
    expect(entry.problems[0]).toBe("la police Helvetica n’est pas incorporée : l’imprimeur en mettrait une autre.");
    expect(entry.problems[1]).toMatch(/^police Helvetica : elle ne fait pas partie des polices du projet .*→/);
  });
  it("reports a wrong size to the hundredth of a millimetre, a wrong page count and overflows", async () => {
    const entry = await preflight(edition("lecture"), "bad.pdf", await pdfWithPages(6, [mmToPt(148.02), mmToPt(210)]), {
      overflows: [{ page: 3, element: "p", text: "https://trop-long.example" }],
      warnings: [],
    });
    const text = entry.problems.join("\n");
    expect(text).toMatch(/la feuille mesure 148,02 × 210,00 mm au lieu de 148,00 × 210,00 mm/);
    expect(text).toMatch(/6 pages, ce n’est pas un multiple de 4/);
    expect(text).toMatch(/page 3 : le texte dépasse du bas de la page et serait coupé à l’impression, à partir de « https:\/\/trop-long.example »/);
  });
  it("refuses RGB colour, lines under 0.25 pt and thin grey lines", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A5);
    page.drawRectangle({ x: 20, y: 20, width: 50, height: 50, color: rgb(1, 0, 0) });
    page.drawLine({ start: { x: 20, y: 100 }, end: { x: 200, y: 100 }, thickness: 0.1, color: grayscale(0) });
    page.drawLine({ start: { x: 20, y: 200 }, end: { x: 200, y: 200 }, thickness: 0.4, color: grayscale(0.5) });
    // Chromium draws rules as thin filled rectangles: a 0.5 pt rule in 40 % grey.
    page.drawRectangle({ x: 20, y: 300, width: 200, height: 0.5, color: grayscale(0.6) });
    const entry = await preflight(edition("lecture"), "encre.pdf", await doc.save());
    const text = entry.problems.join("\n");
    expect(entry.colourSpaces).toContain("DeviceRGB");
    expect(text).toMatch(/contient des couleurs \(DeviceRGB\)/);
    expect(entry.thinnestLinePt).toBeCloseTo(0.1, 3);
    expect(text).toMatch(/un trait de 0,10 pt, plus fin que 0,25 pt/);
    expect(text).toMatch(/un filet fin \(0,40 pt\) en gris à 50 %/);
  });
  it("only warns about a drawing's darker grey stroke from 0.5 pt", async () => {
    const doc = await PDFDocument.create();
    doc.addPage(A5).drawLine({ start: { x: 20, y: 100 }, end: { x: 200, y: 100 }, thickness: 0.9, color: grayscale(0.35) });
    const entry = await preflight(edition("lecture"), "dessin.pdf", await doc.save());
    expect(entry.problems.filter((p) => /filet|trait/.test(p))).toEqual([]);
    expect(entry.warnings.join("\n")).toMatch(/un filet fin \(0,90 pt\) en gris à 65 %/);
  });
  it("refuses a reading file whose sheet does not start at 0 0", async () => {
    const doc = await PDFDocument.load(await pdfWithPages(4, A5));
    for (const page of doc.getPages()) {
      page.setMediaBox(10, 12, A5[0], A5[1]);
      page.setTrimBox(10, 12, A5[0], A5[1]);
    }
    const entry = await preflight(edition("lecture"), "decale.pdf", await doc.save());
    expect(entry.problems.join("\n")).toMatch(/la feuille \(MediaBox\) commence en 3,53 ; 4,23 mm au lieu de 0 ; 0/);
  });
  it("finishes a laid-out page on its trim from 0 0: the drawing, its links and destinations moved together, the same pixels", async () => {
    // As Chromium prints a layout with 5 mm of bleed: the trim 5 mm from the top-left corner, a link and a named destination on it.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const [width, height] = [mmToPt(158), mmToPt(220.5)];
    const page = doc.addPage([width, height]);
    page.drawText("Sommaire", { x: 40, y: height - 60, size: 14, font, color: rgb(0, 0, 0) });
    page.drawRectangle({ x: 0, y: 0, width, height: 30, color: rgb(0.5, 0.5, 0.5) });
    const target = doc.context.obj([page.ref, PDFName.of("XYZ"), 40, height - 45, null]);
    doc.catalog.set(PDFName.of("Dests"), doc.context.obj({ sommaire: target }));
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [38, height - 64, 110, height - 44], Dest: [page.ref, PDFName.of("XYZ"), 40, height - 45, null] })]));
    const laidOut = await doc.save();
    const options = { date: new Date("2026-11-22T00:00:00Z"), title: "t", author: "a", subject: "s" };
    const finished = await finishPages(laidOut, { ...options, trim: edition("lecture").trim, layoutBleedMm: 5 });
    const back = await PDFDocument.load(finished);
    const [x, y] = [mmToPt(5), height - mmToPt(5) - mmToPt(210)];
    const first = back.getPage(0);
    for (const box of [first.getMediaBox(), first.getCropBox(), first.getTrimBox(), first.getBleedBox()]) {
      expect([box.x, box.y]).toEqual([0, 0]);
      expect(ptToMm(box.width)).toBeCloseTo(148, 6);
      expect(ptToMm(box.height)).toBeCloseTo(210, 6);
    }
    const numbers = (array: unknown) => (array as PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    const link = back.context.lookup((first.node.get(PDFName.of("Annots")) as PDFArray).get(0)) as PDFDict;
    expect(numbers(link.get(PDFName.of("Rect")))).toEqual([38 - x, height - 64 - y, 110 - x, height - 44 - y].map((v) => expect.closeTo(v, 9)));
    expect(numbers(back.context.obj((link.get(PDFName.of("Dest")) as PDFArray).asArray().slice(2, 4)))).toEqual([40 - x, height - 45 - y].map((v) => expect.closeTo(v, 9)));
    const named = back.context.lookup((back.context.lookup(back.catalog.get(PDFName.of("Dests"))) as PDFDict).get(PDFName.of("sommaire"))) as PDFArray;
    expect(numbers(back.context.obj(named.asArray().slice(2, 4)))).toEqual([40 - x, height - 45 - y].map((v) => expect.closeTo(v, 9)));
    // At 127 dpi (5 pixels a millimetre) the trim falls on whole pixels: the finished page is the laid-out page cropped to it, pixel for pixel.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-origine-"));
    try {
      fs.writeFileSync(path.join(dir, "layout.pdf"), laidOut);
      fs.writeFileSync(path.join(dir, "fini.pdf"), finished);
      const crop = ["-x", "25", "-y", "25", "-W", String(148 * 5), "-H", String(210 * 5)];
      execFileSync("pdftoppm", ["-r", "127", "-gray", ...crop, path.join(dir, "layout.pdf"), path.join(dir, "a")]);
      execFileSync("pdftoppm", ["-r", "127", "-gray", ...crop.slice(4), path.join(dir, "fini.pdf"), path.join(dir, "b")]);
      const [a, b] = ["a-1.pgm", "b-1.pgm"].map((f) => fs.readFileSync(path.join(dir, f)));
      expect(a.length).toBe(b.length);
      let differ = 0;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 2) differ++;
      expect(differ).toBe(0);
      expect(execFileSync("pdftotext", [path.join(dir, "fini.pdf"), "-"], { encoding: "utf8" }).trim()).toBe("Sommaire");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("accepts the press edition made from finished pages, and refuses a press file whose trim is off-centre", async () => {
    const options = { date: new Date("2026-11-22T00:00:00Z"), title: "t", author: "a", subject: "s" };
    const pages = await finishPages(await pdfWithPages(4, [mmToPt(158), mmToPt(220)]), { ...options, trim: edition("lecture").trim, layoutBleedMm: 5 });
    const { pdf, pdfX } = await pressEdition(pages, edition("presse"), options);
    const entry = await preflight(edition("presse"), "presse.pdf", pdf);
    expect(entry.problems.filter((p) => !/Helvetica/.test(p))).toEqual([]);
    expect(entry.trimBoxMm.slice(2)).toEqual([148, 210]);
    expect(entry.bleedBoxMm.slice(2)).toEqual([154, 216]);
    expect(pdfX).toBe(true);
    expect(entry.pdfX).toBe("PDF/X-4");
    const shifted = await PDFDocument.load(pdf);
    for (const page of shifted.getPages()) {
      const t = page.getTrimBox();
      page.setTrimBox(t.x + 1, t.y, t.width, t.height);
    }
    const bad = await preflight(edition("presse"), "decale.pdf", await shifted.save());
    expect(bad.problems.join("\n")).toMatch(/le format fini n’est pas centré sur la feuille/);
  });
});

describe("grey ink", () => {
  it("turns RGB operators into grey, leaving text and other operators alone", () => {
    const content = "0 0 0 RG 0 0 0 rg\nBT /F1 12 Tf <0012> Tj (0 0 0 rg) Tj ET\n.6039 .6039 .6039 rg 10 10 5 5 re f\n1 0 0 rg";
    expect(greyContent(content)).toBe("0 G 0 g\nBT /F1 12 Tf <0012> Tj (0 0 0 rg) Tj ET\n0.6039 g 10 10 5 5 re f\n0.299 g");
    expect(rgbToGrey(1, 1, 1)).toBe(1);
    // Chromium's content (glyphs as hex strings) takes the one-pass way: same result.
    expect(greyContent("0 0 0 RG 0 0 0 rg\n/P <</MCID 3 >>BDC BT <0012> Tj ET\n1 0 0 rg /Xrg Do")).toBe("0 G 0 g\n/P <</MCID 3 >>BDC BT <0012> Tj ET\n0.299 g /Xrg Do");
  });
  it("reads operators past strings, arrays, dictionaries and inline images", () => {
    const ops = scanContent("/P <</MCID 0>> BDC [(a) 3 (b)] TJ BI /W 1 /H 1 /CS /G ID x EI 0.5 w EMC");
    expect(ops.map((o) => o.operator)).toEqual(["BDC", "TJ", "BI", "w", "EMC"]);
    expect(ops[3].operands).toEqual(["0.5"]);
  });
  it("draws crop marks at 0.25 pt in black", () => {
    const marks = cropMarks({ x: 0, y: 0, width: 100, height: 100 });
    expect(marks).toMatch(/^q\n0 G\n0\.25 w/);
    expect(marks.match(/ l S/g)).toHaveLength(8);
  });
});

describe("finish", () => {
  it("takes SOURCE_DATE_EPOCH first, then the content date", () => {
    expect(pdfDate("2026-11-22", { SOURCE_DATE_EPOCH: "1700000000" }).toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(pdfDate("2026-11-22", {}).toISOString()).toBe("2026-11-22T00:00:00.000Z");
    expect(() => pdfDate("2026-11-22", { SOURCE_DATE_EPOCH: "hier" })).toThrow(/SOURCE_DATE_EPOCH/);
  });

  it("writes the same bytes for the same pages, whenever it runs, and boxes every page to the trim", async () => {
    const source = await pdfWithPages(4, [mmToPt(158), mmToPt(220.1)]);
    const options = { date: new Date("2026-11-22T00:00:00Z"), title: "t", author: "a", subject: "s", trim: edition("lecture").trim, layoutBleedMm: 5 };
    const a = await finishPages(source, options);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await finishPages(source, options);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const page = (await PDFDocument.load(a)).getPage(0);
    expect(ptToMm(page.getTrimBox().width)).toBeCloseTo(148, 2);
    expect(ptToMm(page.getMediaBox().height)).toBeCloseTo(210, 2);
    // The trim sat 5 mm from the top-left corner of the layout: the drawing moves so that it starts at 0 0.
    expect([page.getTrimBox().x, page.getTrimBox().y, page.getMediaBox().x, page.getMediaBox().y]).toEqual([0, 0, 0, 0]);
    const content = Buffer.from(zlib.inflateSync((page.node.lookup(PDFName.of("Contents")) as PDFRawStream).getContents())).toString("latin1");
    const move = /^1 0 0 1 (\S+) (\S+) cm\n/.exec(content)!.slice(1).map(Number);
    expect(move.map(ptToMm)).toEqual([expect.closeTo(-5, 6), expect.closeTo(-(220.1 - 5 - 210), 6)]);
  });
});

describe("imposeBooklet", () => {
  it("makes N/2 A4 landscape sides, and creep keeps the size", async () => {
    const a5 = await pdfWithPages(8, [mmToPt(148), mmToPt(210)]);
    const meta = { date: new Date("2026-11-22T00:00:00Z"), title: "t", author: "a", subject: "s" };
    for (const creep of [0, 0.5]) {
      const doc = await PDFDocument.load(await imposeBooklet(a5, meta, creep));
      expect(doc.getPageCount()).toBe(4);
      expect(ptToMm(doc.getPage(0).getWidth())).toBeCloseTo(297, 1);
    }
  });
});

describe("findChromium", () => {
  it("uses CHROME_PATH first and says how to fix a wrong one", () => {
    expect(findChromium({ CHROME_PATH: process.execPath })).toBe(process.execPath);
    expect(() => findChromium({ CHROME_PATH: "/nulle/part/chrome" })).toThrow(BrowserNotFoundError);
    expect(() => findChromium({ CHROME_PATH: "/nulle/part/chrome" })).toThrow(/CHROME_PATH=\/nulle\/part\/chrome n’existe pas/);
  });

  it("prefers Debian's headless shell for the PDFs, and never gives it where a whole browser is asked for", () => {
    const shell = "/usr/lib/chromium/chromium-headless-shell";
    // .ci/run installs it: on CI the first half always runs.
    if (fs.existsSync(shell)) expect(findChromium({})).toBe(shell);
    if (fs.existsSync("/usr/bin/chromium")) expect(findChromium({}, { full: true })).toBe("/usr/bin/chromium");
    let full = "";
    try {
      full = findChromium({}, { full: true });
    } catch (error) {
      expect((error as Error).message).not.toMatch(/headless-shell,/);
    }
    expect(full).not.toMatch(/headless-shell/);
  });
});
