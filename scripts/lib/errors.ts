/**
 * Prints a failed build for the person who edits the content: our own
 * ContentError as it is, anything else with the chain of causes Eleventy wraps
 * around it (the innermost one names the real problem).
 */
import { ContentError } from "../site/content-error.ts";

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 10) {
    chain.push(current);
    const next = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return chain;
}

export function reportBuildError(error: unknown): void {
  const chain = causes(error);
  const content = chain.find((e): e is ContentError => e instanceof ContentError || (e as Error)?.name === "ContentError");
  process.stderr.write("\n✗ La construction a échoué ; le site précédent est resté en place.\n");
  if (content) {
    process.stderr.write(`${(content as Error).message}\n`);
    return;
  }
  const messages = chain.map((e) => (e instanceof Error ? e.message : String(e)));
  for (const message of messages) process.stderr.write(`  ${message}\n`);
  const hint = hints.find(([pattern]) => messages.some((m) => pattern.test(m)))?.[1];
  if (hint) {
    process.stderr.write(`→ ${hint}\n`);
    return;
  }
  // An error written for people (no Chromium, bad --creep, preflight) says
  // all there is to say; anything else is most likely a bug: show where.
  const forPeople = chain.some((e) => (e as { skipOriginalStack?: boolean } | null)?.skipOriginalStack === true);
  const innermost = chain.at(-1);
  if (!forPeople && innermost instanceof Error && innermost.stack) process.stderr.write(`\n${innermost.stack}\n`);
}

/** What to do about the errors Eleventy itself raises, by what their message says. */
const hints: [RegExp, string][] = [
  [/front matter/i, "vérifiez l’en-tête entre les deux lignes --- : une clé par ligne (clé: valeur), guillemets fermés, pas de tabulation."],
  [/Output conflict|multiple input files are writing/i, "deux fichiers produisent la même adresse : renommez l’un d’eux ou changez son permalink."],
  [/date.*invalid|Invalid date/i, "écrivez la date au format AAAA-MM-JJ, par exemple date: 2026-11-20."],
  [/ENOENT/, "un fichier cité est introuvable : vérifiez son nom et son chemin."],
];
