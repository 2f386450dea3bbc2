/**
 * Files copied as they are into the built site: our CSS, the feed's XSL and
 * the self-hosted fonts (latin subset only, real regular/italic/bold faces so
 * no browser or PDF ever has to fake a bold).
 */
const fontsource = "node_modules/@fontsource";

export const fontFiles: Record<string, string> = {
  [`${fontsource}/literata/files/literata-latin-400-normal.woff2`]: "assets/fonts/literata-400.woff2",
  [`${fontsource}/literata/files/literata-latin-400-italic.woff2`]: "assets/fonts/literata-400-italic.woff2",
  [`${fontsource}/literata/files/literata-latin-700-normal.woff2`]: "assets/fonts/literata-700.woff2",
  [`${fontsource}/literata/files/literata-latin-700-italic.woff2`]: "assets/fonts/literata-700-italic.woff2",
  [`${fontsource}/space-grotesk/files/space-grotesk-latin-500-normal.woff2`]: "assets/fonts/space-grotesk-500.woff2",
  [`${fontsource}/space-grotesk/files/space-grotesk-latin-700-normal.woff2`]: "assets/fonts/space-grotesk-700.woff2",
  // Inline code: a monospace face of our own, never whatever the machine has installed.
  [`${fontsource}/ibm-plex-mono/files/ibm-plex-mono-latin-400-normal.woff2`]: "assets/fonts/ibm-plex-mono-400.woff2",
  [`${fontsource}/ibm-plex-mono/files/ibm-plex-mono-latin-700-normal.woff2`]: "assets/fonts/ibm-plex-mono-700.woff2",
};

/**
 * The font families the project ships, as PDFs name them (no spaces): the
 * preflight refuses any other font found in a PDF.
 */
export const shippedFontFamilies = ["Literata", "SpaceGrotesk", "IBMPlexMono"];

export const passthrough: Record<string, string> = {
  "_includes/css": "assets/css",
  ...fontFiles,
};
