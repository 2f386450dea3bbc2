/**
 * What each drum prints, as the browser sees it: every inked item of the
 * marked print of a laid-out document (text, SVG strokes and fills, borders,
 * generated content), with its page, its size in points and its ink density
 * in %. Its colour says which drum inks it (print/encres.css): a neutral grey
 * the black drum, a mark the files it names. print/riso.ts checks the pink
 * drum's items against riso limits and knows from them which pages carry
 * pink; an item on both drums is a mistake of print/encres.css.
 *
 * It is a plain-JavaScript string run by page.evaluate: the page gets no
 * helper from our TypeScript build, and the code reads as it runs.
 */
import { MARK_BASE, MARK_FILES } from "./grey-ink.ts";

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

/** Returns `{ rose: InkItem[], noir: InkItem[] }`: one key per paint, the same on both drums. */
export const INVENTORY_SCRIPT = `(() => {
  const PT = 0.75;
  const MM2 = (25.4 / 96) ** 2;
  const FILES = ${JSON.stringify(MARK_FILES)};
  // A paint's ink density in % and the drums that ink it: a grey on the black drum, a mark rgb(v, 255 − v, ${MARK_BASE} + files) where it says.
  const paint = (colour) => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/.exec(colour || "");
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return { tint: 0, files: 0 };
    const [r, g, b] = [1, 2, 3].map((k) => Number(m[k]));
    const files = r + g === 255 && r !== g && b > ${MARK_BASE} && b <= ${MARK_BASE} + 7 ? b - ${MARK_BASE} : FILES.lecture + FILES.noir;
    const light = files === FILES.lecture + FILES.noir ? 0.299 * r + 0.587 * g + 0.114 * b : r;
    return { tint: Math.round((1 - light / 255) * 100), files };
  };
  const name = (el) => (el.getAttribute("class") || el.tagName.toLowerCase()).split(" ")[0];
  const items = { rose: [], noir: [] };
  document.querySelectorAll(".pagedjs_page").forEach((pageBox, p) => {
    const page = p + 1;
    pageBox.querySelectorAll("*").forEach((el, i) => {
      const cs = getComputedStyle(el);
      const push = (suffix, kind, size, colour, what) => {
        const { tint, files } = paint(colour);
        if (tint <= 0) return;
        const item = { page, key: page + ":" + i + ":" + suffix, kind, size: Math.round(size * 100) / 100, tint, what };
        if (files & FILES.rose) items.rose.push(item);
        if (files & FILES.noir) items.noir.push(item);
      };
      for (const pseudo of ["::before", "::after"]) {
        const ps = getComputedStyle(el, pseudo);
        if (!ps.content || ps.content === "none" || ps.content === "normal" || ps.content === '""') continue;
        if (ps.visibility !== "visible" || ps.display === "none" || cs.display === "none") continue;
        push(pseudo, "texte", parseFloat(ps.fontSize) * PT, ps.color, name(el) + pseudo + " " + ps.content.slice(0, 30));
      }
      if (cs.visibility !== "visible" || cs.display === "none" || el.getClientRects().length === 0) return;
      if (el instanceof SVGGeometryElement) {
        const m = el.getScreenCTM();
        const scale = m ? Math.hypot(m.a, m.b) : 1;
        if (cs.stroke !== "none" && parseFloat(cs.strokeWidth) > 0) push("stroke", "trait", parseFloat(cs.strokeWidth) * scale * PT, cs.stroke, name(el));
        if (cs.fill !== "none") {
          const r = el.getBoundingClientRect();
          push("fill", "aplat", r.width * r.height * MM2, cs.fill, name(el));
        }
        return;
      }
      if (el.closest("svg") && !(el instanceof SVGTextContentElement)) return;
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").replace(/[\\s\\u00ad]+/g, " ").trim();
      if (text) push("text", "texte", parseFloat(cs.fontSize) * PT, cs.color, text.slice(0, 40));
      for (const side of ["Top", "Right", "Bottom", "Left"]) {
        const width = parseFloat(cs["border" + side + "Width"]);
        if (width > 0 && cs["border" + side + "Style"] !== "none" && cs["border" + side + "Style"] !== "hidden") {
          push("border" + side, "trait", width * PT, cs["border" + side + "Color"], name(el) + " (bordure)");
        }
      }
      if (cs.backgroundColor && paint(cs.backgroundColor).tint > 0) {
        const r = el.getBoundingClientRect();
        push("background", "aplat", r.width * r.height * MM2, cs.backgroundColor, name(el) + " (fond)");
      }
    });
  });
  return items;
})()`;
