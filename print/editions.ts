/**
 * The house of the print edition: every size, every file and every document
 * in one table that all stages read (the Eleventy plugin, render, finish,
 * impose, preflight, /imprimer/, the feed). Nothing else in the code writes
 * 148, 210 or 297, nor an edition's key.
 *
 * One layout, many editions: Paged.js lays the zine out once (the `zine`
 * document, at trim size plus `LAYOUT_BLEED_MM`); the reading A5, the press
 * edition and the booklet are all made from those same pages by pdf-lib.
 */

/** A width and a height, in millimetres. */
export interface Size {
  widthMm: number;
  heightMm: number;
}

export const A5: Size = { widthMm: 148, heightMm: 210 };
export const A4_LANDSCAPE: Size = { widthMm: 297, heightMm: 210 };
/** A mini-zine panel: an A4 landscape sheet cut into 4 × 2. */
export const MINI_PANEL: Size = { widthMm: A4_LANDSCAPE.widthMm / 4, heightMm: A4_LANDSCAPE.heightMm / 2 };

/** The bleed a copy shop asks for, on every side of the trim. */
export const BLEED_MM = 3;
/**
 * The margin Paged.js lays out around the trim. Larger than the bleed: Chromium
 * rounds the sheet to whole pixels at its right and bottom edges, and that
 * rounding must never eat into the 3 mm the press file keeps.
 */
export const LAYOUT_BLEED_MM = 5;

/**
 * Crop marks of the press edition: on the trim lines, starting outside the
 * bleed, 100 % black (DeviceGray 0). `spaceMm` is the white around the bleed
 * that holds them whole, on every side of the press sheet.
 */
export const CROP_MARKS = { offsetMm: BLEED_MM, lengthMm: 6, widthPt: 0.25, spaceMm: BLEED_MM + 6 + 2 };

/** The thinnest line a print file may hold, in points (the crop marks' width). */
export const THINNEST_LINE_PT = 0.25;
/** The mini-zine's panels keep this much white on every side (office printers, hand folds). */
export const MINI_MARGIN_MM = 8;

/** Where the build serves the print assets, and the browser handlers in them. */
const ASSETS = "/imprimer/assets";
export const HANDLERS_URL = `${ASSETS}/handlers.js`;
/** The page size and bleed of each document, written from this table (see print/eleventy.ts). */
export const FORMAT_CSS = (key: PrintDocument["key"]) => `${ASSETS}/format-${key}.css`;

/** An HTML document that Paged.js lays out. */
export interface PrintDocument {
  key: "zine" | "apercu" | "mini";
  /** Where Eleventy writes it. */
  url: string;
  title: string;
  /** The template in print/ that holds it. */
  template: "print/zine.njk" | "print/mini-zine.njk";
  /** The page as laid out, and the bleed around it (Paged.js's @page bleed). */
  page: Size;
  layoutBleedMm: number;
  stylesheets: string[];
  /** Stylesheets for the screen only: Paged.js leaves media="screen" sheets alone. */
  screenStylesheets: string[];
  scripts: string[];
  /** Pages to pad to (0: none). */
  multiple: number;
  /**
   * Laid out by Paged.js (running heads, notes, folios…), or printed by
   * Chromium as it is: the mini-zine is eight fixed panels, one per page.
   */
  paginated: boolean;
}

const fonts = `${ASSETS}/polices.css`;

export const printDocuments: PrintDocument[] = [
  {
    key: "zine",
    url: "/imprimer/zine/",
    title: "Zine A5",
    template: "print/zine.njk",
    page: A5,
    layoutBleedMm: LAYOUT_BLEED_MM,
    stylesheets: [fonts, `${ASSETS}/zine.css`, `${ASSETS}/encres.css`, FORMAT_CSS("zine")],
    screenStylesheets: [],
    scripts: [],
    multiple: 4,
    paginated: true,
  },
  {
    // The preview shows the trim only: what the reader holds.
    key: "apercu",
    url: "/imprimer/apercu/",
    title: "Aperçu avant impression",
    template: "print/zine.njk",
    page: A5,
    layoutBleedMm: 0,
    stylesheets: [fonts, `${ASSETS}/zine.css`, `${ASSETS}/encres.css`, FORMAT_CSS("apercu")],
    screenStylesheets: [`${ASSETS}/apercu.css`],
    scripts: [`${ASSETS}/paged.polyfill.js`, HANDLERS_URL],
    multiple: 4,
    paginated: true,
  },
  {
    key: "mini",
    url: "/imprimer/mini-zine/",
    title: "Mini-zine, 8 pages",
    template: "print/mini-zine.njk",
    page: MINI_PANEL,
    layoutBleedMm: 0,
    stylesheets: [fonts, `${ASSETS}/mini-zine.css`, FORMAT_CSS("mini")],
    screenStylesheets: [],
    scripts: [],
    multiple: 0,
    paginated: false,
  },
];

export function printDocument(key: PrintDocument["key"]): PrintDocument {
  const found = printDocuments.find((d) => d.key === key);
  if (!found) throw new Error(`document d’impression inconnu : ${key}`);
  return found;
}

/** A PDF file the build writes into _site/imprimer/. */
export interface Edition {
  key: "lecture" | "livret" | "mini" | "presse" | "livretRisoRose" | "livretRisoNoir" | "risoRose" | "risoNoir" | "tonDirect";
  /** "riso": the riso edition's files (print/riso.ts), listed in their own section of /imprimer/. */
  group?: "riso";
  /** Black and one named spot colour (a Separation colour space), for an offset press. */
  spot?: boolean;
  /** The laid-out document it is made from. */
  document: "zine" | "mini";
  /** After the zine's slug: candide + zine-a5.pdf. */
  suffix: string;
  /** What /imprimer/ calls it. */
  label: string;
  /** The page the reader holds, once cut and folded. */
  trim: Size;
  /** Bleed kept around the trim (BleedBox), in mm. */
  bleedMm: number;
  /** Crop marks outside the bleed. */
  marks: boolean;
  /** The sheet each PDF page is, as the printer takes it. */
  sheet: Size;
  /** How the pages become sheets. */
  imposition: "none" | "saddle-stitch" | "mini-zine";
  /** The page count is a multiple of this. */
  multiple: number;
  /** The exact page count, when it is fixed (the mini-zine: one sheet). */
  pages?: number;
  /** The print dialog presets duplex, flipping on the short edge. */
  duplex: boolean;
}

const pressSheet: Size = {
  widthMm: A5.widthMm + 2 * CROP_MARKS.spaceMm,
  heightMm: A5.heightMm + 2 * CROP_MARKS.spaceMm,
};

/** A5 pages one after the other, on their trim: the reading file, and the riso and offset pages made like it. */
const A5_PAGES = { trim: A5, bleedMm: 0, marks: false, sheet: A5, imposition: "none", multiple: 4, duplex: false } as const;
/** A5 pages imposed two by two on A4, to print on both sides, fold and staple: the booklet, and the riso booklets made like it. */
const A4_BOOKLET = { trim: A5, bleedMm: 0, marks: false, sheet: A4_LANDSCAPE, imposition: "saddle-stitch", multiple: 2, duplex: true } as const;

/** The PDF files, in the order /imprimer/ lists them. */
export const editions: Edition[] = [
  {
    key: "lecture",
    document: "zine",
    suffix: "zine-a5.pdf",
    label: "Le zine, A5 (à lire à l’écran ou à imprimer page à page)",
    ...A5_PAGES,
  },
  {
    key: "livret",
    document: "zine",
    suffix: "zine-livret-a4.pdf",
    label: "Le livret à imprimer sur A4 recto verso, plier et agrafer",
    ...A4_BOOKLET,
  },
  {
    key: "mini",
    document: "mini",
    suffix: "mini-zine-a4.pdf",
    label: "Le mini-zine : une feuille A4, une coupe, des plis",
    trim: MINI_PANEL,
    bleedMm: 0,
    marks: false,
    sheet: A4_LANDSCAPE,
    imposition: "mini-zine",
    multiple: 1,
    pages: 1,
    duplex: false,
  },
  {
    key: "presse",
    document: "zine",
    suffix: "zine-a5-fonds-perdus.pdf",
    label: "Pour l’imprimeur : A5 avec fonds perdus de 3 mm et traits de coupe",
    trim: A5,
    bleedMm: BLEED_MM,
    marks: true,
    sheet: pressSheet,
    imposition: "none",
    multiple: 4,
    duplex: false,
  },
  // The riso edition (print/riso.ts): one file per drum, pink first; the same pages as the reading A5.
  {
    key: "livretRisoRose",
    group: "riso",
    document: "zine",
    suffix: "zine-livret-a4-riso-rose.pdf",
    label: "Riso, livret A4 : le tambour rose",
    ...A4_BOOKLET,
  },
  {
    key: "livretRisoNoir",
    group: "riso",
    document: "zine",
    suffix: "zine-livret-a4-riso-noir.pdf",
    label: "Riso, livret A4 : le tambour noir",
    ...A4_BOOKLET,
  },
  {
    key: "risoRose",
    group: "riso",
    document: "zine",
    suffix: "zine-a5-riso-rose.pdf",
    label: "Riso, pages A5 : le tambour rose",
    ...A5_PAGES,
  },
  {
    key: "risoNoir",
    group: "riso",
    document: "zine",
    suffix: "zine-a5-riso-noir.pdf",
    label: "Riso, pages A5 : le tambour noir",
    ...A5_PAGES,
  },
  {
    key: "tonDirect",
    group: "riso",
    spot: true,
    document: "zine",
    suffix: "zine-a5-ton-direct.pdf",
    label: "Offset : A5, noir et rose fluo en ton direct (une couleur d’accompagnement nommée)",
    ...A5_PAGES,
  },
];

export type EditionKey = Edition["key"];

export function edition(key: EditionKey): Edition {
  const found = editions.find((e) => e.key === key);
  if (!found) throw new Error(`édition inconnue : ${key}`);
  return found;
}

/** candide + lecture → candide-zine-a5.pdf. `prefix` comes from <meta name="zine-slug">. */
export function printFileName(key: EditionKey, prefix: string): string {
  return `${prefix}-${edition(key).suffix}`;
}

/** The riso proof: one PNG per A5 page (candide + 3 → candide-zine-riso-epreuve-p03.png). */
export function risoProofName(prefix: string, page: number): string {
  return `${prefix}-zine-riso-epreuve-p${String(page).padStart(2, "0")}.png`;
}

/** The preflight report beside the PDFs. */
export const PREFLIGHT_FILE = "imprimer/preflight.json";

/** The facts of a written print file, as /imprimer/ and the feed get them. */
export interface PrintFileFacts {
  key: EditionKey;
  /** /imprimer/candide-zine-a5.pdf */
  url: string;
  file: string;
  label: string;
  pages: number;
  bytes: number;
  /** The sheet the file's pages are, in mm. */
  sheet: Size;
  /** The page the reader holds, in mm. */
  trim: Size;
  /** "riso" for the riso edition's files. */
  group?: "riso";
}
