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

  var report = { pages: 0, padded: 0, overflows: [] };
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
      }
      report.padded = missing;
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

  Paged.registerHandlers(ReportProgress, PadToMultiple, FindOverflows);
})();
