/**
 * What a reader of a kit zine's output sees, as text: every page's visible
 * text and the words of its attributes (alt, title, aria-label, meta
 * content), the feeds' text, and the text of every PDF. Tests search it for
 * any word of the project's own zine (Technopolice), which must never show up
 * in another collective's zine.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import { listFiles } from "./build.ts";

/** Words of the Technopolice zine's content: its subject, its book, its places, its plates' captions. */
export const TECHNOPOLICE_WORDS: RegExp[] = [
  /technopolice/i, /safe city/i, /Marseille/, /Drulhe/, /Richard/, /\b369\b/, /\bNice\b/, /surveillance/i,
  /caméra/i, /vidéo/i, /reconnaissance faciale/i, /Hypothèse/, /salle de contrôle/i, /La Plaine/, /sécuritaire/i,
  /\bpolice\b/i, /Paris/,
];

const ATTRIBUTES = ["alt", "title", "aria-label", "content", "placeholder"];

function htmlText(html: string): string {
  const doc = parse(html);
  const attributes = doc.querySelectorAll("*").flatMap((el) => ATTRIBUTES.map((name) => el.getAttribute(name) ?? ""));
  // Inline SVG titles are what screen readers say: they count too.
  return [doc.textContent, ...attributes].join("\n");
}

const unescape = (xml: string): string =>
  xml.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** Every text a reader meets in the built site, by file. */
export function readableTexts(siteDir: string): { file: string; text: string }[] {
  return listFiles(siteDir).flatMap((file) => {
    const full = path.join(siteDir, file);
    if (file.endsWith(".html")) return [{ file, text: htmlText(fs.readFileSync(full, "utf8")) }];
    if (file.endsWith(".xml")) return [{ file, text: htmlText(unescape(fs.readFileSync(full, "utf8"))) }];
    if (file.endsWith(".pdf")) return [{ file, text: execFileSync("pdftotext", ["-q", full, "-"], { encoding: "utf8" }) }];
    return [];
  });
}

/** « file : word » for every Technopolice word found in what a reader of `siteDir` sees. */
export function technopoliceLeaks(siteDir: string): string[] {
  return readableTexts(siteDir).flatMap(({ file, text }) =>
    TECHNOPOLICE_WORDS.flatMap((word) => {
      const found = word.exec(text);
      return found ? [`${file} : « ${text.slice(Math.max(0, found.index - 40), found.index + 40).replace(/\s+/g, " ")} »`] : [];
    }),
  );
}
