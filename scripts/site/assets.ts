/**
 * Files copied as they are into the built site: none today. (The stylesheet
 * and the fonts, cut to the site's characters, come from scripts/site/fonts.ts;
 * the feed's XSL is a template, src/feed-xsl.njk.)
 */
import { faces } from "./fonts.ts";

export const passthrough: Record<string, string> = {};

/**
 * The font families the project ships (the faces of scripts/site/fonts.ts),
 * as PDFs name them (no spaces): the preflight refuses any other font found in a PDF.
 */
export const shippedFontFamilies = [...new Set(faces.map((face) => face.family.replaceAll(" ", "")))];
