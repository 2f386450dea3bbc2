/**
 * Files copied as they are into the built site: the feed's XSL. (The
 * stylesheet and the fonts, cut to the site's characters, come from
 * scripts/site/fonts.ts.)
 */
export const passthrough: Record<string, string> = {
  "src/feed.xsl": "feed.xsl",
};
