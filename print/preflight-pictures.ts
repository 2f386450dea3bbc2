/**
 * Two checks a copy shop makes beyond boxes and inks: the resolution of every
 * picture at the size it is printed (read from the PDF's own objects and the
 * transformation it is drawn with, as poppler's `pdfimages -list` reports it,
 * without a process per file), and that every font comes from the project (a
 * font the machine happened to have makes the output depend on the machine).
 */
import type { PDFDocument } from "pdf-lib";
import { shippedFontFamilies } from "../scripts/site/assets.ts";
import { inkOf, type PictureResolution } from "./preflight-ink.ts";
import { readPdf } from "./finish.ts";

export type { PictureResolution } from "./preflight-ink.ts";

/** Under this many pixels per inch a picture looks soft on paper: a warning. */
export const WARN_PPI = 200;
/** Under this, it prints as visible squares: refused. */
export const REFUSE_PPI = 100;

/** Every picture of the PDF with its resolution on the page. */
export async function pictureResolutions(pdf: Uint8Array | PDFDocument): Promise<PictureResolution[]> {
  const doc = await readPdf(pdf);
  return (await inkOf(doc)).pictures;
}

/** Problems (refused) and warnings about the pictures' resolution, in French. */
export function judgePictures(pictures: PictureResolution[]): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const { page, width, height, ppi } of pictures) {
    const what = `image de ${width} × ${height} pixels page ${page} : ${ppi} dpi à la taille imprimée`;
    if (ppi < REFUSE_PPI) problems.push(`${what}, elle sortira floue et en escalier → remplacez-la par un fichier plus grand (au moins ${REFUSE_PPI} dpi, ${WARN_PPI} pour une belle impression) ou par un dessin SVG`);
    else if (ppi < WARN_PPI) warnings.push(`${what}, un peu floue à l’impression → si possible, fournissez un fichier plus grand (${WARN_PPI} dpi)`);
  }
  return { problems, warnings };
}

/** The pictures of a PDF, judged. */
export async function checkPictures(pdf: Uint8Array | PDFDocument): Promise<{ problems: string[]; warnings: string[] }> {
  return judgePictures(await pictureResolutions(pdf));
}

/** A font name as the PDF gives it ("ABCDEF+Literata-Bold") is one the project ships. */
export function isShippedFont(name: string): boolean {
  const bare = name.replace(/^[A-Z]{6}\+/, "").replace(/[\s_]/g, "");
  return shippedFontFamilies.some((family) => bare.startsWith(family));
}

export function unshippedFontProblem(name: string): string {
  return `police ${name} : elle ne fait pas partie des polices du projet (${shippedFontFamilies.join(", ")}), elle vient de la machine → le texte demande un caractère ou un style que nos polices n’ont pas ; cherchez-le dans le texte (symbole rare, alphabet non latin) ou ajoutez la police voulue depuis @fontsource dans scripts/site/fonts.ts (faces) et print/polices.css`;
}
