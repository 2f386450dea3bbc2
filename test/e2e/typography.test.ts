/**
 * The typography check on the whole output, as readers get it: the visible
 * text of every built page, the feed, and the text of every PDF, for the
 * project's zine (French) and for an English zine built with the kit. The
 * rules and their negative cases are in test/typography.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { PDFDocument, PDFName } from "pdf-lib";
import { buildInto, htmlPages, fileForUrl, listFiles } from "./support/build.ts";
import { feedText, pdfLineFaults, pdfText, typographyFaults, visibleText, type Fault } from "../helpers/typography-check.ts";
import { editions } from "../../print/editions.ts";
import { translatePlain } from "../../scripts/site/langues.ts";
import { expectEnglishFeedEntry, expectEnglishPdfTitles, expectEnglishPrintPage, FRENCH_PRINT_WORDS } from "./support/english-print.ts";

/** Every fault in a built site: pages, feeds, PDFs. `skip` drops elements no rule of this zine governs. */
function faultsIn(site: string, lang: "fr" | "en", skip = ""): { faults: Fault[]; checked: { pages: number; feeds: number; pdfs: number } } {
  const faults: Fault[] = [];
  const checked = { pages: 0, feeds: 0, pdfs: 0 };
  for (const file of listFiles(site)) {
    const full = path.join(site, file);
    if (file.endsWith(".html")) {
      let html = fs.readFileSync(full, "utf8");
      if (skip) {
        const root = parse(html);
        root.querySelectorAll(skip).forEach((e) => e.remove());
        html = root.toString();
      }
      faults.push(...typographyFaults(visibleText(html), lang, file));
      checked.pages++;
    } else if (/(feed|rss)\.xml$/.test(file)) {
      faults.push(...typographyFaults(feedText(fs.readFileSync(full, "utf8")), lang, file));
      checked.feeds++;
    } else if (file.endsWith(".pdf")) {
      faults.push(...pdfLineFaults(pdfText(full), lang, file));
      checked.pdfs++;
    }
  }
  return { faults, checked };
}

const show = (faults: Fault[]) =>
  faults.map((f) => `${f.where} — ${f.rule} — ${f.excerpt.replace(/\u202F/g, "⍽").replace(/\u00A0/g, "·")}`).join("\n");

// ZINE_DIR set to nothing: the project's own zine, whatever the caller's shell exports.
const own = await buildInto("typo", { env: { ZINE_DIR: "" } });
const english = await buildInto("typo-en", { env: { ZINE_DIR: "test/fixtures/en-zine" } });
afterAll(() => {
  for (const site of [own, english]) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

describe("the project's zine, in French", () => {
  it("has no typography fault in any page, the feed or any PDF", () => {
    const { faults, checked } = faultsIn(own, "fr");
    expect(checked.pages).toBeGreaterThanOrEqual(15);
    expect(checked.feeds).toBeGreaterThanOrEqual(1);
    expect(checked.pdfs).toBe(editions.length);
    expect(faults, show(faults)).toEqual([]);
  });

  it("keeps 369 éditions together and writes sizes with a decimal comma on /imprimer/", () => {
    const html = fs.readFileSync(fileForUrl(own, "/imprimer/"), "utf8");
    expect(html).not.toMatch(/npm run|--creep/);
    expect(html).toMatch(/\d+,\d\u00A0Ko/);
    expect(html).toContain("148\u00A0×\u00A0210\u00A0mm");
    expect(html).toMatch(/imprimez une seule feuille/);
    expect(html).toMatch(/Sans imprimante recto verso/);
    expect(html).toMatch(/avant-goût du zine/);
    expect(fs.readFileSync(fileForUrl(own, "/"), "utf8")).toContain("369\u00A0éditions");
  });

  it("titles each PDF in French and lists the riso files under their French labels", async () => {
    const html = fs.readFileSync(fileForUrl(own, "/imprimer/"), "utf8");
    expect(parse(html).querySelector("h2#riso")?.text).toMatch(/En risographie/);
    expect(visibleText(html)).toMatch(/Le rose d’abord, le noir ensuite/);
    const links = parse(html).querySelectorAll("ul.fichiers a[download]").map((a) => a.text);
    expect(links).toEqual(editions.map((e) => translatePlain(`imprimer.fichiers.${e.key}`, {}, "fr")));
    const booklet = listFiles(own).find((f) => f.endsWith("-zine-livret-a4.pdf"))!;
    const doc = await PDFDocument.load(fs.readFileSync(path.join(own, booklet)), { updateMetadata: false });
    expect(doc.getTitle()).toMatch(/ — Livret A4 à imprimer et plier$/);
  });

  it("credits the blog post it was written from, and says how the quotations were gathered", () => {
    const citations = visibleText(fs.readFileSync(fileForUrl(own, "/citations/"), "utf8"));
    expect(citations).toMatch(/reprises d’après le billet «\u202FTechnopolice\u00A0: défaire le rêve sécuritaire de la safe city\u202F», signé Le dissonant \(Club de Mediapart, 12\u00A0janvier 2022\)/);
    expect(citations).not.toMatch(/tirées du livre/);
    const print = pdfText(path.join(own, "imprimer", listFiles(own).find((f) => f.endsWith("-zine-a5.pdf"))!.split(path.sep).pop()!));
    expect(print.replace(/\u00AD|\s+/g, " ")).toMatch(/Écrit d’après le billet « Technopolice : défaire le rêve sécuritaire de la safe city », signé Le dissonant \(Club de Mediapart, 12 janvier 2022\)/);
  });

  it("signs the footer in a form that reads right for any name", () => {
    const footer = parse(fs.readFileSync(fileForUrl(own, "/"), "utf8")).querySelector("footer")!.text;
    expect(footer).toMatch(/Réalisation\u00A0: Collectif Zine Technopolice\./);
    expect(footer).not.toMatch(/Un zine de/);
  });
});

describe("an English zine with no source (test/fixtures/en-zine)", () => {
  // The generated plates still carry French captions in their own code: issue 10's plates work moves them out.
  const PLATES = ".planche, figure.schema";

  it("has no English typography fault in any page (plates aside), the feed or any PDF", () => {
    const { faults, checked } = faultsIn(english, "en", PLATES);
    expect(checked.pdfs).toBe(editions.length);
    const outsidePlates = faults.filter((f) => !f.where.startsWith("planches"));
    expect(outsidePlates, show(outsidePlates)).toEqual([]);
  });

  it("says lang=en on every page, the feed and the PDFs", async () => {
    for (const page of htmlPages(english)) {
      expect(parse(fs.readFileSync(fileForUrl(english, page), "utf8")).querySelector("html")?.getAttribute("lang"), page).toBe("en");
    }
    expect(fs.readFileSync(path.join(english, "feed.xml"), "utf8")).toContain('xml:lang="en"');
    for (const file of listFiles(english).filter((f) => f.endsWith(".pdf"))) {
      const doc = await PDFDocument.load(fs.readFileSync(path.join(english, file)), { updateMetadata: false });
      expect(String(doc.catalog.get(PDFName.of("Lang"))), file).toBe("(en-GB)");
    }
  });

  it("speaks English around the content, and never names a source it doesn't have", () => {
    const home = fs.readFileSync(fileForUrl(english, "/"), "utf8");
    const nav = parse(home).querySelector("nav")!.text;
    expect(nav).toMatch(/Contents.*Quotations.*Resources.*Print.*About/s);
    const french = /\b(Sommaire|Chapitre|Imprimer|Réalisation|D’après|Aller au contenu|Pour aller plus loin|le livre)\b/;
    for (const page of htmlPages(english).filter((p) => p !== "/planches/")) {
      const root = parse(fs.readFileSync(fileForUrl(english, page), "utf8"));
      root.querySelectorAll(PLATES).forEach((e) => e.remove());
      expect(visibleText(root.toString()), page).not.toMatch(french);
    }
    const print = pdfText(path.join(english, "imprimer", "shared-yards-zine-a5.pdf"));
    expect(print).toMatch(/CONTENTS|Contents/);
    expect(print).not.toMatch(/D’après|After the book|Sommaire/);
    expect(fs.readFileSync(fileForUrl(english, "/chapitres/the-yard/"), "utf8")).toContain("“If we don’t look after it, nobody will.”");
  });

  it("speaks English about its paper edition: /imprimer/ with its riso section, the feed's PDF entry, the PDFs' titles", async () => {
    // The check can fail: the French words it looks for are the French table's.
    for (const key of ["imprimer.riso.intro", "imprimer.riso.epreuve", "imprimer.fichiers.lecture", "editions.livret", "imprimer.fichiers.risoRose", "flux_papier.resume"]) {
      expect(translatePlain(key, { accents: "", pages: 24, url: "/x.png", compte: "24 pages" }, "fr").replace(/[\u00A0\u202F]/g, " "), key).toMatch(FRENCH_PRINT_WORDS);
    }
    expectEnglishPrintPage(english);
    expectEnglishFeedEntry(english);
    await expectEnglishPdfTitles(english);
  });
});
