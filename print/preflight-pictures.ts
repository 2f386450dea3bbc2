/**
 * Two checks a copy shop makes that pdf-lib alone can't: the resolution of
 * every picture at the size it is printed (poppler's `pdfimages -list` gives
 * the pixels per inch on the page), and that every font comes from the
 * project (a font the machine happened to have makes the output depend on
 * the machine).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { shippedFontFamilies } from "../scripts/site/assets.ts";

const run = promisify(execFile);

/** Under this many pixels per inch a picture looks soft on paper: a warning. */
export const WARN_PPI = 200;
/** Under this, it prints as visible squares: refused. */
export const REFUSE_PPI = 100;

export interface PictureResolution {
  page: number;
  width: number;
  height: number;
  ppi: number;
}

/**
 * Every picture of the PDF with its resolution on the page, or undefined when
 * pdfimages is not installed. Asynchronous: the build reads the other files
 * while poppler reads this one.
 */
export async function pictureResolutions(bytes: Uint8Array): Promise<PictureResolution[] | undefined> {
  // Written and started before the first await, so poppler runs while the caller goes on.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-images-"));
  const file = path.join(dir, "zine.pdf");
  try {
    fs.writeFileSync(file, bytes);
    const { stdout } = await run("pdfimages", ["-list", file], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    return stdout
      .split("\n")
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length >= 14 && cols[2] === "image")
      .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), ppi: Math.min(Number(cols[12]), Number(cols[13])) }));
  } catch {
    return undefined;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Problems (refused) and warnings about the pictures' resolution, in French. */
export async function checkPictures(bytes: Uint8Array): Promise<{ problems: string[]; warnings: string[] }> {
  const pictures = await pictureResolutions(bytes);
  if (!pictures) return { problems: [], warnings: ["résolution des images non vérifiée : pdfimages est absent → installez poppler-utils (apt-get install poppler-utils)"] };
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const { page, width, height, ppi } of pictures) {
    const what = `image de ${width} × ${height} pixels page ${page} : ${ppi} dpi à la taille imprimée`;
    if (ppi < REFUSE_PPI) problems.push(`${what}, elle sortira floue et en escalier → remplacez-la par un fichier plus grand (au moins ${REFUSE_PPI} dpi, ${WARN_PPI} pour une belle impression) ou par un dessin SVG`);
    else if (ppi < WARN_PPI) warnings.push(`${what}, un peu floue à l’impression → si possible, fournissez un fichier plus grand (${WARN_PPI} dpi)`);
  }
  return { problems, warnings };
}

/** A font name as the PDF gives it ("ABCDEF+Literata-Bold") is one the project ships. */
export function isShippedFont(name: string): boolean {
  const bare = name.replace(/^[A-Z]{6}\+/, "").replace(/[\s_]/g, "");
  return shippedFontFamilies.some((family) => bare.startsWith(family));
}

export function unshippedFontProblem(name: string): string {
  return `police ${name} : elle ne fait pas partie des polices du projet (${shippedFontFamilies.join(", ")}), elle vient de la machine → le texte demande un caractère ou un style que nos polices n’ont pas ; cherchez-le dans le texte (symbole rare, alphabet non latin) ou ajoutez la police voulue depuis @fontsource dans scripts/site/fonts.ts (faces) et print/polices.css`;
}
