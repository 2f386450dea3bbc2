/** Template filters: small pure functions the layouts call. */
import { markdown } from "./markdown.ts";
import { typographie } from "./typography.ts";
import { resourceKinds, type Resource, type ResourceKind } from "../../_data/schema.ts";

/** French typography for strings from front matter and data (titles, notes). */
export function fr(value: unknown): string {
  return typographie(String(value ?? ""));
}

/** Markdown from data (the site introduction), through the one shared renderer. */
export function md(value: unknown): string {
  return markdown.render(String(value ?? ""));
}

/** Inline Markdown from data (a title with *italics*), without a wrapping <p>. */
export function mdInline(value: unknown): string {
  return markdown.renderInline(String(value ?? ""));
}

const kindLabels: Record<ResourceKind, string> = {
  livre: "Livres",
  film: "Films",
  site: "Sites",
  carte: "Cartes",
  outil: "Outils",
  campagne: "Campagnes",
};

export interface ResourceGroup {
  kind: ResourceKind;
  label: string;
  items: Resource[];
}

/** Resources grouped by kind, in a fixed order, empty kinds left out. */
export function groupByKind(resources: Resource[]): ResourceGroup[] {
  return resourceKinds
    .map((kind) => ({ kind, label: kindLabels[kind], items: resources.filter((r) => r.kind === kind) }))
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

/** A date as 28 novembre 2026, in UTC so the output doesn't depend on the machine. */
export function dateFr(date: Date): string {
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** A date as 2026-11-28, for <time datetime> and sitemaps. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The newest date of a list of collection items. */
export function newestDate(items: { date: Date }[]): Date {
  return new Date(Math.max(...items.map((item) => item.date.getTime())));
}
