/**
 * The one markdown-it instance of the project: web pages, the print document
 * and the feed all render through it, so they share the same typography,
 * footnotes, heading ids and quotation markup.
 */
import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import container from "markdown-it-container";
import anchor from "markdown-it-anchor";
import { typographie } from "./typography.ts";
import { slugify } from "./slug.ts";
import { contentReferences } from "./references.ts";
import { footnoteCheck } from "./footnote-check.ts";

/** Applies French spacing to every text token (never to code). */
function frenchTypography(md: MarkdownIt): void {
  md.core.ruler.push("french_typography", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      for (const token of block.children) {
        if (token.type === "text") token.content = typographie(token.content);
      }
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
    render(tokens: Token[], idx: number): string {
      const token = tokens[idx];
      if (token.nesting === 1) {
        const attribution = token.info.trim().replace(/^citation\s*/, "");
        attributions.push(attribution);
        const firstWords = tokens.slice(idx).find((t) => t.type === "inline")?.content ?? "";
        const id = "citation-" + slugify(firstWords).split("-").slice(0, 6).join("-");
        return `<figure class="citation" id="${id}">\n<blockquote>\n`;
      }
      const attribution = attributions.pop() ?? "";
      const caption = attribution ? `<figcaption>— ${md.renderInline(attribution)}</figcaption>\n` : "";
      return `</blockquote>\n${caption}</figure>\n`;
    },
  });
}

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({
    html: false, // raw HTML in content is shown as text, never run
    linkify: false,
    typographer: true,
    quotes: ["«\u202F", "\u202F»", "“", "”"],
  });
  md.use(footnote);
  md.use(citations);
  md.use(anchor, { slugify, tabIndex: false });
  md.use(frenchTypography);
  // Links and pictures relative to the Markdown file, resolved to the site's addresses (references.ts).
  md.use(contentReferences);
  // A note never called, or a call with no note, stops the build (footnote-check.ts).
  md.use(footnoteCheck);
  return md;
}

/** Shared instance: import this, never build a second one. */
export const markdown = createMarkdown();
