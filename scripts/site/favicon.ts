/**
 * The site's icon, the zine's own (site.yaml `icon`): a plate or an own SVG,
 * or the square of it that `crop` names, in ink on paper; with no `icon`, the
 * title's first letter. Ours is the camera on its pole from the
 * « vignette-camera » plate. favicon.svg for browsers that take SVG,
 * favicon.ico (one 32 px PNG inside) for those that ask for it by name,
 * apple-touch-icon.png (180 px, also what Android uses for a home-screen
 * shortcut). No manifest: nothing more for a page to fetch.
 */
import fs from "node:fs";
import path from "node:path";
import { isPlateKey, plateKeys, plateSvg, readOwnSvg, svgSize } from "../plates/index.ts";
import { INK, PAPER } from "../plates/svg.ts";
import { font, textPath } from "../plates/type.ts";
import { cached, filesFingerprint } from "../lib/disk-cache.ts";
import { dropOutside } from "./svg-crop.ts";
import { parseYamlData } from "./data.ts";
import { isOwnPlate } from "./plates.ts";
import { resolvePicture } from "./pictures.ts";
import { ContentError } from "./content-error.ts";
import { zineFolder } from "./zine-folder.ts";
import type { Site } from "../../_data/schema.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

/** The zine's site.yaml (the zine folder's, else _data/'s): where it is, and its data, checked. */
function siteData(): { file: string; site: Site } {
  const dir = zineFolder();
  const file = path.relative(process.cwd(), dir ? path.join(dir, "site.yaml") : path.join("_data", "site.yaml"));
  return { file, site: parseYamlData(fs.readFileSync(file, "utf8"), file) as Site };
}

/** An own SVG named by `icon.plate`, checked; errors name site.yaml and say what to do. */
function ownIconFile(ref: string, siteFile: string): string {
  const file = resolvePicture(ref, siteFile);
  const problem = !/\.svg$/i.test(file)
    ? "n’est pas un SVG → l’icône est un dessin vectoriel (.svg) du dossier images/"
    : !fs.existsSync(file)
      ? `est introuvable (cherché en ${path.relative(process.cwd(), file)}) → vérifiez le nom du fichier et qu’il est dans le dossier images/ du zine`
      : undefined;
  if (problem) throw new ContentError(siteFile, [`champ « icon.plate » : « ${ref} » ${problem}`]);
  try {
    readOwnSvg(file);
  } catch (error) {
    throw new ContentError(siteFile, [`champ « icon.plate » : « ${ref} » : ${(error as Error).message} → enregistrez le dessin en SVG depuis votre logiciel (Inkscape : Enregistrer sous… SVG simple)`]);
  }
  return file;
}

/** The square frame every icon is drawn in: paper, rounded corners. */
function frame(x: number, y: number, size: number, drawing: string, rootAttributes = ""): string {
  const radius = Math.round(size * 0.16 * 10) / 10;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${size} ${size}"${rootAttributes}>` +
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="${radius}" fill="${PAPER}" stroke="none"/>${drawing}</svg>`
  );
}

/** The square to show: `crop`, or the whole drawing centred in a square around it. */
function square(width: number, height: number, crop?: [number, number, number]): { x: number; y: number; size: number } {
  if (crop) return { x: crop[0], y: crop[1], size: crop[2] };
  const size = Math.max(width, height);
  return { x: (width - size) / 2, y: (height - size) / 2, size };
}

/** A generated plate: its lines thickened so they still show at 16 px, and only the lines inside the square. */
function fromPlate(key: string, crop?: [number, number, number]): string {
  const plate = plateSvg(key, "web");
  const { width, height } = svgSize(plate);
  const box = square(width, height, crop);
  // Lines drawn for the whole plate would vanish once a part of it is 16 px wide.
  const thicker = Math.max(1, Math.round(width / box.size));
  const inner = plate
    .replace(/^<svg[^>]*>/, "")
    .replace(/<\/svg>$/, "")
    .replace(/<title>[\s\S]*?<\/title>/, "")
    .replace(/stroke-width="([\d.]+)"/g, (_, w: string) => `stroke-width="${(Number(w) * thicker).toFixed(1)}"`);
  // Only the lines that cross the square: the rest of the plate would be bytes every page fetches for nothing.
  const drawing = crop ? dropOutside(inner, box, 6) : inner;
  // The plate's ink is currentColor: the icon says which, when any of it is left in the square.
  const color = drawing.includes("currentColor") ? ` color="${INK}"` : "";
  return frame(box.x, box.y, box.size, drawing, ` fill="none" stroke="${INK}"${color} stroke-linecap="round" stroke-linejoin="round"`);
}

/** An own SVG, as drawn: placed in the square by its own viewBox (a nested <svg>), never redrawn. */
function fromOwnSvg(file: string, crop?: [number, number, number]): string {
  const text = fs.readFileSync(file, "utf8");
  const root = /<svg\b[^>]*>/i.exec(text)!;
  const { x: minX, y: minY, width, height } = svgSize(text);
  const inner = text.slice(root.index + root[0].length, text.lastIndexOf("</svg>")).replace(/<title>[\s\S]*?<\/title>/i, "");
  const attributes = root[0]
    .replace(/^<svg\b/i, "")
    .replace(/>$/, "")
    .replace(/\s(?:x|y|width|height|viewBox|xmlns(?::\w+)?)\s*=\s*("[^"]*"|'[^']*')/gi, "");
  const nested = `<svg x="${minX}" y="${minY}" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}"${attributes}>${inner}</svg>`;
  // `crop` is in the drawing's own units; the centred square starts from its viewBox's corner.
  const centred = square(width, height);
  const { x, y, size } = crop ? square(width, height, crop) : { x: minX + centred.x, y: minY + centred.y, size: centred.size };
  return frame(x, y, size, nested);
}

/** No icon named: the title's first letter or digit, in the headings' face, ink on paper. */
function monogram(title: string, language: string): string {
  const letter = ([...title.normalize("NFC")].find((c) => /[\p{L}\p{N}]/u.test(c)) ?? "?").toLocaleUpperCase(language);
  const size = 100;
  const glyph = 72;
  // Centred on the letter's own outline, not on its advance width.
  const { x1, y1, x2, y2 } = font("display").getPath(letter, 0, 0, glyph).getBoundingBox();
  const d = textPath(letter, (size - (x2 - x1)) / 2 - x1, (size - (y2 - y1)) / 2 - y1, glyph, "display");
  return frame(0, 0, size, `<path fill="${INK}" d="${d}"/>`);
}

/** The zine's icon as SVG, from its site.yaml (`file`: where it is, for messages). */
export function faviconSvg({ site, file } = siteData()): string {
  const icon = site.icon;
  if (!icon) return monogram(site.title, site.language);
  if (isOwnPlate(icon.plate)) return fromOwnSvg(ownIconFile(icon.plate, file), icon.crop);
  if (!isPlateKey(icon.plate)) {
    throw new ContentError(file, [`champ « icon.plate » : « ${icon.plate} » n’est pas une planche connue → choisissez parmi : ${plateKeys.join(", ")}, ou donnez le chemin d’un SVG du dossier images/ (plate: /images/mon-dessin.svg)`]);
  }
  return fromPlate(icon.plate, icon.crop);
}

/** One PNG in an ICO container (ICONDIR + one ICONDIRENTRY, then the PNG): every browser reads it. */
function ico(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

async function png(svg: string, size: number): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp(Buffer.from(svg), { density: 300 }).resize(size, size).flatten({ background: PAPER }).png({ compressionLevel: 9, palette: true }).toBuffer();
}

export async function writeFavicons(outputDir: string, svg = faviconSvg()): Promise<void> {
  // The key: the drawing, this file's code and sharp's version.
  const renderer = filesFingerprint([new URL(import.meta.url).pathname, "node_modules/sharp/package.json"]);
  fs.writeFileSync(path.join(outputDir, "favicon.svg"), svg);
  fs.writeFileSync(path.join(outputDir, "apple-touch-icon.png"), await cached("icones", [svg, 180, renderer], () => png(svg, 180)));
  fs.writeFileSync(path.join(outputDir, "favicon.ico"), await cached("icones", [svg, 32, "ico", renderer], async () => ico(await png(svg, 32), 32)));
}

/** One line in eleventy.config.ts: the icons are written before the pages that link to them. */
export function favicons(eleventyConfig: EleventyConfig): void {
  const written = new Map<string, string>();
  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    const svg = faviconSvg();
    // npm start: a save that leaves the icon as it was writes nothing.
    if (written.get(directories.output) === svg && fs.existsSync(path.join(directories.output, "favicon.svg"))) return;
    fs.mkdirSync(directories.output, { recursive: true });
    await writeFavicons(directories.output, svg);
    written.set(directories.output, svg);
  });
}
