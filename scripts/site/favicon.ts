/**
 * The site's icon, drawn from the plates: the camera on its pole from the
 * « vignette-camera » plate, cropped to a square, in ink and spot colour on
 * paper. favicon.svg for browsers that take SVG, favicon.ico (one 32 px PNG
 * inside) for those that ask for it by name, apple-touch-icon.png (180 px,
 * also what Android uses for a home-screen shortcut). No manifest: nothing
 * more for a page to fetch.
 */
import fs from "node:fs";
import path from "node:path";
import { plateSvg } from "../plates/index.ts";
import { INK, PAPER } from "../plates/svg.ts";
import { cached, filesFingerprint } from "../lib/disk-cache.ts";
import { dropOutside } from "./svg-crop.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

const PLATE = "vignette-camera";
/** The camera, its pole and the start of its sight fan, in the plate's coordinates. */
const CROP = { x: 88, y: 18, size: 150 };

export function faviconSvg(): string {
  const plate = plateSvg(PLATE, "web");
  const inner = plate
    .replace(/^<svg[^>]*>/, "")
    .replace(/<\/svg>$/, "")
    .replace(/<title>[\s\S]*?<\/title>/, "")
    // Lines drawn for a 480-unit plate would vanish at 16 px: thicker, for a 150-unit crop.
    .replace(/stroke-width="([\d.]+)"/g, (_, w: string) => `stroke-width="${(Number(w) * 3).toFixed(1)}"`);
  const { x, y, size } = CROP;
  // Only the lines that cross the crop: the rest of the plate would be bytes every page fetches for nothing.
  const cropped = dropOutside(inner, CROP, 6);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${size} ${size}" fill="none" stroke="${INK}" color="${INK}" stroke-linecap="round" stroke-linejoin="round">` +
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="24" fill="${PAPER}" stroke="none"/>${cropped}</svg>`
  );
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

export async function writeFavicons(outputDir: string): Promise<void> {
  const svg = faviconSvg();
  // The key: the drawing, this file's code and sharp's version.
  const renderer = filesFingerprint([new URL(import.meta.url).pathname, "node_modules/sharp/package.json"]);
  fs.writeFileSync(path.join(outputDir, "favicon.svg"), svg);
  fs.writeFileSync(path.join(outputDir, "apple-touch-icon.png"), await cached("icones", [svg, 180, renderer], () => png(svg, 180)));
  fs.writeFileSync(path.join(outputDir, "favicon.ico"), await cached("icones", [svg, 32, "ico", renderer], async () => ico(await png(svg, 32), 32)));
}

/** One line in eleventy.config.ts: the icons are written before the pages that link to them. */
export function favicons(eleventyConfig: EleventyConfig): void {
  const written = new Set<string>();
  eleventyConfig.on("eleventy.before", async ({ directories, incremental }: { directories: { output: string }; incremental: boolean }) => {
    // npm start: a save changes no icon.
    if (incremental && written.has(directories.output)) return;
    fs.mkdirSync(directories.output, { recursive: true });
    await writeFavicons(directories.output);
    written.add(directories.output);
  });
}
