/** Template filters: small pure functions the layouts call. */
import { markdown } from "./markdown.ts";
import { language, typographie, typographieHtml, type Language } from "./typography.ts";
import { dateIn, describeSource, hasKey, translate, translateBlocks, translateList, translatePlain, type Vars } from "./langues.ts";
import { formatBytes } from "../lib/log.ts";
import { resourceKinds, type Resource, type ResourceKind, type Source } from "../../_data/schema.ts";

/** What Nunjucks gives a filter as `this`: the page's data, and the environment. */
interface FilterContext {
  ctx?: { site?: { language?: unknown } };
  env?: { getFilter(name: string): (value: string) => unknown };
}

/** The zine's language (site.language), seen from a filter. */
function lang(context: FilterContext | void): Language {
  return language(context?.ctx?.site?.language);
}

/** HTML a filter made itself, marked safe so Nunjucks doesn't escape it again. */
function safe(context: FilterContext | void, html: string): string {
  const mark = context?.env?.getFilter("safe");
  return mark ? (mark(html) as string) : html;
}

/**
 * Typography of the zine's language for strings from front matter and data
 * (titles, notes), as HTML text: escaped, ordinals raised. (The name is kept
 * from when every zine was French.)
 */
export function fr(this: FilterContext | void, value: unknown): string {
  return safe(this, typographieHtml(String(value ?? ""), lang(this)));
}

/** The same typography as plain text, for attributes, <title> and the feed's text fields. */
export function texte(this: FilterContext | void, value: unknown): string {
  return typographie(String(value ?? ""), lang(this));
}

/** Markdown from data (the site introduction), through the one shared renderer. */
export function md(this: FilterContext | void, value: unknown): string {
  return markdown.render(String(value ?? ""), { language: lang(this) });
}

/** Inline Markdown from data (a title with *italics*), without a wrapping <p>. */
export function mdInline(this: FilterContext | void, value: unknown): string {
  return markdown.renderInline(String(value ?? ""), { language: lang(this) });
}

/** An interface string (_data/langues/), as inline HTML: {{ "navigation.sommaire" | t }}. */
export function t(this: FilterContext | void, key: unknown, vars: Vars = {}): string {
  return safe(this, translate(String(key), vars, lang(this)));
}

/** An interface string made of paragraphs or a list, as HTML blocks. */
export function tBlocs(this: FilterContext | void, key: unknown, vars: Vars = {}): string {
  return safe(this, translateBlocks(String(key), vars, lang(this)));
}

/** An interface string as plain text, for attributes and <title>. */
export function tTexte(this: FilterContext | void, key: unknown, vars: Vars = {}): string {
  return translatePlain(String(key), vars, lang(this));
}

/** An interface string as plain text, or `fallback` when the table has no such key (an edition added in code). */
export function tSinon(this: FilterContext | void, key: unknown, fallback: unknown): string {
  return hasKey(String(key), lang(this)) ? translatePlain(String(key), {}, lang(this)) : typographie(String(fallback ?? ""), lang(this));
}

/** An interface list (the labels of a diagram). */
export function tListe(this: FilterContext | void, key: unknown): string[] {
  return translateList(String(key), lang(this));
}

/** The zine's source named in plain text with Markdown italics ("" when none): see describeSource. */
export function source(this: FilterContext | void, value: Source | undefined, form: "oeuvre" | "reference" | "via" | "etiquette" = "reference"): string {
  return describeSource(value, form, lang(this));
}

/** A file size the zine's language's way: 204,7 Ko, 204.7 KB. */
export function octets(this: FilterContext | void, bytes: unknown): string {
  return formatBytes(Number(bytes), lang(this));
}

/** The first item of `list` whose `attribute` is `value`, or undefined. */
export function trouver<T extends Record<string, unknown>>(list: T[], attribute: string, value: unknown): T | undefined {
  return (list ?? []).find((item) => item[attribute] === value);
}

function kindLabel(kind: ResourceKind, language: Language): string {
  return translatePlain(`ressources.genres.${kind}`, {}, language);
}

export interface ResourceGroup {
  kind: ResourceKind;
  label: string;
  items: Resource[];
}

/** Resources grouped by kind, in a fixed order, empty kinds left out. */
export function groupByKind(this: FilterContext | void, resources: Resource[]): ResourceGroup[] {
  const language = lang(this);
  return resourceKinds
    .map((kind) => ({ kind, label: kindLabel(kind, language), items: resources.filter((r) => r.kind === kind) }))
    .filter((group) => group.items.length > 0);
}

export interface Citation {
  id: string;
  /** The blockquote and its figcaption, as rendered. */
  html: string;
  /** The <blockquote> alone. */
  quote: string;
  /** What the <figcaption> holds (the attribution), empty if none. */
  caption: string;
}

const CITATION = /<figure class="citation" id="([^"]+)">([\s\S]*?)<\/figure>/g;
const CAPTION = /<figcaption>([\s\S]*?)<\/figcaption>/;

/** The quotations of a rendered chapter, found by their markup (see markdown.ts). */
export function citations(html: string): Citation[] {
  return [...String(html ?? "").matchAll(CITATION)].map((m) => {
    const inner = m[2].trim();
    return { id: m[1], html: inner, quote: inner.replace(CAPTION, "").trim(), caption: CAPTION.exec(inner)?.[1].trim() ?? "" };
  });
}

/** "01-les-visions" → "les-visions": the chapter's URL part, without its order prefix. */
export function chapterSlug(fileSlug: string): string {
  return fileSlug.replace(/^\d+[-_]/, "");
}

/** A date in words in the zine's language (28 novembre 2026), in UTC so the output doesn't depend on the machine. */
export function dateFr(this: FilterContext | void, date: Date): string {
  return dateIn(date, lang(this));
}

/** A date as 2026-11-28, for <time datetime> and sitemaps. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The newest date of a list of collection items. */
export function newestDate(items: { date: Date }[]): Date {
  return new Date(Math.max(...items.map((item) => item.date.getTime())));
}
