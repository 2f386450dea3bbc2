/**
 * What the paper needs that the screen doesn't, as template filters over the
 * HTML the one markdown-it instance already rendered: soft hyphens (Chromium
 * has no French dictionary), footnotes moved to their call so Paged.js can
 * float them to the foot of the page, links turned into something a reader
 * can follow on paper, and a vector QR code.
 */
import { createRequire } from "node:module";
import type QRCodeModule from "qrcode";
import { citations } from "../scripts/site/filters.ts";

const require = createRequire(import.meta.url);
// hyphen/fr is CommonJS without an exports map: load it the CommonJS way.
type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;
/** Loaded on first use: a site build whose print text is all in the disk cache never loads the patterns. */
const hyphenateSync: Hyphenate = (text, options) => (require("hyphen/fr/index.js") as { hyphenateSync: Hyphenate }).hyphenateSync(text, options);

const URL_LIKE = /(\S*(?::\/\/|www\.|@)\S*)/u;
/** Elements whose text must stay as typed: URLs, code, and headings, names and titles. */
const VERBATIM = /^(?:code|pre|kbd|samp|script|style|h[1-6]|figcaption|cite)$/;

/**
 * Inserts U+00AD soft hyphens into the text of `html`, never inside a tag,
 * an attribute, a URL, or an element marked verbatim (code, class "…url…").
 */
export function cesure(html: unknown): string {
  const source = String(html ?? "");
  const parts = source.split(/(<[^>]*>)/);
  const stack: boolean[] = [];
  let verbatimDepth = 0;
  return parts
    .map((part) => {
      if (part.startsWith("<")) {
        const closing = /^<\//.test(part);
        const selfClosing = /\/>$/.test(part) || /^<(?:br|hr|img|wbr|input|meta|link|source)\b/i.test(part);
        if (closing) {
          if (stack.pop()) verbatimDepth--;
        } else if (!selfClosing && !part.startsWith("<!")) {
          const name = /^<([a-z0-9-]+)/i.exec(part)?.[1]?.toLowerCase() ?? "";
          const cls = /\bclass="([^"]*)"/.exec(part)?.[1] ?? "";
          const verbatim = VERBATIM.test(name) || /\burl\b/.test(cls);
          stack.push(verbatim);
          if (verbatim) verbatimDepth++;
        }
        return part;
      }
      if (verbatimDepth > 0 || part.trim() === "") return part;
      return part
        .split(URL_LIKE)
        .map((chunk, i) => (i % 2 === 1 ? chunk : hyphenateSync(chunk, { minWordLength: 6 })))
        .join("");
    })
    .join("");
}

/** The id a chapter's first element carries in the print document. */
export function chapterAnchor(docId: unknown): string {
  return `chapitre-${String(docId)}`;
}

const FOOTNOTE_REF = /<sup class="footnote-ref"><a href="#(fn[^"]+)" id="[^"]*">\[\d+\]<\/a><\/sup>/g;
const FOOTNOTE_ITEM = /<li id="(fn[^"]+)" class="footnote-item">([\s\S]*?)<\/li>/g;
const FOOTNOTES_BLOCK = /<hr class="footnotes-sep">\s*<section class="footnotes">[\s\S]*?<\/section>/;

/**
 * markdown-it-footnote puts notes at the end of the chapter, which suits a
 * web page. On paper they belong at the foot of their page: move each note's
 * text to its call, in a <span class="note"> that the print CSS floats there.
 */
export function notesEnBasDePage(html: unknown): string {
  const source = String(html ?? "");
  const notes = new Map<string, string>();
  for (const [, id, body] of source.matchAll(FOOTNOTE_ITEM)) {
    const text = body
      .replace(/\s*<a href="#fnref[^"]*" class="footnote-backref">[^<]*<\/a>/g, "")
      .replace(/<\/?p>/g, " ")
      .trim();
    notes.set(id, text);
  }
  return source
    .replace(FOOTNOTES_BLOCK, "")
    .replace(FOOTNOTE_REF, (whole, id: string) => {
      const text = notes.get(id);
      return text === undefined ? whole : `<span class="note">${text}</span>`;
    });
}

/**
 * Links on paper: a link to another chapter becomes an in-document link (the
 * CSS prints its page number); a link to the web keeps its href (the CSS
 * prints the address after the text). `chapterIds` maps a chapter URL to its
 * docId.
 */
export function liensPapier(html: unknown, chapterIds: Record<string, string>): string {
  return String(html ?? "").replace(/<a href="([^"]+)"/g, (whole, href: string) => {
    const [pathPart, hash] = href.split("#");
    const docId = chapterIds[pathPart];
    if (docId) return `<a class="renvoi" href="#${hash ?? chapterAnchor(docId)}"`;
    if (/^https?:\/\//.test(href)) return `<a class="externe" href="${href}"`;
    return whole;
  });
}

/** chapters → { "/chapitres/x/": "x" }, for liensPapier. */
export function chapterIdsByUrl(chapters: { url: string; data: { docId?: unknown } }[]): Record<string, string> {
  return Object.fromEntries(chapters.map((c) => [c.url, String(c.data.docId)]));
}

/**
 * A QR code as an SVG drawn with one path (vector, so it stays sharp on any
 * printer), built from the module matrix so the output never changes.
 */
export function qrSvg(text: unknown, label = "Code QR vers le site"): string {
  // Loaded on first use: print/eleventy.ts serves the code from the disk cache when it can.
  const QRCode = require("qrcode") as typeof QRCodeModule;
  const qr = QRCode.create(String(text ?? ""), { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const margin = 2;
  let d = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  const box = size + 2 * margin;
  return (
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" role="img" aria-label="${label}" shape-rendering="crispEdges">` +
    `<path fill="currentColor" d="${d}"/></svg>`
  );
}

/** What fills one of the mini-zine's four middle panels. */
export type MiniZinePanel =
  | { kind: "citation"; quote: string; caption: string; chapter: string; order: number }
  | { kind: "resume"; summary: string; chapter: string; order: number }
  | { kind: "sommaire"; titles: string[] }
  | { kind: "notes" };

/** Longer quotations don't fit a 7 × 10 cm panel in a readable size. */
const MAX_QUOTE_CHARS = 240;

interface ChapterLike {
  content?: unknown;
  data: { title?: unknown; order?: unknown; summary?: unknown };
}

/**
 * The mini-zine's middle panels, always `count` of them (the sheet has 8):
 * the first short quotation of each chapter that has one, spread evenly over
 * the book; if the zine has fewer, chapter summaries, then its contents, then
 * ruled notes. Every word still comes from the chapters.
 */
export function miniZinePanels(chapters: ChapterLike[], count = 4): MiniZinePanel[] {
  const firsts = chapters
    .map((c) => ({
      found: citations(String(c.content ?? "")).find((q) => q.quote.replace(/<[^>]+>/g, "").length <= MAX_QUOTE_CHARS),
      chapter: String(c.data.title ?? ""),
      order: Number(c.data.order),
    }))
    .filter((c) => c.found)
    .map((c): MiniZinePanel => ({ kind: "citation", quote: c.found!.quote, caption: c.found!.caption, chapter: c.chapter, order: c.order }));
  const quotes =
    firsts.length <= count
      ? firsts
      : Array.from({ length: count }, (_, i) => firsts[Math.round((i * (firsts.length - 1)) / (count - 1))]);
  const quoted = new Set(quotes.map((q) => (q.kind === "citation" ? q.order : -1)));
  const summaries = chapters
    .filter((c) => !quoted.has(Number(c.data.order)) && c.data.summary)
    .map((c): MiniZinePanel => ({ kind: "resume", summary: String(c.data.summary), chapter: String(c.data.title ?? ""), order: Number(c.data.order) }));
  const panels: MiniZinePanel[] = [...quotes, ...summaries.slice(0, count - quotes.length)];
  if (panels.length < count) panels.push({ kind: "sommaire", titles: chapters.map((c) => String(c.data.title ?? "")) });
  while (panels.length < count) panels.push({ kind: "notes" });
  // Reading order: by chapter, whatever kind filled the panel.
  const rank = (p: MiniZinePanel) => ("order" in p ? p.order : Number.MAX_SAFE_INTEGER);
  return panels.slice(0, count).sort((a, b) => rank(a) - rank(b));
}
