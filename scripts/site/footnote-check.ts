/**
 * Footnotes that went astray. markdown-it-footnote drops a note that the text
 * never calls (its words would vanish from the page without a trace) and shows
 * a call with no note as the literal text « [^2] ». Both stop the build with
 * the file and what to do. (Found by the fuzz test, test/fuzz.test.ts.)
 */
import type { MarkdownIt, Token } from "markdown-it";
import { ContentError } from "./content-error.ts";
import { sourceFile } from "./zine-folder.ts";

interface FootnoteEnv {
  page?: { inputPath?: string };
  footnotes?: { refs?: Record<string, number> };
}

const CALL = /\[\^([^\]\s]+)\]/g;

export function footnoteCheck(md: MarkdownIt): void {
  md.core.ruler.push("footnote_check", (state) => {
    const env = state.env as FootnoteEnv | undefined;
    const inputPath = env?.page?.inputPath;
    if (!inputPath) return;
    const problems: string[] = [];
    const uncalled = Object.entries(env.footnotes?.refs ?? {}).filter(([, id]) => id < 0).map(([label]) => label.slice(1));
    for (const label of uncalled) {
      problems.push(`la note [^${label}] n’est appelée nulle part dans le texte (elle n’apparaîtrait pas) → ajoutez [^${label}] après le mot qu’elle commente, ou retirez la note`);
    }
    const texts = (tokens: Token[]): string[] => tokens.flatMap((t) => (t.type === "text" ? [t.content] : t.children ? texts(t.children) : []));
    for (const text of texts(state.tokens)) {
      for (const [call, label] of text.matchAll(CALL)) {
        problems.push(`l’appel de note ${call} n’a pas de note (il s’afficherait tel quel) → ajoutez une ligne « [^${label}]: le texte de la note », séparée du reste par une ligne vide`);
      }
    }
    if (problems.length) throw new ContentError(sourceFile(inputPath), [...new Set(problems)]);
  });
}
