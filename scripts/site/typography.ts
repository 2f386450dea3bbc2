/**
 * French typography for plain text: the one set of rules used by the Markdown
 * renderer (text tokens) and by the `fr` filter (titles and strings from data,
 * which never pass through markdown-it).
 */

export const NNBSP = "\u202F"; // espace fine insécable
export const NBSP = "\u00A0"; // espace insécable

const URL_LIKE = /(\S*(?::\/\/|www\.)\S*)/u;

function frenchSpacing(text: string): string {
  return (
    text
      // Apostrophes: l'État → l’État (a straight quote touching a letter).
      .replace(/(?<=\p{L})'|'(?=\p{L})/gu, "’")
      // Guillemets: exactly one thin no-break space inside.
      .replace(/«[\s\u00A0\u202F]*/gu, `«${NNBSP}`)
      .replace(/[\s\u00A0\u202F]*»/gu, `${NNBSP}»`)
      // ; ! ? take a thin no-break space before them (only the first of a run: « ?! »).
      .replace(/[ \t\u00A0\u202F]+(?=[;!?])/gu, NNBSP)
      .replace(/(?<=[\p{L}\p{N}»)\]*_’])(?=[;!?](?:[\s;!?»)]|$))/gu, NNBSP)
      // : takes a no-break space before it (never inside 10:30 or a URL).
      .replace(/[ \t\u202F]+:/gu, `${NBSP}:`)
      .replace(/(?<=[\p{L}»)])(?=:(?:\s|$))/gu, NBSP)
  );
}

/** Apply French spacing to a string of plain text, leaving URLs untouched. */
export function typographie(text: string): string {
  return text
    .split(URL_LIKE)
    .map((part, i) => (i % 2 === 1 ? part : frenchSpacing(part)))
    .join("");
}
