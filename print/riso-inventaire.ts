/**
 * What a drum prints, as the browser sees it: every inked item of a
 * laid-out print document (text, SVG strokes and fills, borders, generated
 * content), with its page, its size in points and its ink density in %.
 * print/riso.ts runs it with the pink drum's class on <html> (to check riso
 * limits and know which pages carry pink), then with the black drum's (to
 * check that nothing the pink drum prints is left on the black one).
 *
 * It is a plain-JavaScript string run by page.evaluate: the page gets no
 * helper from our TypeScript build, and the code reads as it runs.
 */

export interface InkItem {
  /** 1-based page of the laid-out document. */
  page: number;
  /** Which element and which of its paints: the same key in both drums. */
  key: string;
  kind: "texte" | "trait" | "aplat";
  /** Font size (texte), line width (trait), area in mm² (aplat). */
  size: number;
  /** Ink density in %, 100 = solid. */
  tint: number;
  /** A few words to name it in a message. */
  what: string;
}

export const INVENTORY_SCRIPT = `(() => {
  const PT = 0.75;
  const MM2 = (25.4 / 96) ** 2;
  const density = (colour) => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/.exec(colour || "");
    if (!m) return 0;
    if (m[4] !== undefined && Number(m[4]) === 0) return 0;
    const light = 0.299 * Number(m[1]) + 0.587 * Number(m[2]) + 0.114 * Number(m[3]);
    return Math.round((1 - light / 255) * 100);
  };
  const name = (el) => (el.getAttribute("class") || el.tagName.toLowerCase()).split(" ")[0];
  const items = [];
  document.querySelectorAll(".pagedjs_page").forEach((pageBox, p) => {
    const page = p + 1;
    pageBox.querySelectorAll("*").forEach((el, i) => {
      const cs = getComputedStyle(el);
      const push = (suffix, kind, size, tint, what) => {
        if (tint > 0) items.push({ page, key: page + ":" + i + ":" + suffix, kind, size: Math.round(size * 100) / 100, tint, what });
      };
      for (const pseudo of ["::before", "::after"]) {
        const ps = getComputedStyle(el, pseudo);
        if (!ps.content || ps.content === "none" || ps.content === "normal" || ps.content === '""') continue;
        if (ps.visibility !== "visible" || ps.display === "none" || cs.display === "none") continue;
        push(pseudo, "texte", parseFloat(ps.fontSize) * PT, density(ps.color), name(el) + pseudo + " " + ps.content.slice(0, 30));
      }
      if (cs.visibility !== "visible" || cs.display === "none" || el.getClientRects().length === 0) return;
      if (el instanceof SVGGeometryElement) {
        const m = el.getScreenCTM();
        const scale = m ? Math.hypot(m.a, m.b) : 1;
        if (cs.stroke !== "none" && parseFloat(cs.strokeWidth) > 0) push("stroke", "trait", parseFloat(cs.strokeWidth) * scale * PT, density(cs.stroke), name(el));
        if (cs.fill !== "none") {
          const r = el.getBoundingClientRect();
          push("fill", "aplat", r.width * r.height * MM2, density(cs.fill), name(el));
        }
        return;
      }
      if (el.closest("svg") && !(el instanceof SVGTextContentElement)) return;
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").replace(/[\\s\\u00ad]+/g, " ").trim();
      if (text) push("text", "texte", parseFloat(cs.fontSize) * PT, density(cs.color), text.slice(0, 40));
      for (const side of ["Top", "Right", "Bottom", "Left"]) {
        const width = parseFloat(cs["border" + side + "Width"]);
        if (width > 0 && cs["border" + side + "Style"] !== "none" && cs["border" + side + "Style"] !== "hidden") {
          push("border" + side, "trait", width * PT, density(cs["border" + side + "Color"]), name(el) + " (bordure)");
        }
      }
      if (cs.backgroundColor && density(cs.backgroundColor) > 0) {
        const r = el.getBoundingClientRect();
        push("background", "aplat", r.width * r.height * MM2, density(cs.backgroundColor), name(el) + " (fond)");
      }
    });
  });
  return items;
})()`;
