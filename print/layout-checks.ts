/**
 * Checks of the laid-out zine that a reader would see: note numbers against
 * their calls, and the hyphenation rules (never inside a capitalised word,
 * never in a paragraph's last word, at most two hyphenated lines in a row).
 * Pure functions over facts: the Paged.js handlers collect them from the
 * laid-out pages (print/handlers.ts), the tests from the PDF text. Each
 * failure is a sentence for the person who edits the Markdown.
 */

/** A note call and the note Paged.js placed for it. */
export interface NoteFact {
  /** The chapter's Markdown file (or "" when unknown). */
  file: string;
  /** Page of the call, and of the note (a note may be pushed to the next page). */
  page: number;
  notePage: number;
  /** The number printed at the call, and the one printed before the note. */
  call: string;
  note: string;
}

/** A line that ends on a soft hyphen: the word it splits. */
export interface HyphenFact {
  file: string;
  page: number;
  /** Which paragraph (any id that is the same for the lines of one paragraph on a page). */
  block: string;
  /** The line's index in its paragraph on that page. */
  line: number;
  /** The whole word that was split, soft hyphens removed. */
  word: string;
  /** The word is the paragraph's last. */
  lastWord: boolean;
}

/** An overflow the handlers found: something laid out past the page's content box. */
export interface OverflowFact {
  page: number;
  element: string;
  text: string;
  /** The chapter's Markdown file, when the overflow is in a chapter. */
  file?: string;
  /** The sentence that doesn't fit, as the Markdown has it. */
  sentence?: string;
}

const where = (file: string, page: number) => (file ? `${file}, page ${page}` : `page ${page}`);

/** Every call's note carries the call's number, and no note comes before its call. */
export function checkNotes(notes: NoteFact[]): string[] {
  const problems: string[] = [];
  for (const n of notes) {
    if (n.call !== n.note) {
      problems.push(`${where(n.file, n.page)} : l’appel de note « ${n.call} » renvoie à une note numérotée « ${n.note} » → vérifiez les notes [^…] de ce chapitre (chaque appel a sa note)`);
    } else if (n.notePage < n.page) {
      problems.push(`${where(n.file, n.page)} : la note ${n.note} est imprimée avant son appel (page ${n.notePage})`);
    }
  }
  return problems;
}

/** Starts with a capital: a proper name (or a sentence's first word), never split. */
function capitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** The hyphenation rules, over the lines that end on a hyphen. */
export function checkHyphenation(facts: HyphenFact[]): string[] {
  const problems: string[] = [];
  for (const f of facts) {
    if (capitalised(f.word)) {
      problems.push(`${where(f.file, f.page)} : « ${f.word} » est coupé en fin de ligne ; un mot qui commence par une majuscule ne se coupe pas`);
    }
    if (f.lastWord) {
      problems.push(`${where(f.file, f.page)} : le dernier mot du paragraphe, « ${f.word} », est coupé et sa fin reste seule sur la dernière ligne`);
    }
  }
  const byBlock = new Map<string, HyphenFact[]>();
  for (const f of facts) byBlock.set(`${f.page}|${f.block}`, [...(byBlock.get(`${f.page}|${f.block}`) ?? []), f]);
  for (const lines of byBlock.values()) {
    const sorted = [...lines].sort((a, b) => a.line - b.line);
    for (let i = 2; i < sorted.length; i++) {
      if (sorted[i].line === sorted[i - 1].line + 1 && sorted[i - 1].line === sorted[i - 2].line + 1) {
        const f = sorted[i];
        problems.push(`${where(f.file, f.page)} : trois lignes de suite finissent par un trait d’union (« ${sorted[i - 2].word} », « ${sorted[i - 1].word} », « ${f.word} ») ; deux au plus`);
      }
    }
  }
  return problems;
}

/**
 * An overflow, said to the person who can fix it: which file, which page,
 * which sentence, and what to change in the Markdown.
 */
export function overflowMessage(o: OverflowFact): string {
  const what = o.sentence || o.text;
  const at = o.file ? `${o.file}, page ${o.page}` : `page ${o.page}`;
  const fix = /^(?:figure|svg|img|blockquote)/.test(o.element)
    ? "raccourcissez cette citation ou cette image, ou ajoutez du texte avant elle pour qu’elle passe à la page suivante"
    : `dans ${o.file || "le fichier Markdown de ce chapitre"}, coupez ce paragraphe en deux ou raccourcissez-le, ou placez un intertitre (## …) juste avant`;
  return `${at} : le texte dépasse du bas de la page et serait coupé à l’impression, à partir de « ${what} » → ${fix}`;
}
