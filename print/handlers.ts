/// <reference lib="dom" />
/*
 * Paged.js handlers of the print edition, one per behaviour. This file runs
 * in the browser: the build turns it into /imprimer/assets/handlers.js
 * (esbuild, types stripped, wrapped in a function: see print/eleventy.ts),
 * which the preview page loads after Paged.js and the renderer adds to the page.
 *
 * After rendering, `window.zineReport` holds what the renderer and the
 * preflight read: pages, padding added, overflows found.
 */
"use strict";

// Paged.js ships no types: the parts of it these handlers use.

/** A page Paged.js laid out. */
interface PagedPage {
  element: HTMLElement;
  /** Where the page's content goes. */
  area: HTMLElement;
  position: number;
  /** Gives the page its place (left/right, first, nth). */
  index(position: number): void;
}

interface PagedHook {
  triggerSync(...args: unknown[]): unknown[];
}

/** Paged.js's layout engine, as a handler sees it (`this.chunker`). */
interface Chunker {
  settings: { hyphenGlyph?: string };
  pages: PagedPage[];
  total: number;
  pagesArea: HTMLElement;
  hooks: { finalizePage: PagedHook };
  addPage(blank?: boolean): PagedPage;
}

/** Paged.js's base class: each method named after a hook is registered on it. */
interface PagedHandler {
  chunker: Chunker;
}

type PagedHandlerClass = new (chunker: Chunker, polisher: unknown, caller: unknown) => PagedHandler;

interface PagedJs {
  Handler: PagedHandlerClass;
  registerHandlers(...handlers: PagedHandlerClass[]): void;
}

/** What the renderer (print/render.ts) and the preflight read after rendering. */
interface ZineReport {
  pages: number;
  padded: number;
  overflows: { page: number; element: string; text: string; file?: string; sentence?: string }[];
  loneLines: { page: number; kind: "veuve" | "orpheline" | "page creuse"; text: string }[];
  /** For print/layout-checks.ts: each note call and its note; each line that ends on a soft hyphen. */
  notes: { file: string; page: number; notePage: number; call: string; note: string }[];
  hyphens: { file: string; page: number; block: string; line: number; word: string; lastWord: boolean }[];
}

/** A line of text on a page: `column` 1 is the next column Paged.js holds back. */
interface Line {
  column: number;
  top: number;
  bottom: number;
}

const zineWindow = window as Window & { Paged?: PagedJs; zineReport?: ZineReport };
const Paged = zineWindow.Paged;
if (!Paged) throw new Error("handlers.js : Paged.js doit être chargé avant ce fichier");

const report: ZineReport = { pages: 0, padded: 0, overflows: [], loneLines: [], notes: [], hyphens: [] };
zineWindow.zineReport = report;

/** Progress for the renderer: one console line per page laid out. */
class ReportProgress extends Paged.Handler {
  afterPageLayout(pageElement: HTMLElement, page: PagedPage): void {
    console.log("zine:page " + (page.position + 1));
  }
}

/**
 * A folded booklet needs a multiple of 4 pages. Pad with "Notes" pages
 * (ruled, useful at a meeting) inserted before the back cover, which stays
 * the last page. Only documents that ask for it (body[data-multiple]).
 */
class PadToMultiple extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    const multiple = Number(document.body.dataset.multiple || 0);
    const chunker = this.chunker;
    if (!multiple) return;
    const missing = (multiple - (pages.length % multiple)) % multiple;
    const back = pages[pages.length - 1];
    for (let i = 0; i < missing; i++) {
      const page = chunker.addPage();
      page.element.classList.add("pagedjs_notes_page");
      const notes = document.createElement("section");
      notes.className = "page-notes";
      notes.setAttribute("aria-label", "Notes");
      // Real ruled lines (borders), not a gradient: vector, crisp on any printer.
      notes.innerHTML = '<p class="page-notes-titre">Notes</p>' + '<div class="page-notes-ligne"></div>'.repeat(20);
      page.area.appendChild(notes);
    }
    if (missing > 0 && back) {
      // The back cover goes back to the end; every page gets its new side.
      chunker.pagesArea.appendChild(back.element);
      chunker.pages.splice(chunker.pages.indexOf(back), 1);
      chunker.pages.push(back);
      chunker.pages.forEach((p, index) => {
        p.index(index);
      });
      chunker.total = chunker.pages.length;
      chunker.pagesArea.style.setProperty("--pagedjs-page-count", String(chunker.total));
      // Pages added after layout never went through Paged.js's last step, which
      // switches on their margin boxes: run it so the notes pages get their folio.
      pages.forEach((p) => {
        if (p.element.classList.contains("pagedjs_notes_page")) chunker.hooks.finalizePage.triggerSync(p.element, p, undefined, chunker);
      });
    }
    report.padded = missing;
  }
}

/**
 * The lines of `range`, in layout order: rects that overlap vertically are
 * one line (a raised footnote call is not a line of its own); content past
 * the page's right edge is in the next column Paged.js holds back.
 */
function linesOf(range: Range, bounds: DOMRect): Line[] {
  return inLines(Array.from(range.getClientRects()), bounds);
}

/**
 * The lines of the text in `range`, from its text's own boxes: a range over
 * whole elements also gives their boxes, and a paragraph's box spans all its
 * lines (it made a whole page count as one line). `withoutNotes`: nor the
 * notes it holds. A note still inline (its call past the page, in the column
 * Paged.js holds back, before Paged.js moves it to the foot of a page) lays
 * its own text out there, and counted as lines of the paragraph it let a
 * lone last line pass for three (generated zine, seed 3, page 18: the line,
 * the note, the full stop after it).
 */
function textLines(range: Range, bounds: DOMRect, withoutNotes = false): Line[] {
  const root = range.commonAncestorContainer;
  const holder = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
  if (!holder) return [];
  const rects: DOMRect[] = [];
  const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
  const probe = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue;
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.length;
    const text = node.data.slice(start, end);
    if (!text.trim()) continue;
    if (withoutNotes) {
      if (node.parentElement && node.parentElement.closest(NOTE)) continue;
      // Punctuation after a note (« mot¹,². ») lines up after it while the note is inline, not once it has moved.
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
    }
    probe.setStart(node, start);
    probe.setEnd(node, end);
    rects.push(...Array.from(probe.getClientRects()));
  }
  return inLines(rects, bounds);
}

/** A note in the flow, before Paged.js moves it to the foot of the page (print/zine.css: float: footnote). */
const NOTE = "[data-note='footnote'], .note";

function inLines(boxes: DOMRect[], bounds: DOMRect): Line[] {
  const rects = boxes.filter((r) => r.width >= 1 && r.height >= 1);
  rects.sort((a, b) => {
    const ca = a.left < bounds.right ? 0 : 1;
    const cb = b.left < bounds.right ? 0 : 1;
    return ca - cb || a.top - b.top;
  });
  const lines: Line[] = [];
  rects.forEach((r) => {
    const column = r.left < bounds.right ? 0 : 1;
    const last = lines[lines.length - 1];
    if (last && last.column === column && r.top < last.bottom - 2) last.bottom = Math.max(last.bottom, r.bottom);
    else lines.push({ column: column, top: r.top, bottom: r.bottom });
  });
  return lines;
}

/** The first text position of `block` that is laid out on the line starting at `top`. */
function positionAtLine(block: Element, top: number, limit: Range): { node: Text; offset: number } | null {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const probe = document.createRange();
  // (SHOW_TEXT: the walker only returns Text nodes.)
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (let i = 0; i < node.length; i++) {
      if (limit.comparePoint(node, i) >= 0) return null;
      probe.setStart(node, i);
      probe.setEnd(node, i + 1);
      const rect = probe.getClientRects()[0];
      if (rect && rect.width > 0 && rect.top >= top - 1) return { node: node, offset: i };
    }
  }
  return null;
}

/** Where a line may break between words (not a no-break space: « and ; stay with their word). */
const BREAKABLE_SPACE = /[ \t\n\r]/;

/**
 * A line starts at `i`: the letter before the space or soft hyphen at `i - 1`
 * and the character at `i` are on two lines. (From the letter, not the space:
 * a space where a line wraps has no box of its own on either line.)
 */
function startsLine(node: Text, i: number): boolean {
  const probe = document.createRange();
  probe.setStart(node, Math.max(0, i - 2));
  probe.setEnd(node, Math.min(i + 1, node.length));
  const rects = Array.from(probe.getClientRects()).filter((r) => r.height > 0);
  // (Not "below": overflowing text sits at the top of the next column Paged.js holds back.)
  return rects.length >= 2 && Math.abs(rects[rects.length - 1].top - rects[0].top) > 2;
}

/**
 * A page break falls at the start of a line, so the lines on both sides stay
 * as they were laid out. Paged.js finds the break letter by letter, and
 * Chromium reports the first letter after a soft-hyphen wrap on the line
 * above, so the break landed a letter late (« habit|ants »); the page then
 * kept a letter too many, its last line grew, wrapped, and fell out of the
 * page, where nobody saw it. From Paged.js's break, go back to the nearest
 * line start (after a space or a soft hyphen); failing that, the word's start.
 */
function atLineStart(overflow: Range): Range {
  const node = overflow.startContainer;
  if (node.nodeType !== Node.TEXT_NODE) return overflow;
  const text = (node as Text).data;
  const offset = overflow.startOffset;
  if (offset === 0) return overflow;
  const moved = (at: number): Range => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(overflow.endContainer, overflow.endOffset);
    return range;
  };
  for (let at = offset; at > 0; at--) {
    const before = text.charAt(at - 1);
    if ((BREAKABLE_SPACE.test(before) || before === "\u00AD") && startsLine(node as Text, at)) return at === offset ? overflow : moved(at);
  }
  let start = offset;
  while (start > 0 && !BREAKABLE_SPACE.test(text.charAt(start - 1))) start--;
  return start > 0 && start !== offset ? moved(start) : overflow;
}

/** The last text of `element` that shows something (not only white space). */
function lastText(element: Element): Text | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let found: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.data.trim()) found = node;
  }
  return found;
}

/** Where `block` starts with what keeps with it: the headings before it (break-after: avoid), or itself. */
function withItsHeading(block: Element): Element {
  let first = block;
  // (Paged.js moves break-* from the CSS into data-break-* attributes.)
  while (first.previousElementSibling && (first.previousElementSibling.getAttribute("data-break-after") === "avoid" || getComputedStyle(first.previousElementSibling).breakAfter === "avoid")) {
    first = first.previousElementSibling;
  }
  return first;
}

/** The last paragraph or list item (one with none inside) that ends before the break. */
function blockBefore(overflow: Range, rendered: Element): Element | null {
  const blocks = rendered.querySelectorAll("p, li");
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (block.querySelector("p, li")) continue;
    const end = document.createRange();
    end.selectNodeContents(block);
    end.collapse(false);
    if (end.compareBoundaryPoints(Range.START_TO_START, overflow) <= 0) return block;
  }
  return null;
}

/**
 * At least 2 lines of a paragraph at the foot of a page (orphans) and at
 * the head of the next (widows): Paged.js ignores the CSS properties, so
 * move the break up a line, or the whole paragraph, before it happens.
 * Every break it returns falls at a line start (atLineStart).
 */
const MIN_LINES = 2;
class KeepTwoLines extends Paged.Handler {
  constructor(chunker: Chunker, polisher: unknown, caller: unknown) {
    super(chunker, polisher, caller);
    // A word split at a page break gets a hyphen Paged.js adds: the font's own (Literata has no
    // U+2011, Paged.js's default, whose fallback glyph is wider and could wrap the page's last line).
    chunker.settings.hyphenGlyph = "-";
  }

  /** The parsed content Paged.js lays out: what a part (a chapter…) holds in all, to tell where it ends. */
  source: DocumentFragment | undefined;

  afterParsed(content: DocumentFragment): void {
    this.source = content;
  }

  onOverflow(found: Range | undefined, rendered: Element, bounds: DOMRect): Range | undefined {
    if (!found) return;
    const start = atLineStart(found);
    const moved = this.keepTwoLines(start, rendered, bounds) || this.fillLastPage(start, rendered, bounds);
    return moved ? atLineStart(moved) : start;
  }

  /**
   * A part (a chapter, the introduction: each ends with a page break) never
   * ends on a page that holds a single line of it: a short last paragraph
   * alone on a page reads as a page left over (a chapter's one-line last
   * paragraph, test/print.test.ts). The break moves up so that two
   * lines of the paragraph before come along (as KeepTwoLines would carry
   * them), or the whole paragraph when it has fewer than four on this page.
   * Only text after the break: a picture or a table there fills the page.
   */
  fillLastPage(overflow: Range, rendered: Element, bounds: DOMRect): Range | undefined {
    const rest = document.createRange();
    rest.setStart(overflow.startContainer, overflow.startOffset);
    rest.setEnd(rendered, rendered.childNodes.length);
    if (rest.cloneContents().querySelector("img, svg, figure, table, hr")) return;
    const linesAfter = textLines(rest, bounds, true).length;
    if (linesAfter === 0 || linesAfter >= MIN_LINES) return;
    if (!this.endsPart(overflow, rendered)) return;
    const block = blockBefore(overflow, rendered);
    if (!block) return;
    const whole = document.createRange();
    whole.selectNodeContents(block);
    const lines = linesOf(whole, bounds).filter((l) => l.column === 0);
    if (!lines.length) return;
    const moved = document.createRange();
    moved.setEnd(rest.endContainer, rest.endOffset);
    if (lines.length >= 2 * MIN_LINES) {
      const at = positionAtLine(block, lines[lines.length - MIN_LINES].top, rest);
      if (!at) return;
      moved.setStart(at.node, at.offset);
      return moved;
    }
    // Too short to split: the whole paragraph, with a heading that introduces it, unless that would empty the page.
    const first = withItsHeading(block);
    const top = first.getClientRects()[0];
    if (!top || top.top - bounds.top < 2) return;
    moved.setStartBefore(first);
    return moved;
  }

  /** Everything of the part the break falls in is on this page or after the break: the part ends here. */
  endsPart(overflow: Range, rendered: Element): boolean {
    let node: Node | null = overflow.startContainer;
    let part: Element | null = null;
    for (; node && node !== rendered; node = node.parentNode) {
      if (node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute("data-ref")) part = node as Element;
    }
    if (!part || !this.source) return false;
    const original = this.source.querySelector(`[data-ref="${part.getAttribute("data-ref")}"]`);
    if (!original) return false;
    const last = lastText(part);
    const originalLast = lastText(original);
    return !!last && !!originalLast && last.data === originalLast.data && last.parentElement?.getAttribute("data-ref") === originalLast.parentElement?.getAttribute("data-ref");
  }

  keepTwoLines(overflow: Range, rendered: Element, bounds: DOMRect): Range | undefined {
    const start = overflow.startContainer;
    const ref: Node | null = start.nodeType === Node.TEXT_NODE ? start.parentElement : start.childNodes[overflow.startOffset] || start;
    const block = ref && ref.nodeType === Node.ELEMENT_NODE ? (ref as Element).closest("p, li") : ref && ref.parentElement && ref.parentElement.closest("p, li");
    if (!block || !rendered.contains(block)) return;

    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(overflow.startContainer, overflow.startOffset);
    const after = document.createRange();
    after.setStart(overflow.startContainer, overflow.startOffset);
    after.setEnd(block, block.childNodes.length);
    const linesBefore = linesOf(before, bounds).filter((l) => l.column === 0);
    let linesAfter = textLines(after, bounds, true);
    // Chromium reports the first letter after a soft-hyphen wrap on the line above (see atLineStart):
    // from a break at a line start, that line looked like one more line after the break, and a
    // lone line on the next page passed for two. At a line start, the line above stays on this page.
    const last = linesBefore[linesBefore.length - 1];
    if (last && start.nodeType === Node.TEXT_NODE && overflow.startOffset > 0 && startsLine(start as Text, overflow.startOffset)) {
      linesAfter = linesAfter.filter((l) => l.column !== 0 || l.top >= last.bottom - 2);
    }
    if (linesBefore.length === 0 || linesAfter.length === 0) return;
    if (linesBefore.length >= MIN_LINES && linesAfter.length >= MIN_LINES) return;

    const moved = document.createRange();
    moved.setEnd(overflow.endContainer, overflow.endOffset);
    const keep = linesBefore.length - Math.max(0, MIN_LINES - linesAfter.length);
    if (linesBefore.length >= MIN_LINES && keep >= MIN_LINES) {
      // Widow: carry the last line(s) of this page over with the rest.
      const at = positionAtLine(block, linesBefore[keep].top, after);
      if (!at) return;
      // A line that starts with an element (a link): break before the element, not inside it at its start.
      let from: Node = at.node;
      while (at.offset === 0 && from.parentNode && from.parentNode !== block && from.parentNode.firstChild === from) from = from.parentNode;
      if (from !== at.node) moved.setStartBefore(from);
      else moved.setStart(at.node, at.offset);
      return moved;
    }
    // Orphan, or too short to split: the whole paragraph goes to the next page,
    // unless it already starts the page (moving it would only make an empty page).
    // (Its first line, not its box: a box split over columns starts at the top.)
    if (linesBefore[0].top - bounds.top < 2) return;
    // A heading (break-after: avoid) stays with the paragraph it introduces.
    let first = withItsHeading(block);
    const firstRect: DOMRect | undefined = first.getClientRects()[0];
    if (first !== block && firstRect && firstRect.top - bounds.top < 2) first = block;
    moved.setStartBefore(first);
    return moved;
  }
}

/**
 * Paged.js links each note call to its note with an empty <a>: the number a
 * reader sees is the <sup> before it (print/filters.ts), hidden from screen
 * readers, so the link carries the name (« Note 3 »). An attribute only: the
 * layout doesn't move.
 */
class NameNoteCalls extends Paged.Handler {
  afterRendered(): void {
    document.querySelectorAll("a[data-footnote-call]").forEach((call) => {
      const sup = call.previousElementSibling;
      const number = sup && sup.classList.contains("appel-note") ? (sup.textContent || "").replace(/\D/g, "") : "";
      call.setAttribute("aria-label", number ? "Note " + number : "Note");
    });
  }
}

const SHY = "\u00AD";
const LETTER = /[\p{L}\p{M}\u00AD-]/u;

/** A line that ends on a soft hyphen: where the hyphen is, the line's top, and the word it splits. */
interface HyphenBreak {
  node: Text;
  offset: number;
  top: number;
  /** Line index in the block (from the block's first line). */
  line: number;
  word: { start: number; end: number; text: string };
}

/** The chapter's Markdown file, from the print document (print/zine.njk). */
function fileOf(element: Element): string {
  const holder = element.closest("[data-fichier]");
  return holder ? holder.getAttribute("data-fichier") || "" : "";
}

/** The word around `offset` in `node`: letters, soft hyphens and hyphens. */
function wordAt(node: Text, offset: number): { start: number; end: number; text: string } {
  const text = node.data;
  let start = offset;
  let end = offset;
  while (start > 0 && LETTER.test(text.charAt(start - 1))) start--;
  while (end < text.length && LETTER.test(text.charAt(end))) end++;
  return { start: start, end: end, text: text.slice(start, end).split(SHY).join("") };
}

/**
 * The soft hyphens of `block` where a line ends. A range over the letter
 * before, the hyphen and the letter after gives two boxes when the line
 * breaks there (a one-letter range after a wrap can report the line above).
 */
function hyphenBreaks(block: Element): HyphenBreak[] {
  const found: HyphenBreak[] = [];
  const first = block.getClientRects()[0];
  if (!first) return found;
  const pitch = parseFloat(getComputedStyle(block).lineHeight) || first.height;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const probe = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    // A note's text belongs to the note, not to the paragraph that calls it.
    const note = node.parentElement && node.parentElement.closest(".note");
    if (note && note !== block && block.contains(note)) continue;
    const text = node.data;
    if (text.indexOf(SHY) < 0) continue;
    // A text all on one line has no line break in it: one question for the whole text instead of one per soft hyphen, same answers.
    probe.selectNodeContents(node);
    const whole = Array.from(probe.getClientRects()).filter((r) => r.width > 0);
    const tops = whole.map((r) => r.top);
    if (whole.length < 2 || Math.max(...tops) - Math.min(...tops) < pitch / 2) continue;
    for (let i = text.indexOf(SHY); i >= 0; i = text.indexOf(SHY, i + 1)) {
      if (i === 0 || i + 1 >= text.length) continue;
      probe.setStart(node, i - 1);
      probe.setEnd(node, i + 2);
      const rects = Array.from(probe.getClientRects()).filter((r) => r.width > 0);
      if (rects.length < 2 || rects[rects.length - 1].top - rects[0].top < pitch / 2) continue;
      found.push({ node: node, offset: i, top: rects[0].top, line: Math.round((rects[0].top - first.top) / pitch), word: wordAt(node, i) });
    }
  }
  return found;
}

/**
 * At most two hyphenated lines in a row. Chromium has no
 * hyphenate-limit-lines, so before Paged.js lays out the pages, the content
 * is set once at the width of the text block (--largeur-texte in the print
 * CSS) and, where a third line in a row would end on a hyphen, that word
 * loses its soft hyphens and goes whole to the next line. Pages split
 * paragraphs at line starts, so the lines stay the same on paper.
 */
class LimitHyphenatedLines extends Paged.Handler {
  // After Paged.js parsed the content: it rewrites `p + p` rules to attributes it only then sets.
  async afterParsed(content: DocumentFragment): Promise<void> {
    const width = getComputedStyle(document.documentElement).getPropertyValue("--largeur-texte").trim();
    if (!width) return;
    const box = document.createElement("div");
    box.className = "zine-mesure";
    box.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;width:" + width;
    document.body.appendChild(box);
    const nodes = Array.from(content.childNodes);
    nodes.forEach((n) => box.appendChild(n));
    try {
      // Paged.js has just re-declared the fonts with its own stylesheets: let them load (laying the box out asks for them).
      void box.offsetHeight;
      await document.fonts.ready;
      box.querySelectorAll("p, li").forEach((block) => {
        if (block.querySelector("p, li")) return;
        for (let round = 0; round < 20; round++) {
          const breaks = hyphenBreaks(block);
          let third: HyphenBreak | undefined;
          for (let k = 2; k < breaks.length && !third; k++) {
            if (breaks[k].line === breaks[k - 1].line + 1 && breaks[k - 1].line === breaks[k - 2].line + 1) third = breaks[k];
          }
          if (!third) break;
          const data = third.node.data;
          third.node.data = data.slice(0, third.word.start) + data.slice(third.word.start, third.word.end).split(SHY).join("") + data.slice(third.word.end);
        }
      });
    } finally {
      nodes.forEach((n) => content.appendChild(n));
      box.remove();
    }
  }
}

/** No letter left in `block` after the word that ends at (node, end), notes aside. */
function isLastWord(block: Element, node: Text, end: number): boolean {
  if (/\p{L}/u.test(node.data.slice(end))) return false;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  walker.currentNode = node;
  for (let next = walker.nextNode() as Text | null; next; next = walker.nextNode() as Text | null) {
    const note = next.parentElement && next.parentElement.closest(".note");
    if (note && note !== block && block.contains(note)) continue;
    if (/\p{L}/u.test(next.data)) return false;
  }
  return true;
}

/** What print/layout-checks.ts reads: every note call with its note, every line ending on a hyphen. */
class ReportLayout extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    const pageOf = (element: Element): number => {
      const page = element.closest(".pagedjs_page");
      return page ? pages.findIndex((p) => p.element === page) + 1 : 0;
    };
    report.notes = [];
    document.querySelectorAll("a[data-footnote-call]").forEach((call) => {
      const sup = call.previousElementSibling;
      const note = document.querySelector('.pagedjs_footnote_area [data-ref="' + call.getAttribute("data-footnote-call") + '"]');
      report.notes.push({
        file: fileOf(call),
        page: pageOf(call),
        notePage: note ? pageOf(note) : 0,
        call: sup && sup.classList.contains("appel-note") ? (sup.textContent || "").replace(/\D/g, "") : "",
        note: note ? note.getAttribute("data-numero") || "" : "",
      });
    });
    report.hyphens = [];
    pages.forEach((page, index) => {
      page.element.querySelectorAll(".pagedjs_area p, .pagedjs_area li, .pagedjs_footnote_area .note").forEach((block) => {
        if (block.querySelector("p, li")) return;
        const continues = block.hasAttribute("data-split-to");
        hyphenBreaks(block).forEach((b) => {
          report.hyphens.push({
            file: fileOf(block),
            page: index + 1,
            block: block.getAttribute("data-ref") || "",
            line: b.line,
            word: b.word.text,
            lastWord: !continues && isLastWord(block, b.node, b.word.end),
          });
        });
      });
    });
  }
}

/** The last sentence of `element` (where an overflow is), notes and soft hyphens left out. */
function lastSentence(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll(".note, .appel-note").forEach((n) => n.remove());
  const text = (copy.textContent || "").split(SHY).join("").replace(/\s+/g, " ").trim();
  const sentences = text.match(/[^.!?…]+[.!?…]*[»"]?/g) || [text];
  return (sentences[sentences.length - 1] || text).trim().slice(0, 160);
}

/**
 * Page numbers of the contents and of links to another chapter (« (p. 12) »).
 * Paged.js's target-counter() fills them in after each page is laid out, so
 * a number that grows a line can wrap it and push the page's last line off
 * the page; it also recomputes every page's counters for each entry (half a
 * minute for a 150-page zine). Here each target is looked up once, after
 * layout, and its page written in data-page, which the print CSS shows; until
 * then the contents keep room for three digits and a link's page reads « 00 »
 * (print/filters.ts liensPapier).
 */
class PageNumbers extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    const pageOf = (href: string): number => {
      const target = document.getElementById(href.slice(1));
      const page = target && target.closest(".pagedjs_page");
      return page ? this.chunker.pages.findIndex((p) => p.element === page) + 1 : 0;
    };
    document.querySelectorAll(".table a[href^='#']").forEach((entry) => {
      const page = pageOf(entry.getAttribute("href") || "");
      if (page) entry.setAttribute("data-page", String(page));
    });
    document.querySelectorAll(".numero-page[data-cible]").forEach((number) => {
      const page = pageOf(number.getAttribute("data-cible") || "");
      if (page) number.textContent = String(page);
    });
  }
}

/** Anything that sticks out of its page's content box is an overflow. */
class FindOverflows extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    const tolerance = 1;
    pages.forEach((page, index) => {
      const area = page.element.querySelector(".pagedjs_page_content");
      if (!area) return;
      const box = area.getBoundingClientRect();
      // Wrappers (Paged.js's own divs, sections) may be taller than the page while laid
      // out in columns; what must fit is what gets printed: text blocks and pictures.
      const all = area.querySelectorAll("p, li, h1, h2, h3, h4, blockquote, figure, figcaption, svg, img, table, pre, .url");
      for (let i = 0; i < all.length; i++) {
        const element = all[i];
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (rect.right > box.right + tolerance || rect.left < box.left - tolerance || rect.bottom > box.bottom + tolerance) {
          const text = (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
          const className = element.getAttribute("class");
          report.overflows.push({
            page: index + 1,
            element: element.tagName.toLowerCase() + (className ? "." + className.split(" ")[0] : ""),
            text: text,
            file: fileOf(element),
            sentence: lastSentence(element),
          });
          break;
        }
      }
    });
    report.pages = pages.length;
  }
}

/**
 * What KeepTwoLines could not prevent, for the preflight: paragraphs split
 * with one line on a side, and pages that hold a single line of text and
 * nothing else (a part's end that fillLastPage could not fill: after a
 * heading, a picture…), notes pages aside.
 */
class FindLoneLines extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    report.loneLines = [];
    pages.forEach((page, index) => {
      const area = page.element.querySelector(".pagedjs_page_content");
      if (!area) return;
      const bounds = area.getBoundingClientRect();
      // The whole page area: a line with notes under it is not a page left over.
      const whole = page.element.querySelector(".pagedjs_area") || area;
      if (!page.element.classList.contains("pagedjs_notes_page") && !whole.querySelector("img, svg, figure, table, hr")) {
        const all = document.createRange();
        all.selectNodeContents(whole);
        if (textLines(all, bounds).length === 1) report.loneLines.push({ page: index + 1, kind: "page creuse", text: (whole.textContent || "").replace(/\u00AD/g, "").trim().slice(0, 50) });
      }
      const split = area.querySelectorAll("p[data-split-from], p[data-split-to], li[data-split-from], li[data-split-to]");
      for (let i = 0; i < split.length; i++) {
        const range = document.createRange();
        range.selectNodeContents(split[i]);
        if (linesOf(range, bounds).length === 1) {
          report.loneLines.push({ page: index + 1, kind: split[i].hasAttribute("data-split-to") ? "orpheline" : "veuve", text: (split[i].textContent || "").trim().slice(0, 50) });
        }
      }
    });
  }
}

Paged.registerHandlers(ReportProgress, LimitHyphenatedLines, KeepTwoLines, PadToMultiple, PageNumbers, NameNoteCalls, FindOverflows, FindLoneLines, ReportLayout);
