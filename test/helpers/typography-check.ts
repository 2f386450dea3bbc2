/**
 * The typography check: reads text as a reader gets it (a page's visible
 * text, the feed's text, a PDF's text) and lists every place where the
 * typography of the language is broken.
 *
 * HTML and feed text keep their no-break spaces, so every spacing rule can be
 * checked there (the print documents are HTML pages too). pdftotext writes
 * every kind of space as a plain space, so in a PDF only what a line break
 * shows can be checked: a line that starts with « : ; ! ? » % » or ends with
 * « « », a number at the end of a line whose unit starts the next one.
 */
import { execFileSync } from "node:child_process";
import { parse, type HTMLElement } from "node-html-parser";

export interface Fault {
  rule: string;
  where: string;
  excerpt: string;
}

/** Breaking white space (no-break spaces excluded: JavaScript's \s would match them). */
const SP = "[ \\t\\r\\n]";

interface Rule {
  rule: string;
  pattern: RegExp;
}

/** What every language shares: straight quotes, a number parted from its unit. */
const common: Rule[] = [
  { rule: "apostrophe ou guillemet droits (' \")", pattern: /['"]/gu },
  { rule: "nombre séparé de son unité ou de son nom (espace sécable)", pattern: new RegExp(`(?<![\\p{L}\\p{N}_.,-])\\d+(?:[.,]\\d+)?${SP}+(?=[\\p{Ll}%°]|(?:Ko|Mo|Go|KB|MB|GB)\\b)`, "gu") },
  { rule: "signe × séparé de ses nombres (espace sécable)", pattern: new RegExp(`\\d${SP}+×|×${SP}+\\d`, "gu") },
  { rule: "milliers séparés par une espace sécable", pattern: new RegExp(`(?<![\\p{N}.,])\\d{1,3}${SP}\\d{3}(?!\\d)`, "gu") },
];

const french: Rule[] = [
  ...common,
  { rule: "espace sécable avant : ; ! ? » ou %", pattern: new RegExp(`${SP}+[:;!?»%]`, "gu") },
  { rule: "espace sécable après «", pattern: new RegExp(`«${SP}`, "gu") },
  { rule: "« » sans espace insécable", pattern: /«(?![\u202F\u00A0\s])|(?<![\u202F\u00A0\s])»/gu },
  { rule: "; ! ? sans espace fine insécable", pattern: /(?<=[\p{L}\p{N}»)])[;!?]/gu },
  { rule: ": sans espace insécable", pattern: /(?<=[\p{L}»)])[:](?=\s|$)/gu },
  { rule: "point décimal dans un nombre français", pattern: /(?<![\p{L}\p{N}.])\d+\.\d+(?![\d.])/gu },
];

const english: Rule[] = [
  ...common,
  { rule: "space before : ; ! ? in English", pattern: /[ \u00A0\u202F]+[:;!?]/gu },
  { rule: "« » in English text", pattern: /[«»]/gu },
];

/**
 * What the rules never look at: addresses (the-zine.fr, https://…), e-mail
 * addresses, and a name's version number (CC BY-SA 4.0, WCAG 2.2), which is a
 * name, not a French number.
 */
const IGNORED = /\S*(?::\/\/|www\.|@|\.(?:fr|org|com|net|eu|io|info)\b)\S*|\b[A-Z][A-Z0-9]+(?:[- ][A-Z0-9]{2,})* \d+(?:\.\d+)+/gu;

/** Text with what the rules must not see blanked out (same length, so excerpts stay right). */
function masked(text: string): string {
  return text.replace(/\u00AD/g, "").replace(IGNORED, (m) => "\u0000".repeat(m.length));
}

export function typographyFaults(text: string, lang: "fr" | "en", where: string): Fault[] {
  const clean = masked(text);
  const faults: Fault[] = [];
  for (const { rule, pattern } of lang === "en" ? english : french) {
    for (const match of clean.matchAll(pattern)) {
      const from = Math.max(0, match.index - 25);
      const excerpt = clean.slice(from, match.index + match[0].length + 25).replace(/\u0000+/g, "…").replace(/\n/g, "⏎");
      faults.push({ rule, where, excerpt });
    }
  }
  return faults;
}

/** Elements whose text a reader doesn't read as prose: code, addresses, machinery. */
const NOT_PROSE = "script, style, template, code, pre, kbd, samp, .url, .ressource-url, svg title, svg desc";

/** The text a reader sees on a page: <title> and the body, each element's text, spaces as the browser would collapse them. */
export function visibleText(html: string): string {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  for (const element of root.querySelectorAll(NOT_PROSE)) element.remove();
  const title = root.querySelector("title")?.text ?? "";
  const body = root.querySelector("body") ?? root;
  return [title, blockText(body)].join("\n").replace(/[ \t\r\n]+/g, " ");
}

/** Text with a space between elements that a browser shows apart (blocks, list items, table cells). */
function blockText(element: HTMLElement): string {
  return element.childNodes
    .map((node) => {
      if (node.nodeType === 3) return decodeEntities(node.rawText);
      const child = node as HTMLElement;
      const text = blockText(child);
      return /^(p|div|li|h[1-6]|section|article|header|footer|nav|figure|figcaption|blockquote|td|th|tr|ul|ol|br|main|aside|text)$/i.test(child.rawTagName ?? "") ? ` ${text} ` : text;
    })
    .join("");
}

function decodeEntities(text: string): string {
  return parse(`<i>${text}</i>`).text;
}

/** The text of a feed: its titles, summaries and the HTML of its entries, as readers show them. */
export function feedText(xml: string): string {
  const root = parse(xml, { comment: false });
  const parts: string[] = [];
  for (const element of root.querySelectorAll("title, subtitle, summary, name, description")) parts.push(decodeEntities(element.rawText));
  for (const element of root.querySelectorAll("content, content\\:encoded")) parts.push(visibleText(`<body>${decodeEntities(element.rawText)}</body>`));
  return parts.join("\n");
}

/** The text of a PDF, as poppler extracts it (soft hyphens left for the rules to drop). */
export function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** What a line break shows in a PDF: the only spacing faults its text can tell (see above). */
export function pdfLineFaults(text: string, lang: "fr" | "en", where: string): Fault[] {
  const clean = masked(text);
  const rules: Rule[] = [
    { rule: "apostrophe ou guillemet droits (' \")", pattern: /['"]/gu },
    { rule: "nombre en fin de ligne, son unité à la ligne suivante", pattern: /(?<![\p{L}\p{N}_.,-])\d+(?:[.,]\d+)?\n(?=[\p{Ll}%°]|(?:Ko|Mo|Go|mm)\b)/gu },
  ];
  if (lang === "fr") {
    rules.push(
      { rule: "ligne qui commence par : ; ! ? » ou %", pattern: /(?<=\n)[:;!?»%]/gu },
      { rule: "ligne qui finit par «", pattern: /«(?=\n)/gu },
      { rule: "point décimal dans un nombre français", pattern: /(?<![\p{L}\p{N}.])\d+\.\d+(?![\d.])/gu },
    );
  }
  const faults: Fault[] = [];
  for (const { rule, pattern } of rules) {
    for (const match of clean.matchAll(pattern)) {
      const from = Math.max(0, match.index - 25);
      faults.push({ rule, where, excerpt: clean.slice(from, match.index + match[0].length + 25).replace(/\n/g, "⏎") });
    }
  }
  return faults;
}
