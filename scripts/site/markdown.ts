/**
 * The one markdown-it instance of the project: web pages, the print document
 * and the feed all render through it, so they share the same typography,
 * footnotes, heading ids and quotation markup. The language comes from the
 * render environment (`site.language` in Eleventy's data).
 */
import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import container from "markdown-it-container";
import anchor from "markdown-it-anchor";
import { language, splitOrdinals, typographie, type Language } from "./typography.ts";
import { slugify } from "./slug.ts";
import { markdownPictures } from "./pictures.ts";

/** The zine's language, from the render environment (Eleventy passes the page's data). */
export function languageOf(env: unknown): Language {
  const data = env as { site?: { language?: unknown }; language?: unknown } | undefined;
  return language(data?.site?.language ?? data?.language);
}

const QUOTES: Record<Language, string[]> = {
  fr: ["«\u202F", "\u202F»", "“", "”"],
  en: ["“", "”", "‘", "’"],
};

/**
 * Typography of the zine's language on every text token (never on code), and
 * ordinals raised: « XXe » becomes XX<sup>e</sup>.
 */
function typography(md: MarkdownIt): void {
  // The typographer's quotes are an option of the instance: set them for this render's language.
  md.core.ruler.before("smartquotes", "language_quotes", (state) => {
    state.md.options.quotes = QUOTES[languageOf(state.env)];
  });
  md.core.ruler.push("language_typography", (state) => {
    const lang = languageOf(state.env);
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      const children: Token[] = [];
      for (const token of block.children) {
        if (token.type !== "text") {
          children.push(token);
          continue;
        }
        splitOrdinals(typographie(token.content, lang), lang).forEach((piece, i) => {
          const part = new state.Token(i % 2 === 1 ? "html_inline" : "text", "", 0);
          part.content = i % 2 === 1 ? `<sup>${piece}</sup>` : piece;
          if (part.content) children.push(part);
        });
      }
      block.children = children;
    }
  });
}

/**
 * `::: citation Autrice, Titre` … `:::` marks a quotation from the book. It is
 * rendered as a <figure class="citation"> with a stable id, which is how
 * /citations/ and the print edition find it again in the rendered chapter.
 */
function citations(md: MarkdownIt): void {
  const attributions: string[] = [];
  md.use(container, "citation", {
    validate: (params: string) => /^citation(\s|$)/.test(params.trim()),
    render(tokens: Token[], idx: number, _options: unknown, env: unknown): string {
      const token = tokens[idx];
      if (token.nesting === 1) {
        const attribution = token.info.trim().replace(/^citation\s*/, "");
        attributions.push(attribution);
        const firstWords = tokens.slice(idx).find((t) => t.type === "inline")?.content ?? "";
        const id = "citation-" + slugify(firstWords).split("-").slice(0, 6).join("-");
        return `<figure class="citation" id="${id}">\n<blockquote>\n`;
      }
      const attribution = attributions.pop() ?? "";
      const caption = attribution ? `<figcaption>— ${md.renderInline(attribution, { language: languageOf(env) })}</figcaption>\n` : "";
      return `</blockquote>\n${caption}</figure>\n`;
    },
  });
}

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({
    html: false, // raw HTML in content is shown as text, never run
    linkify: false,
    typographer: true,
    quotes: QUOTES.fr,
  });
  md.use(footnote);
  md.use(citations);
  md.use(anchor, { slugify, tabIndex: false });
  md.use(typography);
  md.use(markdownPictures);
  return md;
}

/** Shared instance: import this, never build a second one. */
export const markdown = createMarkdown();
