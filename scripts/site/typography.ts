/**
 * Typography for plain text, per language: the one set of rules used by the
 * Markdown renderer (text tokens), by the `fr` filter (titles and strings from
 * data, which never pass through markdown-it) and by the interface strings.
 *
 * French: « » with thin no-break spaces inside, a thin no-break space before
 * ; ! ? and %, a no-break space before :, typographic apostrophes, a number
 * never parted from its unit or noun (12 éditions, 148 × 210 mm), ordinals
 * and centuries (1er, 3e, XXe) marked so HTML can raise them.
 * English: curly quotes “ ” and apostrophes ’, numbers kept with their unit.
 */

export const NNBSP = "\u202F"; // espace fine insécable
export const NBSP = "\u00A0"; // espace insécable

export const languages = ["fr", "en"] as const;
export type Language = (typeof languages)[number];

/** A language from data (site.language), French when unknown. */
export function language(value: unknown): Language {
  return (languages as readonly unknown[]).includes(value) ? (value as Language) : "fr";
}

const URL_LIKE = /(\S*(?::\/\/|www\.)\S*)/u;

/**
 * Spaces a number keeps with what follows or precedes it, in every language:
 * 12 éditions, 7 milliards, 148 × 210 mm, 10 000, n° 2010. (A year followed by
 * a word is kept with it too: a line may break elsewhere.)
 */
function numberSpacing(text: string): string {
  return (
    text
      // Thousands: 10 000 → thin no-break space between groups of three digits.
      .replace(/(?<=(?:^|[^\d.,])\d{1,3}) (?=\d{3}(?!\d))/gu, NNBSP)
      // 148 × 210: the sign stays with both numbers.
      .replace(/(?<=\d)[ \u00A0]*×[ \u00A0]*(?=\d)/gu, `${NBSP}×${NBSP}`)
      // A number and its unit or noun: 12 éditions, 3 mm, 204,7 Ko (not a name's digits: A4 ou).
      .replace(/(?<=(?<![\p{L}\p{N}_-])\d[\d,.\u202F]*) (?=[\p{L}°€$£])/gu, NBSP)
      // n° 12, p. 4
      .replace(/(?<=\b(?:n°|N°|p\.|pp\.|no\.|No\.)) (?=\d)/gu, NBSP)
  );
}

function frenchSpacing(text: string): string {
  return (
    numberSpacing(text)
      // Apostrophes: l'État → l’État (a straight quote touching a letter).
      .replace(/(?<=\p{L})'|'(?=\p{L})/gu, "’")
      // Guillemets: exactly one thin no-break space inside.
      .replace(/«[\s\u00A0\u202F]*/gu, `«${NNBSP}`)
      .replace(/[\s\u00A0\u202F]*»/gu, `${NNBSP}»`)
      // 100 % : a thin no-break space before the percent sign.
      .replace(/(?<=\d)[ \u00A0\u202F]?%/gu, `${NNBSP}%`)
      // ; ! ? take a thin no-break space before them (only the first of a run: « ?! »).
      .replace(/[ \t\u00A0\u202F]+(?=[;!?])/gu, NNBSP)
      .replace(/(?<=[\p{L}\p{N}»)\]*_’])(?=[;!?](?:[\s;!?»)]|$))/gu, NNBSP)
      // : takes a no-break space before it (never inside 10:30 or a URL).
      .replace(/[ \t\u202F]+:/gu, `${NBSP}:`)
      .replace(/(?<=[\p{L}»)])(?=:(?:\s|$))/gu, NBSP)
  );
}

function englishSpacing(text: string): string {
  return (
    numberSpacing(text)
      // Apostrophes and quotes: don't → don’t, 'word' → ‘word’, "word" → “word”.
      .replace(/(?<=[\p{L}\p{N}.,!?])'/gu, "’")
      .replace(/'/gu, "‘")
      .replace(/(?<=^|[\s(\[\u2014\u2013-])"/gu, "“")
      .replace(/"/gu, "”")
      // Spaces left before punctuation by French habits go.
      .replace(/[ \u00A0\u202F]+(?=[;:!?])/gu, "")
  );
}

/**
 * Strings already set, per language: the same titles and paragraphs come back
 * on many pages of a build, and at every save in `npm start`. (Bounded: a long
 * session of edits starts it afresh.)
 */
const set = new Map<string, string>();
const SET_MAX = 50_000;

/** Typography for a string of plain text in `lang`, leaving URLs untouched. */
export function typographie(text: string, lang: Language = "fr"): string {
  const key = lang + text;
  let result = set.get(key);
  if (result === undefined) {
    const spacing = lang === "en" ? englishSpacing : frenchSpacing;
    result = text
      .split(URL_LIKE)
      .map((part, i) => (i % 2 === 1 ? part : spacing(part)))
      .join("");
    if (set.size >= SET_MAX) set.clear();
    set.set(key, result);
  }
  return result;
}

/**
 * French ordinals and centuries: 1er, 1re, 2e, 3es, XXe, Ier (not Ce, Le).
 * The letters after the number are what goes up.
 */
const ORDINAL_FR = /(?<![\p{L}\p{N}])(?:(\d+)(er|re|ers|res|e|es)|([IVX][IVXLC]*|[LC][IVXLC]+)(er|e))(?![\p{L}\p{N}])/gu;

/** Pieces of text with ordinals apart: [text, ordinal suffix, text, …] (odd items are suffixes). */
export function splitOrdinals(text: string, lang: Language = "fr"): string[] {
  if (lang !== "fr") return [text];
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(ORDINAL_FR)) {
    const end = match.index + match[0].length;
    const suffix = match[2] ?? match[4];
    pieces.push(text.slice(last, end - suffix.length), suffix);
    last = end;
  }
  pieces.push(text.slice(last));
  return pieces;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Typography for plain text, as HTML: escaped, ordinals raised with <sup>. */
export function typographieHtml(text: string, lang: Language = "fr"): string {
  return splitOrdinals(typographie(text, lang), lang)
    .map((piece, i) => (i % 2 === 1 ? `<sup>${escapeHtml(piece)}</sup>` : escapeHtml(piece)))
    .join("");
}
