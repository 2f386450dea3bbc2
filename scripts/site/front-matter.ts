/**
 * Front matter as it is written: YAML read without its lenient extras, so no
 * value is changed on its way to the page. js-yaml's default schema turns
 * `2026-31-03` into a Date by rolling the month over (it becomes 2028-07-03)
 * and `title: 2026-03-10` into a Date too; here dates stay text until we have
 * checked that the day exists, and only `date` becomes a Date.
 */
import yaml from "js-yaml";
import { ContentError } from "./content-error.ts";

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const EXAMPLE = "date: 2026-11-20";

/** A UTC day; setUTCFullYear, since Date.UTC reads the years 0–99 as 1900–1999. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utcDay(year, month + 1, 0).getUTCDate();
}

/** Why `text` is not a real YYYY-MM-DD date, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return /^\d{4}-\d{1,2}-\d{1,2}$/.test(text)
      ? "le mois et le jour s’écrivent avec deux chiffres"
      : "ce n’est pas une date au format AAAA-MM-JJ (quatre chiffres pour l’année, deux pour le mois, deux pour le jour, rien d’autre)";
  }
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1000) return `l’année ${match[1]} ne peut pas être la bonne (une faute de frappe ?)`;
  if (month < 1 || month > 12) {
    const swapped = day >= 1 && day <= 12 && month <= daysInMonth(year, day);
    return `il n’y a pas de mois ${month}${swapped ? ` (jour et mois inversés ? le ${month} ${MONTHS[day - 1]} s’écrit ${match[1]}-${match[3]}-${match[2]})` : ""}`;
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    const leap = month === 2 && day === 29 ? ` (${year} n’est pas bissextile)` : "";
    return `${MONTHS[month - 1]} ${year} n’a pas de jour ${day}${leap} : il compte ${last} jours`;
  }
  return undefined;
}

/** `2026-03-10` → that day at 00:00 UTC; throws a ContentError naming `file` when the day doesn't exist. */
export function parseDate(value: unknown, file: string, field = "date"): Date {
  const text = value instanceof Date ? undefined : typeof value === "string" || typeof value === "number" ? String(value).trim() : undefined;
  const problem = text === undefined ? "ce n’est pas une date au format AAAA-MM-JJ" : dateProblem(text);
  if (problem) {
    const shown = text === undefined ? JSON.stringify(value) ?? String(value) : `« ${text} »`;
    throw new ContentError(file, [`champ « ${field} » : ${shown} n’est pas une date valide : ${problem} → écrivez une date qui existe, au format AAAA-MM-JJ, par exemple ${EXAMPLE}`]);
  }
  const [year, month, day] = text!.split("-").map(Number);
  return utcDay(year, month, day);
}

/** js-yaml's reasons, in the words of someone editing the file (the rest: « syntaxe incorrecte »). */
const YAML_REASONS: [RegExp, string][] = [
  [/indentation/, "l’indentation (les espaces en début de ligne) est incorrecte"],
  [/flow collection/, "un crochet [ ou une accolade { n’est pas fermé(e)"],
  [/quoted scalar|unexpected end of the stream/, "des guillemets ne sont pas fermés"],
  [/duplicated mapping key/, "un champ est écrit deux fois"],
  [/tab characters|\\t/, "une tabulation est utilisée à la place d’espaces"],
  [/implicit key|block mapping entry|mapping values are not allowed/, "une ligne n’a pas la forme « clé: valeur » (un deux-points dans une valeur ? mettez-la entre guillemets)"],
];

function yamlReason(reason: string): string {
  return YAML_REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? "la syntaxe YAML est incorrecte";
}

/** Parses a page's front matter (the text between the --- lines) for `file`, the file the person edits. */
export function parseFrontMatter(text: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    // CORE_SCHEMA: strings, numbers, booleans, null, lists and maps; no timestamps, no merge keys.
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    // The line counts from the file's first line (the opening --- is line 1).
    const reason = error instanceof yaml.YAMLException ? `${yamlReason(error.reason)} (ligne ${error.mark.line + 2})` : String(error);
    throw new ContentError(file, [
      `l’en-tête (entre les deux lignes ---) ne se lit pas : ${reason} → une clé par ligne (clé: valeur), guillemets fermés, pas de tabulation`,
    ]);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ContentError(file, ["l’en-tête (entre les deux lignes ---) doit être une liste de champs « clé: valeur » → par exemple title: \"Mon titre\""]);
  }
  const fields = data as Record<string, unknown>;
  if ("date" in fields) fields.date = parseDate(fields.date, file);
  return fields;
}
