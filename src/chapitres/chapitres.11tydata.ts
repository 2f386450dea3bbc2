/** Every Markdown file in this folder is a chapter: its layout, tag and address. */
import { chapterSlug } from "../../scripts/site/filters.ts";
import { CHAPTER_TAG } from "../../scripts/site/collections.ts";

interface PageData {
  page: { fileSlug: string; inputPath: string };
  plate?: string;
  plateCaption?: string;
  plateAlt?: string;
  plateLegend?: string[];
}

export default {
  layout: "chapitre.njk",
  tags: [CHAPTER_TAG],
  eleventyComputed: {
    // 03-marseille.md → /chapitres/marseille/: the number orders, the URL stays readable.
    permalink: (data: PageData) => `/chapitres/${chapterSlug(data.page.fileSlug)}/`,
    // Prefixes footnote ids (markdown-it-footnote reads env.docId) so chapters can share a page.
    docId: (data: PageData) => chapterSlug(data.page.fileSlug),
    // The chapter's plate and its words, as templates hand them to `{% plate planche, … %}` (scripts/site/plates.ts).
    planche: (data: PageData) => ({
      plate: data.plate ?? "",
      caption: data.plateCaption,
      alt: data.plateAlt,
      legend: data.plateLegend,
      from: data.page.inputPath,
    }),
  },
};
