/**
 * The interface words, one table per language (_data/langues/<langue>.yaml):
 * every word the templates write around the content comes from here, through
 * the `t` filters, set in the typography of the zine's language.
 */
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { z } from "zod";
import { markdown } from "./markdown.ts";
import { typographie, type Language } from "./typography.ts";
import type { Source } from "../../_data/schema.ts";

export const LANGUES_DIR = path.resolve(import.meta.dirname, "../../_data/langues");

/** A table: nested keys, each leaf a string (or a list of strings). */
export type Table = { [key: string]: string | string[] | Table };
const tableSchema: z.ZodType<Table> = z.lazy(() => z.record(z.string(), z.union([z.string(), z.array(z.string()), tableSchema])));

/** Every key of a table, as "a.b.c". */
export function keysOf(table: Table, prefix = ""): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === "string" || Array.isArray(value) ? [prefix + key] : keysOf(value, `${prefix}${key}.`),
  );
}

const tables = new Map<Language, Table>();

/** The table of `lang`, read and checked once; every key of the French table must be in it. */
export function table(lang: Language): Table {
  const cached = tables.get(lang);
  if (cached) return cached;
  const file = path.join(LANGUES_DIR, `${lang}.yaml`);
  const shown = path.relative(process.cwd(), file);
  const parsed = tableSchema.safeParse(yaml.load(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${shown} : ${parsed.error.issues[0]?.path.join(".")} doit être un texte → chaque clé mène à un texte entre guillemets`);
  if (lang !== "fr") {
    const missing = keysOf(table("fr")).filter((key) => !keysOf(parsed.data).includes(key));
    if (missing.length) throw new Error(`${shown} : il manque ${missing.join(", ")} → ajoutez ces clés, traduites, comme dans fr.yaml`);
  }
  tables.set(lang, parsed.data);
  return parsed.data;
}

export function lookup(key: string, lang: Language): string | string[] {
  const value = key.split(".").reduce<string | string[] | Table | undefined>(
    (node, part) => (node && typeof node === "object" && !Array.isArray(node) ? node[part] : undefined),
    table(lang),
  );
  if (typeof value === "string" || Array.isArray(value)) return value;
  throw new Error(`texte d’interface inconnu : « ${key} » → ajoutez-le dans _data/langues/${lang}.yaml`);
}

/** « de » before a name or a phrase, the French way: d’Alice, du livre, des éditions. */
function deFr(phrase: string): string {
  if (/^le\s/i.test(phrase)) return `du ${phrase.slice(3)}`;
  if (/^les\s/i.test(phrase)) return `des ${phrase.slice(4)}`;
  if (/^[aeiouyhàâéèêëîïôœù]/i.test(phrase)) return `d’${phrase}`;
  return `de ${phrase}`;
}

export type Vars = Record<string, unknown>;

/** Puts `vars` into `{name}` (and, in French, `{de:name}`: d’…, du …, de …). */
export function fill(template: string, vars: Vars, lang: Language): string {
  return template.replace(/\{(de:)?([a-z_]+)\}/g, (whole, de: string | undefined, name: string) => {
    if (!(name in vars)) throw new Error(`texte d’interface : {${name}} n’a pas de valeur dans « ${template} »`);
    const value = String(vars[name] ?? "");
    return de ? (lang === "fr" ? deFr(value) : `of ${value}`) : value;
  });
}

function text(key: string, vars: Vars, lang: Language): string {
  const value = lookup(key, lang);
  return fill(Array.isArray(value) ? value.join("\n") : value, vars, lang);
}

/** A string as inline HTML: Markdown in line, the language's typography. */
export function translate(key: string, vars: Vars = {}, lang: Language = "fr"): string {
  const source = text(key, vars, lang);
  // The same few strings come back on every page (and at every save of npm start): rendered once.
  let html = rendered.get(lang + source);
  if (html === undefined) {
    html = markdown.renderInline(source, { language: lang });
    if (rendered.size >= 10_000) rendered.clear();
    rendered.set(lang + source, html);
  }
  return html;
}
const rendered = new Map<string, string>();

/** A string as blocks of HTML (paragraphs, lists). */
export function translateBlocks(key: string, vars: Vars = {}, lang: Language = "fr"): string {
  return markdown.render(text(key, vars, lang), { language: lang });
}

/** A string as plain text (for attributes, <title>, the feed), typography applied. */
export function translatePlain(key: string, vars: Vars = {}, lang: Language = "fr"): string {
  return typographie(text(key, vars, lang).replace(/\*\*?|`|\[([^\]]*)\]\([^)]*\)/g, "$1"), lang);
}

/** Whether `lang`'s table has `key` (for words keyed by data that may name something new). */
export function hasKey(key: string, lang: Language): boolean {
  return keysOf(table(lang)).includes(key);
}

/** A list of strings (labels of a diagram), typography applied. */
export function translateList(key: string, lang: Language = "fr"): string[] {
  const value = lookup(key, lang);
  return (Array.isArray(value) ? value : [value]).map((item) => typographie(item, lang));
}

/** A date in words, in UTC so the output doesn't depend on the machine: 1er janvier 2022, 12 January 2022. */
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
export function dateIn(date: Date, lang: Language): string {
  // One formatter per language: making one costs more than formatting (ICU).
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(text("langue.code", {}, lang), { dateStyle: "long", timeZone: "UTC" })));
  const words = format.format(date);
  return lang === "fr" ? words.replace(/^1 /, "1er ") : words;
}

/** Names joined the way the language joins them: « A, B et C ». */
export function joinNames(names: string[], lang: Language): string {
  const and = text("langue.et", {}, lang);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")}${and}${names.at(-1)}`;
}

/** « de Camille Martin », « d’Alice », « by Alice » (source.de in the table). */
function byAuthors(authors: string, lang: Language): string {
  return text("source.de", { auteurs: authors }, lang);
}

/**
 * How the templates name the zine's source, in plain text (Markdown for the
 * title's italics), or "" when the zine has none:
 * - `oeuvre`: « le livre d’Alice et Bob »
 * - `reference`: « *Titre* (texte de …, Éditeur, 2021) »
 * - `via`: « le billet « Titre », signé Le dissonant (Club de Mediapart, 12 janvier 2022) »
 * - `etiquette`: « Le livre »
 */
export function describeSource(source: Source | undefined, form: "oeuvre" | "reference" | "via" | "etiquette", lang: Language): string {
  if (!source) return "";
  const authors = joinNames(source.authors, lang);
  if (form === "etiquette") return text(`source.etiquette.${source.kind}`, {}, lang);
  if (form === "oeuvre") {
    const genre = text(`source.genre.${source.kind}`, {}, lang);
    return authors ? `${genre} ${byAuthors(authors, lang)}` : `${genre} *${source.title}*`;
  }
  if (form === "reference") {
    const who = source.credits ?? (authors ? byAuthors(authors, lang) : "");
    const details = [who, source.publisher, source.year].filter(Boolean).join(", ");
    return `*${source.title}*${details ? ` (${details})` : ""}`;
  }
  const via = source.via;
  if (!via) return "";
  const details = [via.publisher, via.date ? dateIn(via.date, lang) : undefined].filter(Boolean).join(", ");
  return text("source.via", { genre: text(`source.genre.${via.kind}`, {}, lang), titre: via.title, auteurs: joinNames(via.authors, lang), details: details ? ` (${details})` : "" }, lang);
}
