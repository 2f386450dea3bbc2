/**
 * What the paper needs that the screen doesn't, as template filters over the
 * HTML the one markdown-it instance already rendered: soft hyphens in the
 * zine's language (Chromium here has no hyphenation dictionary), footnotes moved to their call so Paged.js can
 * float them to the foot of the page, links turned into something a reader
 * can follow on paper, and a vector QR code.
 */
import { createRequire } from "node:module";
import type QRCodeModule from "qrcode";
import { citations } from "../scripts/site/filters.ts";
import { language, type Language } from "../scripts/site/typography.ts";
import { translatePlain } from "../scripts/site/langues.ts";
import { edition, type PrintFileFacts } from "./editions.ts";

const require = createRequire(import.meta.url);
type Hyphenate = (text: string, options?: { minWordLength?: number }) => string;
/** The hyphenation dictionary of each language the zine can be written in. */
const DICTIONARIES: Record<Language, string> = { fr: "hyphen/fr/index.js", en: "hyphen/en-gb/index.js" };
const hyphenators = new Map<Language, Hyphenate>();
/** hyphen's dictionaries are CommonJS without an exports map: load them the CommonJS way, once each. */
function hyphenator(lang: Language): Hyphenate {
  let hyphenate = hyphenators.get(lang);
  if (!hyphenate) {
    hyphenate = (require(DICTIONARIES[lang]) as { hyphenateSync: Hyphenate }).hyphenateSync;
    hyphenators.set(lang, hyphenate);
  }
  return hyphenate;
}

const URL_LIKE = /(\S*(?::\/\/|www\.|@)\S*)/u;
/** Elements whose text must stay as typed: URLs, code, and headings, names and titles. */
const VERBATIM = /^(?:code|pre|kbd|samp|script|style|h[1-6]|figcaption|cite)$/;
/** Elements that end a run of lines (a paragraph, an item, a note): their last word is never hyphenated. */
const BLOCK = /^(?:p|li|dd|dt|td|th|blockquote|figcaption)$/;
/** A word: letters, and compounds joined by hyphens (Jean-Pierre is one word). */
const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;
const SHY = "\u00AD";

/**
 * Soft hyphens for the words of `text`, except capitalised words: a proper
 * name (Villeurbanne, Jean-Pierre, OpenStreetMap) is never split, and a word
 * that starts a sentence loses nothing much by staying whole.
 */
function hyphenateWords(text: string, hyphenateSync: Hyphenate): string {
  return text
    .split(URL_LIKE)
    .map((chunk, i) => (i % 2 === 1 ? chunk : chunk.replace(WORD, (word) => (/^\p{Lu}/u.test(word) ? word : hyphenateSync(word, { minWordLength: 6 })))))
    .join("");
}

/** `text` with the soft hyphens of its last word taken out. */
function lastWordWhole(text: string): string {
  return text.replace(/([\p{L}\p{M}\u00AD-]+)([^\p{L}\p{M}]*)$/u, (_, word: string, tail: string) => word.replaceAll(SHY, "") + tail);
}

/**
 * Inserts U+00AD soft hyphens into the text of `html`, never inside a tag,
 * an attribute, a URL, an element marked verbatim (code, class "…url…"), a
 * capitalised word, or the last word of a paragraph, an item or a note (a
 * line holding only a word's tail wastes a line and reads badly).
 */
export function cesure(this: { ctx?: { site?: { language?: unknown } } } | void, html: unknown): string {
  const source = String(html ?? "");
  const hyphenateSync = hyphenator(language(this?.ctx?.site?.language));
  const parts = source.split(/(<[^>]*>)/);
  /** Open elements: verbatim or not, and whether each ends a run of lines. */
  const stack: { verbatim: boolean; block: boolean }[] = [];
  /** For each open block, the index of the last part holding its own words; the first is the whole text (a summary, a note from data). */
  const lastText: number[] = [-1];
  let verbatimDepth = 0;
  const out = parts.slice();
  parts.forEach((part, index) => {
    if (part.startsWith("<")) {
      const closing = /^<\//.test(part);
      const selfClosing = /\/>$/.test(part) || /^<(?:br|hr|img|wbr|input|meta|link|source)\b/i.test(part);
      if (closing) {
        const open = stack.pop();
        if (open?.verbatim) verbatimDepth--;
        if (open?.block && lastText.length > 1) {
          const last = lastText.pop() ?? -1;
          if (last >= 0) out[last] = lastWordWhole(out[last]);
        }
      } else if (!selfClosing && !part.startsWith("<!")) {
        const name = /^<([a-z0-9-]+)/i.exec(part)?.[1]?.toLowerCase() ?? "";
        const cls = /\bclass="([^"]*)"/.exec(part)?.[1] ?? "";
        const verbatim = VERBATIM.test(name) || /\burl\b/.test(cls);
        // A note (print/filters.ts notesEnBasDePage) is a paragraph of its own at the foot of the page.
        const block = BLOCK.test(name) || /\bnote\b/.test(cls);
        stack.push({ verbatim, block });
        if (verbatim) verbatimDepth++;
        if (block) lastText.push(-1);
      }
      return;
    }
    if (verbatimDepth > 0 || part.trim() === "") return;
    out[index] = hyphenateWords(part, hyphenateSync);
    if (/\p{L}/u.test(part)) lastText[lastText.length - 1] = index;
  });
  const last = lastText[0] ?? -1;
  if (last >= 0) out[last] = lastWordWhole(out[last]);
  return out.join("");
}

/** The id a chapter's first element carries in the print document. */
export function chapterAnchor(docId: unknown): string {
  return `chapitre-${String(docId)}`;
}

/** A heading's id in the print document: the chapter's anchor first, since two chapters may share a heading. */
export function sectionAnchor(docId: unknown, id: string): string {
  return `${chapterAnchor(docId)}--${id}`;
}

/**
 * Ids and in-page links of one chapter, made unique in the print document
 * (which holds every chapter): `id="x"` → `id="chapitre-doc--x"`.
 */
export function ancresDuChapitre(html: unknown, docId: unknown): string {
  return String(html ?? "")
    .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${sectionAnchor(docId, id)}"`)
    .replace(/ href="#([^"]+)"/g, (_, id: string) => ` href="#${sectionAnchor(docId, id)}"`);
}

export interface Section {
  id: string;
  title: string;
}

/** The chapter's top-level sections (its `##` headings), for the contents: id and text. */
export function sectionsDuChapitre(html: unknown): Section[] {
  const sections: Section[] = [];
  for (const [, id, inner] of String(html ?? "").matchAll(/<h2 id="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/g)) {
    // The heading's text as markdown-it wrote it (entities and typography kept), without tags.
    sections.push({ id, title: inner.replace(/<[^>]+>/g, "").trim() });
  }
  return sections;
}

/** Running heads are one line: a title longer than this is cut at a word, with an ellipsis. */
const RUNNING_HEAD_MAX = 52;

/**
 * A chapter's running head: its `shortTitle` if the front matter has one,
 * else its title, cut cleanly (at a word, « … ») when too long for one line.
 */
export function titreCourant(title: unknown, shortTitle?: unknown): string {
  const text = String(shortTitle ?? "").trim() || String(title ?? "").trim();
  if (text.length <= RUNNING_HEAD_MAX) return text;
  // One character more: a word that ends right at the limit is kept whole.
  const cut = text.slice(0, RUNNING_HEAD_MAX + 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > RUNNING_HEAD_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.—–-]+$/, "")}…`;
}

const FOOTNOTE_REF = /<sup class="footnote-ref"><a href="#(fn[^"]+)" id="[^"]*">\[(\d+)\]<\/a><\/sup>/g;
const FOOTNOTE_ITEM = /<li id="(fn[^"]+)" class="footnote-item">([\s\S]*?)<\/li>/g;
const FOOTNOTES_BLOCK = /<hr class="footnotes-sep">\s*<section class="footnotes">[\s\S]*?<\/section>/;

/**
 * markdown-it-footnote puts notes at the end of the chapter, which suits a
 * web page. On paper they belong at the foot of their page: move each note's
 * text to its call, in a <span class="note"> that the print CSS floats there.
 *
 * The number is written out, the web page's number: notes restart at 1 in
 * each chapter on paper as on the web, so « note 3 » means the same note in
 * both, and the same as `[^3]` in the chapter's Markdown. Paged.js's own
 * counters can't be trusted with it (two notes on a page, or two adjacent
 * calls, printed the same number). The call is the <sup> (hidden from screen
 * readers: print/handlers.ts names Paged.js's link to the note instead); the
 * note's marker reads data-numero (print/zine.css).
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
    .replace(FOOTNOTE_REF, (whole, id: string, number: string) => {
      const text = notes.get(id);
      return text === undefined ? whole : `<sup class="appel-note" aria-hidden="true">${number}</sup><span class="note" data-numero="${number}">${text}</span>`;
    })
    // Adjacent calls read ¹,² (not ¹², which reads twelve).
    .replace(/(<span class="note" data-numero="\d+">(?:(?!<\/span>)[\s\S])*<\/span>)(<sup class="appel-note" aria-hidden="true">)/g, "$1$2,");
}

/**
 * Links on paper: a link to another chapter becomes an in-document link
 * followed by its page, « (p. 12) »; a link to the web keeps its href (the
 * CSS prints the address after the text). `chapterIds` maps a chapter URL to
 * its docId.
 *
 * The page is text after the link, not CSS generated content on it (Paged.js
 * cut a paragraph into three pages around a link with an ::after), and reads
 * « 00 » until print/handlers.ts writes the real number once every page is
 * laid out: in tabular figures, as wide as any page below 100, so the line
 * never grows afterwards.
 */
export function liensPapier(html: unknown, chapterIds: Record<string, string>): string {
  return String(html ?? "").replace(/<a href="([^"]+)"([^>]*)>([\s\S]*?)<\/a>/g, (whole, href: string, rest: string, inner: string) => {
    const [pathPart, hash] = href.split("#");
    const docId = chapterIds[pathPart];
    if (docId) {
      const target = `#${hash ? sectionAnchor(docId, hash) : chapterAnchor(docId)}`;
      return `<a class="renvoi" href="${target}"${rest}>${inner}</a><span class="renvoi-page"> (p.\u00A0<span class="numero-page" data-cible="${target}">00</span>)</span>`;
    }
    if (/^https?:\/\//.test(href)) return `<a class="externe" href="${href}"${rest}>${inner}</a>`;
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

/**
 * A print file's page count as a reader needs it, in the zine's language:
 * pages of the zine, or sheets for the imposed files (imprimer.compte.*).
 */
export function comptePages(this: { ctx?: { site?: { language?: unknown } } } | void, file: Pick<PrintFileFacts, "key" | "pages">): string {
  const lang = language(this?.ctx?.site?.language);
  const imposition = edition(file.key).imposition;
  if (imposition === "saddle-stitch") return translatePlain("imprimer.compte.livret", { feuilles: file.pages / 2, faces: file.pages, pages: file.pages * 2 }, lang);
  if (imposition === "mini-zine") return translatePlain("imprimer.compte.mini", {}, lang);
  return translatePlain("imprimer.compte.pages", { pages: file.pages }, lang);
}
