/**
 * The words around an English zine's paper edition, as readers meet them:
 * /imprimer/ (the riso section included), the feed's entry for the PDF, and
 * the titles the PDFs carry. Every one must come from the English table:
 * none of the French interface words that were once written in code.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { parse } from "node-html-parser";
import { parseFeed } from "feedsmith";
import { PDFDocument } from "pdf-lib";
import { fileForUrl, listFiles } from "./build.ts";
import { visibleText } from "../../helpers/typography-check.ts";
import { editions } from "../../../print/editions.ts";
import { translatePlain } from "../../../scripts/site/langues.ts";

/** French words of the print interface (labels, riso section, PDF titles, feed entry). */
export const FRENCH_PRINT_WORDS =
  /(?<!\p{L})(?:Livret|livret|masters (?:noirs|roses)|tambour|[ÉéEe]preuve|Le zine, A5|édition|rose fluo|recto verso|à imprimer|feuilles?|pages A5 :|ton direct|Aperçu|atelier|Le zine en PDF)(?!\p{L})/u;

const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, " ");
/** An Atom text construct as feedsmith gives it: a string, or an object holding its value. */
const atomText = (value: unknown): string =>
  typeof value === "string" ? value : value && typeof value === "object" ? String((value as { value?: unknown; "#text"?: unknown }).value ?? (value as { "#text"?: unknown })["#text"] ?? "") : "";

/** /imprimer/: every file listed under its English label, the riso section in English, no French word. */
export function expectEnglishPrintPage(site: string): void {
  const html = fs.readFileSync(fileForUrl(site, "/imprimer/"), "utf8");
  const root = parse(html);
  expect(root.querySelector("h2#riso")?.text, "the riso section is shown to English zines").toMatch(/risograph/i);
  const links = root.querySelectorAll("ul.fichiers a[download]").map((a) => plain(a.text));
  expect(links).toEqual(editions.map((e) => plain(translatePlain(`imprimer.fichiers.${e.key}`, {}, "en"))));
  // The folding diagrams are plates, whose captions still live in French in scripts/plates/ (issue 10 moves them out).
  const words = parse(html);
  words.querySelectorAll(".planche, figure.schema").forEach((e) => e.remove());
  const text = plain(visibleText(words.toString()));
  expect(text).toMatch(/Pink first, then black/);
  expect(text).toMatch(/\d+ black masters and \d+ pink masters/);
  expect(text, "/imprimer/").not.toMatch(FRENCH_PRINT_WORDS);
  for (const img of root.querySelectorAll(".epreuve-riso img")) expect(img.getAttribute("alt")).toMatch(/^Proof of page \d+: /);
}

/** The feed's entry for the paper edition: title and summary from the English table. */
export function expectEnglishFeedEntry(site: string): void {
  const parsed = parseFeed(fs.readFileSync(path.join(site, "feed.xml"), "utf8"));
  if (parsed.format !== "atom") throw new Error(`feed.xml is ${parsed.format}, not Atom`);
  const entry = (parsed.feed.entries ?? []).find((e) => String(e.id ?? "").includes("/imprimer/#"));
  expect(entry, "the feed has an entry for the paper edition").toBeDefined();
  const title = atomText(entry?.title);
  const summary = atomText(entry?.summary);
  expect(title).toMatch(/: the zine to print$/);
  expect(plain(summary)).toMatch(/^The zine as a PDF, \d+ pages in A5/);
  expect(`${title}\n${summary}`, "feed entry").not.toMatch(FRENCH_PRINT_WORDS);
}

/** Every PDF's Title: the zine's title and the edition's English name. */
export async function expectEnglishPdfTitles(site: string): Promise<void> {
  const pdfs = listFiles(site).filter((f) => f.endsWith(".pdf"));
  expect(pdfs).toHaveLength(editions.length);
  const titles = await Promise.all(
    pdfs.map(async (file) => (await PDFDocument.load(fs.readFileSync(path.join(site, file)), { updateMetadata: false })).getTitle() ?? ""),
  );
  for (const e of editions) {
    const name = translatePlain(`editions.${e.key}`, {}, "en");
    expect(titles.filter((t) => t.endsWith(` — ${name}`)), `${e.key}: ${titles.join(" | ")}`).toHaveLength(1);
  }
  for (const title of titles) expect(title).not.toMatch(FRENCH_PRINT_WORDS);
}
