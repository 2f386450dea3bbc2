/**
 * Reading pages served without their templates' indentation, as the
 * stylesheet is served minified (fonts.ts): the spaces that start a line are
 * never shown (white-space: normal folds them into the line break before
 * them), so only bytes go, about 150 a page. Kept as written: the inside of
 * <pre> and <textarea> (code blocks of a kit zine), and every page that is not
 * styled by the site's stylesheet (the print documents Paged.js lays out, the
 * feeds, the sitemap).
 */
type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

export function compactHtml(html: string): string {
  return html.replace(/(<(pre|textarea)\b[\s\S]*?<\/\2>)|\n[ \t]+/gi, (all, kept?: string) => kept ?? "\n");
}

/** One line in eleventy.config.ts. */
export function compactPages(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTransform("indentation", function (this: { page: { outputPath: string | false } }, content: string): string {
    const output = String(this.page.outputPath || "");
    return output.endsWith(".html") && content.includes('href="/assets/css/site.css"') ? compactHtml(content) : content;
  });
}
