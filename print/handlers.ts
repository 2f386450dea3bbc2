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
  overflows: { page: number; element: string; text: string }[];
  loneLines: { page: number; kind: "veuve" | "orpheline"; text: string }[];
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

const report: ZineReport = { pages: 0, padded: 0, overflows: [], loneLines: [] };
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
  const rects = Array.from(range.getClientRects()).filter((r) => r.width >= 1 && r.height >= 1);
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

/**
 * At least 2 lines of a paragraph at the foot of a page (orphans) and at
 * the head of the next (widows): Paged.js ignores the CSS properties, so
 * move the break up a line, or the whole paragraph, before it happens.
 */
const MIN_LINES = 2;
class KeepTwoLines extends Paged.Handler {
  onOverflow(overflow: Range | undefined, rendered: Element, bounds: DOMRect): Range | undefined {
    if (!overflow) return;
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
    const linesAfter = linesOf(after, bounds);
    if (linesBefore.length === 0 || linesAfter.length === 0) return;
    if (linesBefore.length >= MIN_LINES && linesAfter.length >= MIN_LINES) return;

    const moved = document.createRange();
    moved.setEnd(overflow.endContainer, overflow.endOffset);
    const keep = linesBefore.length - Math.max(0, MIN_LINES - linesAfter.length);
    if (linesBefore.length >= MIN_LINES && keep >= MIN_LINES) {
      // Widow: carry the last line(s) of this page over with the rest.
      const at = positionAtLine(block, linesBefore[keep].top, after);
      if (!at) return;
      moved.setStart(at.node, at.offset);
      return moved;
    }
    // Orphan, or too short to split: the whole paragraph goes to the next page,
    // unless it already starts the page (moving it would only make an empty page).
    // (Its first line, not its box: a box split over columns starts at the top.)
    if (linesBefore[0].top - bounds.top < 2) return;
    // A heading (break-after: avoid) stays with the paragraph it introduces.
    let first: Element = block;
    // (Paged.js moves break-* from the CSS into data-break-* attributes.)
    while (first.previousElementSibling && (first.previousElementSibling.getAttribute("data-break-after") === "avoid" || getComputedStyle(first.previousElementSibling).breakAfter === "avoid")) {
      first = first.previousElementSibling;
    }
    const firstRect: DOMRect | undefined = first.getClientRects()[0];
    if (first !== block && firstRect && firstRect.top - bounds.top < 2) first = block;
    moved.setStartBefore(first);
    return moved;
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
          report.overflows.push({ page: index + 1, element: element.tagName.toLowerCase() + (className ? "." + className.split(" ")[0] : ""), text: text });
          break;
        }
      }
    });
    report.pages = pages.length;
  }
}

/** What KeepTwoLines could not prevent, for the preflight: paragraphs split with one line on a side. */
class FindLoneLines extends Paged.Handler {
  afterRendered(pages: PagedPage[]): void {
    report.loneLines = [];
    pages.forEach((page, index) => {
      const area = page.element.querySelector(".pagedjs_page_content");
      if (!area) return;
      const bounds = area.getBoundingClientRect();
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

Paged.registerHandlers(ReportProgress, KeepTwoLines, PadToMultiple, FindOverflows, FindLoneLines);
