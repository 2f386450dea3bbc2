/*
 * Paged.js handlers of the print edition, one per behaviour. This file runs
 * in the browser as it is (the preview page loads it after Paged.js, and the
 * renderer adds it to the page), so it is plain JavaScript, checked by hand:
 * no build step stands between the preview and what gets printed.
 *
 * After rendering, `window.zineReport` holds what the renderer and the
 * preflight read: pages, padding added, overflows found.
 */
(function () {
  "use strict";
  var Paged = window.Paged;
  if (!Paged) throw new Error("handlers.js : Paged.js doit être chargé avant ce fichier");

  var report = { pages: 0, padded: 0, overflows: [], loneLines: [] };
  window.zineReport = report;

  /** Progress for the renderer: one console line per page laid out. */
  class ReportProgress extends Paged.Handler {
    afterPageLayout(pageElement, page) {
      console.log("zine:page " + (page.position + 1));
    }
  }

  /**
   * A folded booklet needs a multiple of 4 pages. Pad with "Notes" pages
   * (ruled, useful at a meeting) inserted before the back cover, which stays
   * the last page. Only documents that ask for it (body[data-multiple]).
   */
  class PadToMultiple extends Paged.Handler {
    afterRendered(pages) {
      var multiple = Number(document.body.dataset.multiple || 0);
      var chunker = this.chunker;
      if (!multiple) return;
      var missing = (multiple - (pages.length % multiple)) % multiple;
      var back = pages[pages.length - 1];
      for (var i = 0; i < missing; i++) {
        var page = chunker.addPage();
        page.element.classList.add("pagedjs_notes_page");
        var notes = document.createElement("section");
        notes.className = "page-notes";
        notes.setAttribute("aria-label", "Notes");
        // Real ruled lines (borders), not a gradient: vector, crisp on any printer.
        notes.innerHTML = '<p class="page-notes-titre">Notes</p>' + new Array(21).join('<div class="page-notes-ligne"></div>');
        page.area.appendChild(notes);
      }
      if (missing > 0 && back) {
        // The back cover goes back to the end; every page gets its new side.
        chunker.pagesArea.appendChild(back.element);
        chunker.pages.splice(chunker.pages.indexOf(back), 1);
        chunker.pages.push(back);
        chunker.pages.forEach(function (p, index) {
          p.index(index);
        });
        chunker.total = chunker.pages.length;
        chunker.pagesArea.style.setProperty("--pagedjs-page-count", String(chunker.total));
        // Pages added after layout never went through Paged.js's last step, which
        // switches on their margin boxes: run it so the notes pages get their folio.
        pages.forEach(function (p) {
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
  function linesOf(range, bounds) {
    var rects = Array.prototype.slice.call(range.getClientRects()).filter(function (r) {
      return r.width >= 1 && r.height >= 1;
    });
    rects.sort(function (a, b) {
      var ca = a.left < bounds.right ? 0 : 1;
      var cb = b.left < bounds.right ? 0 : 1;
      return ca - cb || a.top - b.top;
    });
    var lines = [];
    rects.forEach(function (r) {
      var column = r.left < bounds.right ? 0 : 1;
      var last = lines[lines.length - 1];
      if (last && last.column === column && r.top < last.bottom - 2) last.bottom = Math.max(last.bottom, r.bottom);
      else lines.push({ column: column, top: r.top, bottom: r.bottom });
    });
    return lines;
  }

  /** The first text position of `block` that is laid out on the line starting at `top`. */
  function positionAtLine(block, top, limit) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var probe = document.createRange();
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      for (var i = 0; i < node.length; i++) {
        if (limit.comparePoint(node, i) >= 0) return null;
        probe.setStart(node, i);
        probe.setEnd(node, i + 1);
        var rect = probe.getClientRects()[0];
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
  var MIN_LINES = 2;
  class KeepTwoLines extends Paged.Handler {
    onOverflow(overflow, rendered, bounds) {
      if (!overflow) return;
      var start = overflow.startContainer;
      var ref = start.nodeType === 3 ? start.parentElement : start.childNodes[overflow.startOffset] || start;
      var block = ref && ref.nodeType === 1 ? ref.closest("p, li") : ref && ref.parentElement && ref.parentElement.closest("p, li");
      if (!block || !rendered.contains(block)) return;

      var before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(overflow.startContainer, overflow.startOffset);
      var after = document.createRange();
      after.setStart(overflow.startContainer, overflow.startOffset);
      after.setEnd(block, block.childNodes.length);
      var linesBefore = linesOf(before, bounds).filter(function (l) { return l.column === 0; });
      var linesAfter = linesOf(after, bounds);
      if (linesBefore.length === 0 || linesAfter.length === 0) return;
      if (linesBefore.length >= MIN_LINES && linesAfter.length >= MIN_LINES) return;

      var moved = document.createRange();
      moved.setEnd(overflow.endContainer, overflow.endOffset);
      var keep = linesBefore.length - Math.max(0, MIN_LINES - linesAfter.length);
      if (linesBefore.length >= MIN_LINES && keep >= MIN_LINES) {
        // Widow: carry the last line(s) of this page over with the rest.
        var at = positionAtLine(block, linesBefore[keep].top, after);
        if (!at) return;
        moved.setStart(at.node, at.offset);
        return moved;
      }
      // Orphan, or too short to split: the whole paragraph goes to the next page,
      // unless it already starts the page (moving it would only make an empty page).
      // (Its first line, not its box: a box split over columns starts at the top.)
      if (linesBefore[0].top - bounds.top < 2) return;
      // A heading (break-after: avoid) stays with the paragraph it introduces.
      var first = block;
      // (Paged.js moves break-* from the CSS into data-break-* attributes.)
      while (first.previousElementSibling && (first.previousElementSibling.getAttribute("data-break-after") === "avoid" || getComputedStyle(first.previousElementSibling).breakAfter === "avoid")) {
        first = first.previousElementSibling;
      }
      if (first !== block && first.getClientRects()[0] && first.getClientRects()[0].top - bounds.top < 2) first = block;
      moved.setStartBefore(first);
      return moved;
    }
  }

  /** Anything that sticks out of its page's content box is an overflow. */
  class FindOverflows extends Paged.Handler {
    afterRendered(pages) {
      var tolerance = 1;
      pages.forEach(function (page, index) {
        var area = page.element.querySelector(".pagedjs_page_content");
        if (!area) return;
        var box = area.getBoundingClientRect();
        // Wrappers (Paged.js's own divs, sections) may be taller than the page while laid
        // out in columns; what must fit is what gets printed: text blocks and pictures.
        var all = area.querySelectorAll("p, li, h1, h2, h3, h4, blockquote, figure, figcaption, svg, img, table, pre, .url");
        for (var i = 0; i < all.length; i++) {
          var element = all[i];
          var rect = element.getBoundingClientRect();
          if (rect.width === 0 && rect.height === 0) continue;
          if (
            rect.right > box.right + tolerance ||
            rect.left < box.left - tolerance ||
            rect.bottom > box.bottom + tolerance
          ) {
            var text = (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
            report.overflows.push({ page: index + 1, element: element.tagName.toLowerCase() + (element.getAttribute("class") ? "." + element.getAttribute("class").split(" ")[0] : ""), text: text });
            break;
          }
        }
      });
      report.pages = pages.length;
    }
  }

  /** What KeepTwoLines could not prevent, for the preflight: paragraphs split with one line on a side. */
  class FindLoneLines extends Paged.Handler {
    afterRendered(pages) {
      report.loneLines = [];
      pages.forEach(function (page, index) {
        var area = page.element.querySelector(".pagedjs_page_content");
        if (!area) return;
        var bounds = area.getBoundingClientRect();
        var split = area.querySelectorAll("p[data-split-from], p[data-split-to], li[data-split-from], li[data-split-to]");
        for (var i = 0; i < split.length; i++) {
          var range = document.createRange();
          range.selectNodeContents(split[i]);
          if (linesOf(range, bounds).length === 1) {
            report.loneLines.push({ page: index + 1, kind: split[i].hasAttribute("data-split-to") ? "orpheline" : "veuve", text: (split[i].textContent || "").trim().slice(0, 50) });
          }
        }
      });
    }
  }

  Paged.registerHandlers(ReportProgress, KeepTwoLines, PadToMultiple, FindOverflows, FindLoneLines);
})();
