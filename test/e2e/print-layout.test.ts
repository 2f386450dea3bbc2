/**
 * The layout of a long kit zine, read back from the A5 PDF: a generated zine
 * of about 40 pages (scripts/lib/generate-zine.ts: prose, headings, lists,
 * quotations, notes, adjacent note calls, long titles) built with the real
 * command. No text lost at a page break, notes numbered like their calls,
 * a contents with true page numbers, a folio on every page, running heads
 * on one line, and the hyphenation rules.
 */
import { it, expect, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, type HTMLElement } from "node-html-parser";
import { runBuild } from "./support/build.ts";
import { writeGeneratedZine } from "../../scripts/lib/generate-zine.ts";
import { checkHyphenation } from "../../print/layout-checks.ts";
import { pdfWords, pdfPageLines, pdfRawText, squash, hyphenFactsFromLines, type PdfWord } from "../helpers/pdf-layout.ts";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-layout-"));
const zineDir = path.join(workDir, "zine");
writeGeneratedZine(zineDir, { pages: 40, seed: 1 });
const site = path.join(workDir, "_site");
const build = await runBuild({ output: site, env: { ZINE_DIR: zineDir } });
const pdf = path.join(site, "imprimer", "le-zine-genere-zine-a5.pdf");
const built = build.exitCode === 0;
const words: PdfWord[] = built ? pdfWords(pdf) : [];
const pageLines: string[][] = built ? pdfPageLines(pdf) : [];
const pageCount = pageLines.length;

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** The generated Markdown: each chapter's title, short title and notes. */
const chapters = fs
  .readdirSync(path.join(zineDir, "chapitres"))
  .sort()
  .map((file) => {
    const text = fs.readFileSync(path.join(zineDir, "chapitres", file), "utf8");
    const field = (name: string) => new RegExp(`^${name}: "(.*)"$`, "m").exec(text)?.[1];
    const notes = [...text.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((m) => ({ number: m[1], text: m[2] }));
    return { file, title: field("title")!, shortTitle: field("shortTitle"), notes };
  });

/** The print document as built: each chapter's text as the reader should find it on paper. */
function chapterTexts(): { title: string; sections: string[]; sentences: string[] }[] {
  const html = parse(fs.readFileSync(path.join(site, "imprimer", "zine", "index.html"), "utf8"));
  return html.querySelectorAll("article.chapitre").map((article: HTMLElement) => {
    const title = article.querySelector("h1.chapitre-titre")!.text;
    const sections = article.querySelectorAll("h2").map((h) => h.text);
    for (const gone of article.querySelectorAll(".note, .appel-note, figure.planche, .citation figcaption, .chapitre-numero")) gone.remove();
    const sentences = article.text
      .replace(/\u00AD/g, "")
      .split(/(?<=[.!?»;])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 12);
    return { title, sections, sentences };
  });
}

/** Body text (titles, prose, lists, quotations), page by page: words the size of body text or larger. */
function bodyText(page?: number): string {
  return squash(
    words
      .filter((w) => w.height >= 13 && (page === undefined || w.page === page))
      .map((w) => w.text)
      .join(" "),
  );
}

/** The page each chapter starts on: its opening page says « Chapitre N ». */
function chapterStarts(): number[] {
  return chapters.map((_, i) => {
    const found = words.find((w, j) => w.text === "CHAPITRE" && words[j + 1]?.text === String(i + 1) && w.page === words[j + 1]?.page);
    return found?.page ?? -1;
  });
}

it("leaves no line alone, as the preflight reads the layout: no paragraph split with one line on a side, no page that holds a single line", () => {
  expect(build.exitCode).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(site, "imprimer", "preflight.json"), "utf8")) as { files: { key: string; loneLines: unknown[] }[] };
  expect(report.files.find((f) => f.key === "lecture")!.loneLines).toEqual([]);
});

it("builds a 40-page zine with no overflow (the preflight refuses one)", () => {
  expect(build.exitCode, build.stderr).toBe(0);
  expect(pageCount).toBeGreaterThanOrEqual(36);
  expect(pageCount).toBeLessThanOrEqual(52);
  const report = JSON.parse(fs.readFileSync(path.join(site, "imprimer", "preflight.json"), "utf8")) as {
    files: { file: string; overflows: unknown[]; warnings: string[] }[];
    problems: string[];
  };
  expect(report.problems).toEqual([]);
  for (const f of report.files) {
    expect(f.overflows, f.file).toEqual([]);
    expect(f.warnings.filter((w) => /trait d’union|coupé/.test(w)), f.file).toEqual([]);
  }
});

it("loses no text at a page break: every sentence of every chapter is on paper", () => {
  const body = bodyText();
  const texts = chapterTexts();
  expect(texts).toHaveLength(chapters.length);
  let checked = 0;
  for (const chapter of texts) {
    expect(body, chapter.title).toContain(squash(chapter.title));
    for (const sentence of chapter.sentences) {
      expect(body.includes(squash(sentence)), `absent du PDF : « ${sentence} »`).toBe(true);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(200);
});

it("numbers every note like its call, with adjacent calls and several notes on a page", () => {
  const starts = chapterStarts();
  expect(starts.every((p) => p > 0)).toBe(true);
  const chapterOf = (page: number) => starts.filter((s) => s <= page).length - 1;
  const calls: string[][] = chapters.map(() => []);
  const markers: { number: string; page: number; text: string }[][] = chapters.map(() => []);
  const notePages = new Map<number, number>();
  words.forEach((w, i) => {
    const chapter = chapterOf(w.page);
    if (chapter < 0) return;
    // A call: small digits raised right after a word of the text (not a plate's caption number).
    const before = words[i - 1];
    const isCall = w.height < 9.2 && /^,?\d+(?:,\d+)*$/.test(w.text) && before?.page === w.page && before.height >= 13 && Math.abs(before.yMin - w.yMin) < 8;
    if (isCall) calls[chapter].push(...w.text.split(",").filter(Boolean));
    if (w.height >= 9.2 && w.height < 10 && /^\d+\.$/.test(w.text)) {
      const following = words.slice(i + 1, i + 12).filter((n) => n.page === w.page && n.height > 10 && n.height < 12.5);
      markers[chapter].push({ number: w.text.slice(0, -1), page: w.page, text: squash(following.map((n) => n.text).join(" ")) });
      notePages.set(w.page, (notePages.get(w.page) ?? 0) + 1);
    }
  });
  chapters.forEach((chapter, i) => {
    const numbers = chapter.notes.map((n) => n.number);
    expect(calls[i], `appels, ${chapter.file}`).toEqual(numbers);
    expect(markers[i].map((m) => m.number), `notes, ${chapter.file}`).toEqual(numbers);
    // The note printed as « 2. » is the Markdown's [^2].
    markers[i].forEach((m, k) => expect(squash(chapter.notes[k].text).startsWith(m.text.slice(0, 25)), `${chapter.file} note ${m.number}`).toBe(true));
  });
  // The generated zine has adjacent calls, so pages with two notes.
  expect(Math.max(...notePages.values())).toBeGreaterThanOrEqual(2);
  expect(words.some((w) => w.height < 9.2 && /^\d+,\d+$/.test(w.text))).toBe(true);
});

it("lists every chapter and every section in the contents, with the page it is on", () => {
  const starts = chapterStarts();
  const contentsFirst = words.find((w) => w.text === "Sommaire")!.page;
  const introduction = words.find((w) => w.text === "Introduction" && w.page > contentsFirst && w.height > 15)!.page;
  const contents = squash(pdfRawText(pdf, contentsFirst, introduction - 1));
  expect(contents).toContain(`Introduction${introduction}`);
  const texts = chapterTexts();
  let entries = 0;
  texts.forEach((chapter, i) => {
    expect(contents, chapter.title).toContain(`${squash(chapter.title)}${starts[i]}`);
    let page = starts[i];
    for (const section of chapter.sections) {
      while (page <= pageCount && !bodyText(page).includes(squash(section))) page++;
      expect(page, section).toBeLessThanOrEqual(pageCount);
      expect(contents, section).toContain(`${squash(section)}${page}`);
      entries++;
    }
  });
  expect(entries).toBeGreaterThan(15);
  const resources = words.find((w) => w.text === "Pour" && w.height > 20)!.page;
  expect(contents).toContain(`Pourallerplusloin${resources}`);
});

it("puts a folio on every page but the covers", () => {
  for (let page = 2; page < pageCount; page++) {
    const last = pageLines[page - 1].map((l) => l.trim()).filter(Boolean).pop();
    expect(last, `page ${page}`).toBe(String(page));
  }
  expect(pageLines[0].join(" ")).not.toMatch(/^\s*1\s*$/m);
});

it("keeps running heads on one line: the short title if there is one, else the title cut at a word", () => {
  const heads = new Map<number, PdfWord[]>();
  for (const w of words) if (w.yMin < 45 && w.height > 8.5 && w.height < 9.4) heads.set(w.page, [...(heads.get(w.page) ?? []), w]);
  expect(heads.size).toBeGreaterThan(pageCount / 2);
  for (const [page, head] of heads) expect(new Set(head.map((w) => Math.round(w.yMin))).size, `page ${page}`).toBe(1);
  const texts = [...heads.values()].map((head) => head.map((w) => w.text).join(" "));
  const short = chapters.find((c) => c.shortTitle)!;
  expect(texts).toContain(short.shortTitle!.toUpperCase());
  const long = chapters.find((c) => !c.shortTitle && c.title.length > 60)!;
  expect(texts.some((t) => t.endsWith("…") && long.title.toUpperCase().startsWith(t.slice(0, -1)))).toBe(true);
});

it("hyphenates by the rules: no capitalised word split, no paragraph ending on a word's tail, at most two hyphenated lines in a row", () => {
  const facts = hyphenFactsFromLines(pageLines);
  // Hyphenation is on (the test could fail)…
  expect(facts.length).toBeGreaterThan(100);
  // …and follows the rules on paper.
  expect(checkHyphenation(facts)).toEqual([]);
});
