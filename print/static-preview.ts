/**
 * The published /imprimer/apercu/: the zine's one Paged.js layout (the one
 * every PDF is printed from), kept as a static page. No script, no layout in
 * the reader's browser: the pages as Chromium laid them out, with Paged.js's
 * generated styles in an external stylesheet, under the site's strict
 * Content-Security-Policy (no inline style either).
 *
 * print/render.ts keeps the laid-out pages (KEEP_SCRIPT) before the riso
 * marks are painted on them, and reads them (CAPTURE_SCRIPT) once the PDFs
 * are printed; build-print.ts hands them here once the site is written.
 * `npm start` keeps the live preview (Paged.js in the browser, so a save
 * shows); `npm run build:site` keeps the last full build's static preview,
 * as it keeps that build's PDFs.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { printDocument } from "./editions.ts";
import { CSP } from "../scripts/site/csp.ts";
import { fileForUrl } from "../scripts/lib/site-files.ts";
import { escapeHtml } from "../scripts/lib/escape.ts";

/** What the static page is made of, as read from the laid-out document. */
export interface LaidOutPreview {
  /** The pages (`.pagedjs_pages`), without Paged.js's scaffolding the screen never shows. */
  pages: string;
  /** Every rule of the document's stylesheets that applies to these pages, and the pages' own styles as classes. */
  css: string;
  /** The attributes of the laid-out <body>. */
  body: Record<string, string>;
  /** The drawings beyond the first page, as SVG files beside the page (`file` in /imprimer/apercu/), which shows them as lazy <img>. */
  images: { file: string; svg: string }[];
}

/** Where the static page's stylesheet is published. */
export const PREVIEW_CSS_URL = "/imprimer/assets/apercu-pages.css";
/** The class of the static page's <html>: print/apercu.css shows the trim of its pages (they were laid out with a bleed). */
export const STATIC_CLASS = "apercu-statique";

/**
 * In the laid-out page, before anything else touches it (the riso marks,
 * print/riso.ts): a copy of the pages and of <html> and <body>'s attributes.
 * A few milliseconds; the rest waits for CAPTURE_SCRIPT.
 */
export const KEEP_SCRIPT = `(() => {
  const attributes = (element) => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
  window.__zinePreview = {
    pages: document.querySelector(".pagedjs_pages").cloneNode(true),
    html: attributes(document.documentElement),
    body: attributes(document.body),
  };
})()`;

/**
 * Reads the copy KEEP_SCRIPT made, in a document of its own (so the riso
 * marks painted since on <html> match nothing):
 * - the contents' sections are not links, nor entries too close to tap on
 *   a phone (see below); a landmark split across pages is one landmark;
 * - every style="" (Paged.js writes running heads, column widths and the
 *   page count there) becomes a class with the same declarations, important as
 *   an inline style is strong; the strict CSP forbids style attributes;
 * - Paged.js's bleed boxes (crop marks, none here) and its empty margin boxes
 *   go: each is placed on its grid by name, so nothing else moves;
 * - the drawings beyond the first page become lazy <img> of SVG files beside
 *   the page, in boxes of the size they were laid out at;
 * - data- attributes no stylesheet reads go (Paged.js's ids, the handlers' notes);
 * - the white space between Paged.js's boxes goes (none in the text);
 * - Paged.js's random ids are numbered in order (same bytes build to build);
 * - the stylesheets keep the rules that match something in the pages, for
 *   the screen (@page and print-only rules go), with same-origin URLs made
 *   root-relative.
 */
export const CAPTURE_SCRIPT = `(() => {
  const kept = window.__zinePreview;
  delete window.__zinePreview;
  const doc = document.implementation.createHTMLDocument("");
  for (const [name, value] of Object.entries(kept.html)) doc.documentElement.setAttribute(name, value);
  for (const [name, value] of Object.entries(kept.body)) doc.body.setAttribute(name, value);
  const pages = doc.importNode(kept.pages, true);
  doc.body.append(pages);

  // A declaration as a stylesheet reads it back. Paged.js leaves its running heads' strings open ("Titre):
  // fine as the last token of a style attribute, not in a rule followed by others, so they are closed here.
  const closed = (value) => {
    let quote = "";
    for (let i = 0; i < value.length; i++) {
      if (quote && value[i] === "\\\\") i++;
      else if (quote && value[i] === quote) quote = "";
      else if (!quote && (value[i] === '"' || value[i] === "'")) quote = value[i];
    }
    return value + quote;
  };
  // Each element's style="" as declarations (classes once the stylesheets are read, below).
  const inline = new Map();
  for (const element of [pages, ...pages.querySelectorAll("[style]")]) {
    const style = element.style;
    inline.set(element, [...style].map((name) => [name, closed(style.getPropertyValue(name).trim())]));
    element.removeAttribute("style");
  }
  // The contents' sections, 3.4 mm tall lines 0.8 mm apart, are too close to tap (WCAG 2.5.8, 24 px): on screen they
  // are read as on paper, a title and its page, and the chapters above them stay links (9 mm apart). The <a> stays
  // for the stylesheets, without href, and says it is no link (role none: nothing for a crawler to follow).
  const asOnPaper = (link) => {
    link.removeAttribute("href");
    link.setAttribute("role", "none");
  };
  pages.querySelectorAll(".table ol ol a[href]").forEach(asOnPaper);
  // On a 375 px phone the pages are shown at (375 - 16) px over the trim's width (print/apercu.css): two entries of
  // the contents whose lines are closer than 24 px there (WCAG 2.5.8) are read as on paper too. The chapters with
  // sections between them stay links; an introduction a line above the first chapter does not.
  const trim = document.querySelector(".pagedjs_pagebox").getBoundingClientRect().width;
  const apart = 24 / ((375 - 16) / trim);
  const entries = [...pages.querySelectorAll(".table a[href]")].map((link) => {
    const box = document.querySelector('.pagedjs_pages [data-ref="' + link.getAttribute("data-ref") + '"]')?.getBoundingClientRect();
    return { link, page: link.closest(".pagedjs_page"), middle: box ? box.top + box.height / 2 : NaN };
  });
  const close = entries.filter((entry) => entries.some((other) => other !== entry && other.page === entry.page && !(Math.abs(other.middle - entry.middle) >= apart)));
  close.forEach((entry) => asOnPaper(entry.link));
  // A landmark Paged.js split across pages (the contents) is one landmark: its first part; the rest continue it.
  pages.querySelectorAll("nav[data-split-from], aside[data-split-from], section[data-split-from][aria-label]").forEach((part) => part.setAttribute("role", "none"));
  pages.querySelectorAll(".pagedjs_bleed").forEach((bleed) => bleed.remove());

  // The drawings are half the page's bytes: beyond the first page each is a file of its own, fetched when
  // scrolled to, in a box of exactly the size it was laid out at (nothing moves when it arrives).
  const images = [];
  const sizes = new Map();
  const px = (value) => Math.round(value * 1000) / 1000;
  for (const svg of pages.querySelectorAll(".pagedjs_page:not(:first-child) svg")) {
    const markup = new XMLSerializer().serializeToString(svg);
    const laidOut = document.querySelector('.pagedjs_pages [data-ref="' + svg.getAttribute("data-ref") + '"]');
    if (markup.length < 2048 || !laidOut || svg.parentElement.closest("svg")) continue;
    const box = laidOut.getBoundingClientRect();
    const size = "width: " + px(box.width) + "px !important; height: " + px(box.height) + "px !important;";
    if (!sizes.has(size)) sizes.set(size, "apercu-i" + (sizes.size + 1));
    const file = "planche-" + (images.length + 1) + ".svg";
    images.push({ file, svg: markup.replace(/ data-ref="[^"]*"/g, "") + "\\n" });
    const img = doc.createElement("img");
    img.setAttribute("src", file);
    const hidden = svg.getAttribute("aria-hidden") === "true";
    img.setAttribute("alt", hidden ? "" : svg.getAttribute("aria-label") || svg.querySelector("title")?.textContent || "");
    img.setAttribute("width", String(Math.round(box.width)));
    img.setAttribute("height", String(Math.round(box.height)));
    img.setAttribute("loading", "lazy");
    img.setAttribute("decoding", "async");
    img.setAttribute("class", [svg.getAttribute("class"), sizes.get(size)].filter(Boolean).join(" "));
    svg.replaceWith(img);
  }
  const holders = ".pagedjs_margin-top-left-corner-holder, .pagedjs_margin-top, .pagedjs_margin-top-right-corner-holder, .pagedjs_margin-right, .pagedjs_margin-left, .pagedjs_margin-bottom-left-corner-holder, .pagedjs_margin-bottom, .pagedjs_margin-bottom-right-corner-holder";
  pages.querySelectorAll(holders).forEach((holder) => {
    if (!holder.querySelector(".hasContent") && !holder.textContent.trim()) holder.remove();
  });
  // In a margin that shows something (a running head, a folio), its empty boxes go too: the boxes left are
  // placed in their column or row by name (rules below), where the grid put them in order.
  pages.querySelectorAll(".pagedjs_margin:not(.hasContent)").forEach((box) => {
    if (!box.textContent.trim()) box.remove();
  });
  const blank = [];
  const walker = doc.createTreeWalker(pages, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\\S/.test(node.data) && !node.parentElement.closest(".pagedjs_page_content")) blank.push(node);
  }
  blank.forEach((node) => node.remove());

  const screen = (media) => !/^\\s*(only\\s+)?print\\b/i.test(media.mediaText);
  const matches = (selector) => {
    const plain = selector.replace(/::?(before|after|marker|first-letter|first-line|selection|placeholder)\\b/g, "").replace(/:(hover|focus|focus-visible|focus-within|active|visited|link|any-link|target)\\b/g, "");
    try {
      return doc.querySelector(plain || "*") !== null;
    } catch {
      return true;
    }
  };
  // Chromium writes "all: unset" out as its 400 longhands when the rule sets anything besides (Paged.js's note calls):
  // the rule lists "all" then the others, so it is written back that way.
  const ruleText = (rule) => {
    const names = [...rule.style];
    if (!names.includes("all")) return rule.cssText;
    const declaration = (name, value) => name + ": " + value + (rule.style.getPropertyPriority(name) ? " !important" : "") + ";";
    const all = rule.style.getPropertyValue("all") || rule.style.getPropertyValue("position");
    const rest = names.filter((name) => name !== "all").map((name) => declaration(name, rule.style.getPropertyValue(name)));
    return rule.selectorText + " { " + [declaration("all", all), ...rest].join(" ") + " }";
  };
  const rules = (list) => [...list].flatMap((rule) => {
    if (rule instanceof CSSStyleRule) return matches(rule.selectorText) ? [ruleText(rule)] : [];
    if (rule instanceof CSSPageRule) return [];
    if (rule instanceof CSSMediaRule) {
      if (!screen(rule.media)) return [];
      const inner = rules(rule.cssRules);
      return inner.length ? ["@media " + rule.media.mediaText + " { " + inner.join(" ") + " }"] : [];
    }
    return [rule.cssText];
  });
  const sheets = [...document.styleSheets].filter((sheet) => !(sheet.ownerNode instanceof HTMLLinkElement && sheet.media.mediaText === "screen"));
  const used = sheets.flatMap((sheet) => rules(sheet.cssRules));
  // A custom property nothing reads (Paged.js sets four strings per running head, the pages use one) is left out.
  const readers = [...used, ...[...inline.values()].flat().map(([, value]) => value)].join("\\n");
  const vars = new Set([...readers.matchAll(/var\\(\\s*(--[\\w-]+)/g)].map((m) => m[1]));
  const styles = new Map();
  for (const [element, declarations] of inline) {
    const text = declarations.filter(([name]) => !name.startsWith("--") || vars.has(name)).map(([name, value]) => name + ": " + value + " !important;").join(" ");
    if (!text) continue;
    if (!styles.has(text)) styles.set(text, "apercu-s" + (styles.size + 1));
    element.classList.add(styles.get(text));
  }
  const own = [...styles, ...sizes].map(([text, name]) => "." + name + " { " + text + " }");
  const places = ["left", "center", "right"].map((side, i) => ".pagedjs_margin-top-" + side + ", .pagedjs_margin-bottom-" + side + " { grid-column: " + (i + 1) + "; }");
  places.push(...["top", "middle", "bottom"].map((side, i) => ".pagedjs_margin-left-" + side + ", .pagedjs_margin-right-" + side + " { grid-row: " + (i + 1) + "; }"));
  own.push(...places);
  const css = [...used, ...own].join("\\n").split(location.origin + "/").join("/");

  // data- attributes no rule reads (attribute selectors, attr()) are Paged.js's and the handlers' bookkeeping.
  const read = new Set([...css.matchAll(/\\[([\\w-]+)|attr\\(([\\w-]+)/g)].map((m) => m[1] || m[2]));
  for (const element of [pages, ...pages.querySelectorAll("*")]) {
    for (const attribute of [...element.attributes]) if (attribute.name.startsWith("data-") && !read.has(attribute.name)) element.removeAttribute(attribute.name);
  }
  // Paged.js names the elements a rule follows across pages with random UUIDs: numbered here, so two builds write the same bytes.
  const ids = new Map();
  const stable = (text) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!ids.has(id)) ids.set(id, "n" + (ids.size + 1));
    return ids.get(id);
  });
  const html = stable(pages.outerHTML.split(location.origin + "/").join("/"));
  return { pages: html, css: stable(css) + "\\n", body: kept.body, images };
})()`;

const require = createRequire(import.meta.url);

/** The live preview page Eleventy wrote (print/zine.njk, edition « apercu »), where the static one goes. */
function previewFile(outputDir: string): string {
  return fileForUrl(outputDir, printDocument("apercu").url);
}

/**
 * The static page from the live one Eleventy wrote: its <head> (title,
 * language, canonical, description) without scripts nor the print
 * stylesheets, the strict CSP, the laid-out pages as <body>.
 */
export function staticPreviewHtml(livePage: string, preview: LaidOutPreview): string {
  const { parse } = require("node-html-parser") as typeof import("node-html-parser");
  const root = parse(livePage, { comment: false });
  const html = root.querySelector("html");
  const head = root.querySelector("head");
  if (!html || !head) throw new Error("aperçu : la page /imprimer/apercu/ écrite par Eleventy n’a pas de <head> → voir print/zine.njk");
  for (const script of head.querySelectorAll("script")) script.remove();
  const screen = head.querySelectorAll('link[rel="stylesheet"]').filter((link) => {
    if (link.getAttribute("media") === "screen") return true;
    link.remove();
    return false;
  });
  head.querySelector('meta[http-equiv="Content-Security-Policy"]')?.setAttribute("content", CSP.site);
  const ours = `<link rel="stylesheet" href="${PREVIEW_CSS_URL}">`;
  if (screen[0]) screen[0].insertAdjacentHTML("beforebegin", `${ours}\n  `);
  else head.insertAdjacentHTML("beforeend", `  ${ours}\n`);
  const htmlAttributes = Object.entries({ ...html.attributes, class: [html.getAttribute("class"), STATIC_CLASS].filter(Boolean).join(" ") });
  const bodyAttributes = Object.entries(preview.body);
  const attributes = (list: [string, string][]) => list.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join("");
  return `<!doctype html>\n<html${attributes(htmlAttributes)}>\n${head.toString().replace(/\n\s*\n/g, "\n")}\n<body${attributes(bodyAttributes)}>\n${preview.pages}\n</body>\n</html>\n`;
}

/** Writes the static preview over the live one in a built site (`outputDir`): its page and its stylesheet. */
export function writeStaticPreview(outputDir: string, preview: LaidOutPreview): void {
  const page = previewFile(outputDir);
  const html = staticPreviewHtml(fs.readFileSync(page, "utf8"), preview);
  const css = fileForUrl(outputDir, PREVIEW_CSS_URL);
  fs.mkdirSync(path.dirname(css), { recursive: true });
  fs.writeFileSync(css, `/* The print layout's styles, as Paged.js made them for the static preview (print/static-preview.ts). */\n${preview.css}`);
  for (const image of preview.images) fs.writeFileSync(path.join(path.dirname(page), image.file), image.svg);
  fs.writeFileSync(page, html);
}

/** Is this page the static preview (not the live one)? */
export function isStaticPreview(html: string): boolean {
  return html.includes(`href="${PREVIEW_CSS_URL}"`);
}

/**
 * `npm run build:site` after a full build: the last full build's static
 * preview replaces the live one Eleventy just wrote in `staging` (as its PDFs
 * are kept). False when there is none: the live preview stays.
 */
export function keepStaticPreview(final: string, staging: string): boolean {
  const page = previewFile(final);
  const css = fileForUrl(final, PREVIEW_CSS_URL);
  if (!fs.existsSync(page) || !fs.existsSync(css) || !isStaticPreview(fs.readFileSync(page, "utf8"))) return false;
  fs.copyFileSync(css, fileForUrl(staging, PREVIEW_CSS_URL));
  // The page and its drawings.
  for (const file of fs.readdirSync(path.dirname(page))) fs.copyFileSync(path.join(path.dirname(page), file), path.join(path.dirname(previewFile(staging)), file));
  return true;
}
