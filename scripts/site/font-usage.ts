/**
 * Which characters each web font face really shows. A phone downloads every
 * face a page uses, whole: the italic cut to the characters of the site's
 * italic text (summaries, quotations, titles of works), the display face's
 * bold cut to the headings' letters, are a fraction of a face cut to every
 * character of the site.
 *
 * The stylesheet says which face an element gets: its rules are read here
 * (font-family through the custom properties, font-weight, font-style,
 * text-transform, the `content` of pseudo-elements, the list markers),
 * matched against every built page, and the faces chosen as a browser
 * chooses them (CSS Fonts' matching: nearest weight, italic else the
 * upright). Where the rules could give an element several values (two
 * matching rules, a `:hover`, a media query), it gets them all: a face may
 * hold a character it never shows, never miss one it shows. The e2e test
 * test/e2e/font-usage.test.ts checks it against Chromium's computed styles.
 */
import { createRequire } from "node:module";
import type { HTMLElement, Node } from "node-html-parser";

/** The HTML parser, loaded when a page is read (a build whose pages are unchanged reads none: scripts/site/fonts.ts caches the result). */
const parse = (html: string, options?: object): HTMLElement =>
  (createRequire(import.meta.url)("node-html-parser") as typeof import("node-html-parser")).parse(html, options);

export interface FaceKey {
  family: string;
  weight: number;
  style: "normal" | "italic";
}

export const faceKey = (face: FaceKey): string => `${face.family}|${face.weight}|${face.style}`;

interface Rule {
  selector: string;
  /** The pseudo-element the rule styles (marker, before, after), if any. */
  pseudo?: "marker" | "before" | "after";
  family?: string[];
  weight?: number[];
  style?: ("normal" | "italic")[];
  transform?: string[];
  content?: string;
  /** The rule may or may not apply (`:hover`, a media query): its values add to the others. */
  maybe: boolean;
}

/** What a browser gives these elements before any stylesheet of ours (Chromium's UA stylesheet). */
const UA: { selector: string; weight?: number; style?: "italic"; family?: "monospace" }[] = [
  { selector: "h1, h2, h3, h4, h5, h6, b, strong, th, dt", weight: 700 },
  { selector: "em, i, cite, var, dfn, address", style: "italic" },
  { selector: "code, kbd, samp, pre, tt", family: "monospace" },
];

/** Pseudo-classes that depend on the reader (hover, focus…): such a rule may apply, so it counts. */
const DYNAMIC = /:(hover|focus-visible|focus-within|focus|active|visited|link|target)\b/g;

const WEIGHTS: Record<string, number> = { normal: 400, bold: 700, bolder: 700, lighter: 400 };

/** The first family of a font-family list, through `var(--x)` custom properties. */
function families(value: string, properties: Map<string, string>): string[] {
  const resolved = value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => properties.get(name) ?? "");
  return resolved
    .split(",")
    .map((f) => f.trim().replace(/^["']|["']$/g, ""))
    .filter(Boolean);
}

/** The rules of a stylesheet that choose a face, media queries included (a rule that may apply counts). */
export function fontRules(css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const blocks: { selector: string; body: string; maybe: boolean }[] = [];
  // Flatten @media blocks: their rules count like the others.
  const walk = (source: string, maybe: boolean): void => {
    let i = 0;
    while (i < source.length) {
      const open = source.indexOf("{", i);
      if (open < 0) return;
      const selector = source.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      while (j < source.length && depth > 0) {
        if (source[j] === "{") depth++;
        else if (source[j] === "}") depth--;
        j++;
      }
      const body = source.slice(open + 1, j - 1);
      if (selector.startsWith("@media") || selector.startsWith("@supports")) walk(body, true);
      else if (!selector.startsWith("@")) blocks.push({ selector, body, maybe });
      i = j;
    }
  };
  walk(text, false);
  const properties = new Map<string, string>();
  for (const { body } of blocks) for (const [, name, value] of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+)/g)) if (!properties.has(name)) properties.set(name, value.trim());
  const rules: Rule[] = [];
  for (const { selector: selectors, body, maybe } of blocks) {
    const decls = new Map<string, string>();
    for (const decl of body.split(";")) {
      const colon = decl.indexOf(":");
      if (colon > 0) decls.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim());
    }
    if (decls.has("font")) throw new Error(`_includes/css/site.css : la propriété raccourcie « font » (règle « ${selectors} ») n’est pas lue par scripts/site/font-usage.ts → écrivez font-family, font-weight et font-style séparément`);
    const family = decls.get("font-family");
    const weight = decls.get("font-weight");
    const style = decls.get("font-style");
    const transform = decls.get("text-transform");
    const content = decls.get("content");
    if (!family && !weight && !style && !transform && !content) continue;
    for (const raw of selectors.split(",")) {
      const pseudo = raw.match(/::?(marker|before|after)\b/)?.[1] as Rule["pseudo"];
      const selector = raw.replace(/::?(marker|before|after|first-line|first-letter|selection)\b/g, "").replace(DYNAMIC, "").trim() || "*";
      rules.push({
        selector,
        pseudo,
        family: family && family !== "inherit" ? families(family, properties) : undefined,
        weight: weight && weight !== "inherit" ? [WEIGHTS[weight] ?? Number(weight)] : undefined,
        style: style && style !== "inherit" ? [style === "normal" ? "normal" : "italic"] : undefined,
        transform: transform && transform !== "inherit" ? [transform] : undefined,
        content,
        maybe: maybe || new RegExp(DYNAMIC.source).test(raw),
      });
    }
  }
  return rules;
}

interface Computed {
  family: string[][];
  weight: number[];
  style: ("normal" | "italic")[];
  transform: string[];
}

const ROOT: Computed = { family: [["serif"]], weight: [400], style: ["normal"], transform: ["none"] };

/** CSS Fonts 4 § 5.2: the weight a browser picks among those a family has. */
export function matchWeight(wanted: number, available: number[]): number {
  const sorted = [...new Set(available)].sort((a, b) => a - b);
  if (sorted.includes(wanted)) return wanted;
  const below = sorted.filter((w) => w < wanted).reverse();
  const above = sorted.filter((w) => w > wanted);
  if (wanted >= 400 && wanted <= 500) {
    const upTo500 = above.filter((w) => w <= 500);
    return [...upTo500, ...below, ...above.filter((w) => w > 500)][0];
  }
  return (wanted < 400 ? [...below, ...above] : [...above, ...below])[0];
}

const textOf = (node: Node): string => (node.nodeType === 3 ? node.text : "");

/** What an ordered list's markers show: numbers and a full stop, « 7. », « 12. » (every pair of them, for the kerning). */
const MARKERS = Array.from({ length: 100 }, (_, n) => `${String(n).padStart(2, "0")}. `).join("");

/** Characters as the element shows them: its text-transform may turn « é » into « É ». */
function transformed(text: string, transforms: string[]): string {
  let out = text;
  for (const t of transforms) {
    if (t === "uppercase") out += text.toUpperCase();
    else if (t === "lowercase") out += text.toLowerCase();
    else if (t === "capitalize") out += text.toUpperCase() + text.toLowerCase();
  }
  // A soft hyphen shows as a hyphen where the line breaks.
  return out.includes("\u00AD") ? out + "-\u2010" : out;
}

/**
 * The runs of text an element shows, for the kerning a face applies to them
 * (scripts/site/kerning.ts): its text with white space as a browser
 * collapses it, in each case its text-transform may show, with and without
 * its soft hyphens, and each letter before a soft hyphen followed by the
 * hyphen the line break shows.
 */
function shownRuns(text: string, transforms: string[]): string[] {
  const base = text.replace(/[ \t\n\r\f]+/g, " ");
  const cases = [base];
  for (const t of transforms) {
    if (t === "uppercase" || t === "capitalize") cases.push(base.toUpperCase());
    if (t === "lowercase" || t === "capitalize") cases.push(base.toLowerCase());
  }
  const runs: string[] = [];
  for (const run of cases) {
    runs.push(run);
    if (!run.includes("\u00AD")) continue;
    runs.push(run.replaceAll("\u00AD", ""));
    for (const [i, c] of [...run].entries()) if (c === "\u00AD" && i > 0) runs.push(`${[...run][i - 1]}-`, `${[...run][i - 1]}\u2010`);
  }
  return runs;
}

/**
 * For each face of `faces` (family, weight, style), the characters the
 * built pages show in it. `pages`: their HTML; `css`: the site's stylesheet.
 * `runs`, if given, gets for each face the runs of text it shows (their
 * kerning is what the web cut keeps), and where one text ends and the next
 * one in the same face begins, that pair of characters (a browser may set
 * them side by side, in one line).
 */
export function faceCharacters(pages: string[], css: string, faces: FaceKey[], runs?: Map<string, Set<string>>): Map<string, Set<string>> {
  const rules = fontRules(css);
  const byFamily = new Map<string, FaceKey[]>();
  for (const face of faces) byFamily.set(face.family, [...(byFamily.get(face.family) ?? []), face]);
  const found = new Map<string, Set<string>>(faces.map((face) => [faceKey(face), new Set<string>()]));

  /** Per face, the last character shown in it: the next text in that face may follow it on the line. */
  const last = new Map<string, string>();

  /** Adds text to every face the element's possible styles lead to. */
  const show = (text: string, style: Computed): void => {
    const chars = [...transformed(text, style.transform)].filter((c) => c >= " ");
    if (!chars.length) return;
    const shown = runs ? shownRuns(text, style.transform).filter((run) => run.trim()) : [];
    for (const list of style.family) {
      const family = list.find((name) => byFamily.has(name));
      if (!family) continue;
      const own = byFamily.get(family)!;
      for (const weight of style.weight) {
        for (const wantedStyle of style.style) {
          const styled = own.filter((f) => f.style === wantedStyle);
          const pool = styled.length ? styled : own;
          const w = matchWeight(weight, pool.map((f) => f.weight));
          const face = pool.find((f) => f.weight === w)!;
          const key = faceKey(face);
          const set = found.get(key)!;
          for (const c of chars) set.add(c);
          if (runs && shown.length) {
            if (!runs.has(key)) runs.set(key, new Set());
            const own = runs.get(key)!;
            const first = [...shown[0]][0];
            if (last.has(key)) own.add(last.get(key)! + first);
            for (const run of shown) own.add(run);
            last.set(key, [...shown[0]].at(-1)!);
          }
        }
      }
    }
  };

  for (const html of pages) {
    last.clear();
    const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false, pre: true } });
    const body = root.querySelector("body");
    if (!body) continue;
    const matched = new Map<HTMLElement, Rule[]>();
    const ua = new Map<HTMLElement, (typeof UA)[number][]>();
    for (const rule of rules) for (const el of root.querySelectorAll(rule.selector)) matched.set(el, [...(matched.get(el) ?? []), rule]);
    for (const rule of UA) for (const el of root.querySelectorAll(rule.selector)) ua.set(el, [...(ua.get(el) ?? []), rule]);

    const compute = (el: HTMLElement, parent: Computed, pseudo?: Rule["pseudo"]): Computed => {
      const own = (matched.get(el) ?? []).filter((r) => r.pseudo === pseudo);
      const sure = own.filter((r) => !r.maybe);
      const maybe = own.filter((r) => r.maybe);
      const defaults = pseudo ? [] : (ua.get(el) ?? []);
      /** A rule that surely applies sets the value, else the browser's default, else the parent's; a rule that may apply adds its own. */
      const pick = <K extends "family" | "weight" | "style" | "transform">(key: K, fallback: Computed[K] | undefined): Computed[K] => {
        const values = (rules: Rule[]) => rules.filter((r) => r[key] !== undefined).map((r) => (key === "family" ? [r.family!] : r[key]!));
        const set = values(sure);
        const base = set.length ? set.flat() : (fallback ?? parent[key]);
        return [...new Set([...base, ...values(maybe).flat()])] as Computed[K];
      };
      const uaWeight = defaults.find((d) => d.weight)?.weight;
      const uaStyle = defaults.find((d) => d.style)?.style;
      const uaFamily = defaults.find((d) => d.family)?.family;
      return {
        family: pick("family", uaFamily ? [[uaFamily]] : undefined),
        weight: pick("weight", uaWeight ? [uaWeight] : undefined),
        style: pick("style", uaStyle ? [uaStyle] : undefined),
        transform: pick("transform", undefined),
      };
    };

    const visit = (el: HTMLElement, parent: Computed): void => {
      const tag = el.tagName?.toLowerCase();
      if (tag === "script" || tag === "style" || tag === "template" || tag === "title" || tag === "svg") return;
      const style = compute(el, parent);
      for (const pseudo of ["before", "after", "marker"] as const) {
        const rulesOf = (matched.get(el) ?? []).filter((r) => r.pseudo === pseudo);
        const pseudoStyle = compute(el, style, pseudo);
        for (const r of rulesOf) {
          if (!r.content) continue;
          // Quoted strings, and attr(x): the attribute's value.
          const strings = [...r.content.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
          const attrs = [...r.content.matchAll(/attr\(([\w-]+)\)/g)].map((m) => el.getAttribute(m[1]) ?? "");
          show([...strings, ...attrs].join(""), pseudoStyle);
        }
        // An ordered list's items show their number and a full stop.
        if (pseudo === "marker" && tag === "li" && el.parentNode?.tagName?.toLowerCase() === "ol") show(MARKERS, pseudoStyle);
      }
      for (const child of el.childNodes) {
        if (child.nodeType === 1) visit(child as HTMLElement, style);
        else show(textOf(child), style);
      }
    };
    visit(body, compute(body, ROOT));
  }
  return found;
}

/** The text of an XML element's child `name` (entities decoded), or "". */
function childText(xml: string, name: string): string {
  const m = xml.match(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`));
  return m ? parse(m[1]).text : "";
}

/**
 * The page a browser shows for the feed: `feed.xsl` applied to the feed, for
 * what our stylesheet uses of XSLT (xsl:value-of of a child element, one
 * xsl:for-each over the entries). Anything else is left out of the page.
 */
export function feedPage(xsl: string, feedXml: string): string {
  const feedHead = feedXml.split(/<entry[\s>]/)[0];
  const entries = [...feedXml.matchAll(/<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/g)].map((m) => m[1]);
  const valueOf = (template: string, context: string): string =>
    template.replace(/<xsl:value-of\s+select="(?:atom:)?([\w-]+)"\s*\/>/g, (_, name: string) => childText(context, name).replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;")));
  const body = xsl.replace(/<xsl:for-each\s+select="(?:atom:)?entry"\s*>([\s\S]*?)<\/xsl:for-each>/g, (_, each: string) => entries.map((entry) => valueOf(each, entry)).join(""));
  return valueOf(body, feedHead).replace(/<\/?xsl:[^>]*>/g, "");
}
