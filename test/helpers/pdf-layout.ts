/**
 * Reading a laid-out zine back from its PDF, the way a reader sees it, with
 * poppler's pdftotext: each word with its box (-bbox), so body text, notes,
 * note calls, running heads and folios can be told apart by their size;
 * each page's lines (-layout); the text in drawing order (-raw).
 */
import { execFileSync } from "node:child_process";
import type { HyphenFact } from "../../print/layout-checks.ts";

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  /** yMax − yMin: the font size, in effect (body ≈ 14, notes ≈ 11, calls ≈ 8.5, heads ≈ 9). */
  height: number;
}

const SHY = "\u00AD";

function decode(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

export function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const words: PdfWord[] = [];
  html.split("<page ").slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: index + 1, text: decode(m[5]), xMin: Number(m[1]), xMax: Number(m[3]), yMin: Number(m[2]), height: Number(m[4]) - Number(m[2]) });
    }
  });
  return words;
}

/** Each page's lines as laid out (soft hyphens kept: they show where a word was split). */
export function pdfPageLines(pdf: string): string[][] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return text.split("\f").slice(0, -1).map((page) => page.split("\n"));
}

/** The text of pages `first`..`last` in drawing order. */
export function pdfRawText(pdf: string, first: number, last: number): string {
  return execFileSync("pdftotext", ["-raw", "-f", String(first), "-l", String(last), pdf, "-"], { encoding: "utf8" });
}

/**
 * Text for comparing: Unicode-normalised, no soft hyphen (nor the hyphen
 * drawn where one split a word), no whitespace.
 */
export function squash(text: string): string {
  return text.normalize("NFKC").replace(/\u00AD-?/g, "").replace(/\u2011/g, "").replace(/\s+/g, "");
}

/** A line ends where a soft hyphen split a word. */
function hyphenated(line: string): boolean {
  return /\u00AD-?\s*$/.test(line);
}

/**
 * The lines of every page that end on a split word, as facts for
 * print/layout-checks.ts checkHyphenation: the word (its head on this line
 * and its tail on the next), and whether the tail is all the next line holds
 * (a paragraph's last word split).
 */
export function hyphenFactsFromLines(pages: string[][]): HyphenFact[] {
  const facts: HyphenFact[] = [];
  pages.forEach((lines, index) => {
    lines.forEach((line, i) => {
      if (!hyphenated(line)) return;
      const head = line.trim().split(/\s+/).pop() ?? "";
      const next = (lines[i + 1] ?? "").trim();
      const tail = next.split(/\s+/)[0] ?? "";
      // The word as a name would be written: after an elided article (L’, d’), with its tail.
      const word = (head.replace(/\u00AD-?$/, "") + tail).split(/[’']/).pop()!.replaceAll(SHY, "").replace(/[^\p{L}-]+$/u, "");
      facts.push({ file: "", page: index + 1, block: "page", line: i, word, lastWord: next !== "" && !/\s/.test(next) });
    });
  });
  return facts;
}
