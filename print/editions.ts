/**
 * The print documents and the PDF files they become: one list that the
 * Eleventy plugin (which HTML to write), the render stage (which PDF from
 * which HTML) and /imprimer/ (what to offer) all read.
 */

/** An HTML document rendered by Paged.js. */
export interface PrintDocument {
  key: "lecture" | "fonds-perdus" | "apercu" | "mini";
  /** Where Eleventy writes it. */
  url: string;
  title: string;
  /** The template in print/ that holds it. */
  template: "print/zine.njk" | "print/mini-zine.njk";
  stylesheets: string[];
  /** Stylesheets for the screen only: Paged.js leaves media="screen" sheets alone. */
  screenStylesheets: string[];
  scripts: string[];
  /** Pages to pad to (0: none). */
  multiple: number;
}

const ASSETS = "/imprimer/assets";
const fonts = `${ASSETS}/polices.css`;

export const printDocuments: PrintDocument[] = [
  {
    key: "lecture",
    url: "/imprimer/zine/",
    title: "Zine A5, édition de lecture",
    template: "print/zine.njk",
    stylesheets: [fonts, `${ASSETS}/zine.css`, `${ASSETS}/encres.css`],
    screenStylesheets: [],
    scripts: [],
    multiple: 4,
  },
  {
    key: "fonds-perdus",
    url: "/imprimer/zine-fonds-perdus/",
    title: "Zine A5, édition imprimeur (fonds perdus)",
    template: "print/zine.njk",
    stylesheets: [fonts, `${ASSETS}/zine.css`, `${ASSETS}/encres.css`, `${ASSETS}/fonds-perdus.css`],
    screenStylesheets: [],
    scripts: [],
    multiple: 4,
  },
  {
    key: "apercu",
    url: "/imprimer/apercu/",
    title: "Aperçu avant impression",
    template: "print/zine.njk",
    stylesheets: [fonts, `${ASSETS}/zine.css`, `${ASSETS}/encres.css`],
    screenStylesheets: [`${ASSETS}/apercu.css`],
    scripts: [`${ASSETS}/paged.polyfill.js`, `${ASSETS}/handlers.js`],
    multiple: 4,
  },
  {
    key: "mini",
    url: "/imprimer/mini-zine/",
    title: "Mini-zine, 8 pages",
    template: "print/mini-zine.njk",
    stylesheets: [fonts, `${ASSETS}/mini-zine.css`],
    screenStylesheets: [],
    scripts: [],
    multiple: 0,
  },
];

/**
 * The PDF files in _site/imprimer/, in the order /imprimer/ lists them. Their
 * names start with the zine's title as a slug (technopolice-zine-a5.pdf), so
 * another zine built with the kit gets its own names.
 */
export const printFiles = {
  lecture: {
    suffix: "zine-a5.pdf",
    label: "Le zine, A5 (à lire à l’écran ou à imprimer page à page)",
  },
  livret: {
    suffix: "zine-livret-a4.pdf",
    label: "Le livret à imprimer sur A4 recto verso, plier et agrafer",
  },
  mini: {
    suffix: "mini-zine-a4.pdf",
    label: "Le mini-zine : une feuille A4, une coupe, des plis",
  },
  presse: {
    suffix: "zine-a5-fonds-perdus.pdf",
    label: "Pour l’imprimeur : A5 avec fonds perdus de 3 mm et traits de coupe",
  },
  // The riso edition (print/riso.ts): one file per drum, pink first.
  livretRisoRose: {
    suffix: "zine-livret-a4-riso-rose.pdf",
    label: "Riso, livret A4 : le tambour rose",
    group: "riso",
  },
  livretRisoNoir: {
    suffix: "zine-livret-a4-riso-noir.pdf",
    label: "Riso, livret A4 : le tambour noir",
    group: "riso",
  },
  risoRose: {
    suffix: "zine-a5-riso-rose.pdf",
    label: "Riso, pages A5 : le tambour rose",
    group: "riso",
  },
  risoNoir: {
    suffix: "zine-a5-riso-noir.pdf",
    label: "Riso, pages A5 : le tambour noir",
    group: "riso",
  },
  tonDirect: {
    suffix: "zine-a5-ton-direct.pdf",
    label: "Offset : A5, noir et rose fluo en ton direct (une couleur d’accompagnement nommée)",
    group: "riso",
  },
} as const;

export type PrintFileKey = keyof typeof printFiles;

/** technopolice + lecture → technopolice-zine-a5.pdf. `prefix` comes from <meta name="zine-slug">. */
export function printFileName(key: PrintFileKey, prefix: string): string {
  return `${prefix}-${printFiles[key].suffix}`;
}

/** The riso proof: one PNG per A5 page (technopolice + 3 → technopolice-zine-riso-epreuve-p03.png). */
export function risoProofName(prefix: string, page: number): string {
  return `${prefix}-zine-riso-epreuve-p${String(page).padStart(2, "0")}.png`;
}

/** The preflight report beside the PDFs; /imprimer/ reads it on its second pass. */
export const PREFLIGHT_FILE = "imprimer/preflight.json";
