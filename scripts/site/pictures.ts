/**
 * Pictures as content: the zine's own `images/` folder (in ZINE_DIR, or in
 * src/ for the project's own zine) is published at /images/, and Markdown
 * refers to a picture relative to the chapter (`../images/plan.png`) or from
 * the site's root (`/images/plan.png`).
 *
 * Before each build every picture of the folder is read once (sharp): its
 * size goes into the <img> (no layout shift), raster pictures get smaller
 * WebP copies for `srcset`, and every picture gets a grey copy for paper
 * (vector pictures keep their paths, only their colours turn grey).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt, Token } from "markdown-it";
import { ContentError } from "./content-error.ts";
import { sourceFile, zineFolder } from "./zine-folder.ts";
import { escapeHtml } from "../lib/escape.ts";
import { greySvg } from "../plates/index.ts";
import { cached, filesFingerprint } from "../lib/disk-cache.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

export const IMAGES_URL = "/images/";
/** Where the grey copies for paper are published. */
export const PRINT_IMAGES_URL = "/assets/impression/images/";
const PICTURE = /\.(svg|png|jpe?g|webp|gif|avif)$/i;
/** Widths of the smaller copies offered to phones (never wider than the original). */
const SRCSET_WIDTHS = [480, 960];
/** The text column is about 36rem wide: a picture never shows wider. */
const SIZES = "(min-width: 40rem) 36rem, 100vw";

export interface Picture {
  /** The file, absolute. */
  file: string;
  /** Its path under images/, with forward slashes. */
  name: string;
  url: string;
  printUrl: string;
  width: number;
  height: number;
  vector: boolean;
  /** Smaller copies, for raster pictures: [url, width]. */
  smaller: [string, number][];
}

/** The folder that holds the zine's content: ZINE_DIR, or src/ for our own zine. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env): string {
  return zineFolder(env) ?? path.resolve("src");
}

export function imagesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(contentRoot(env), "images");
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The pictures read before this build, by absolute file; an Error for a file sharp can't read. */
const catalogue = new Map<string, Picture | Error>();

function urlName(file: string): string {
  return path.relative(imagesDir(), file).split(path.sep).join("/");
}

/** sharp (libvips) loads only when a picture is read for the first time: a build whose pictures are all in the disk cache never loads it. */
const loadSharp = async () => (await import("sharp")).default;

/** What a picture's size and copies are made from: its bytes, this file's code, sharp's version (disk cache key). */
function pictureKey(file: string): string[] {
  const bytes = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  return [bytes, filesFingerprint([new URL(import.meta.url).pathname, "node_modules/sharp/package.json"])];
}

async function readPicture(file: string): Promise<Picture | Error> {
  const name = urlName(file);
  try {
    const read = async () => {
      const { width, height, format } = await (await loadSharp())(file).metadata();
      return JSON.stringify({ width, height, format });
    };
    const meta = JSON.parse((await cached("images-taille", ["taille", ...pictureKey(file)], read)).toString("utf8")) as { width?: number; height?: number; format?: string };
    if (!meta.width || !meta.height) throw new Error("taille inconnue");
    const vector = meta.format === "svg";
    const base = name.replace(/\.[^.]+$/, "");
    const smaller: [string, number][] = vector
      ? []
      : SRCSET_WIDTHS.filter((w) => w < meta.width!).map((w) => [`${IMAGES_URL}${encodeURI(base)}-${w}.webp`, w]);
    return { file, name, url: IMAGES_URL + encodeURI(name), printUrl: PRINT_IMAGES_URL + encodeURI(vector ? name : `${base}.png`), width: meta.width, height: meta.height, vector, smaller };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Reads every picture of images/ (sizes, readable or not). */
export async function scanPictures(): Promise<void> {
  catalogue.clear();
  const files = listFiles(imagesDir()).filter((file) => PICTURE.test(file));
  for (const file of files) catalogue.set(file, await readPicture(file));
}

/**
 * `ref` as written in `from` (a Markdown file, site.yaml…) → the picture's
 * file. Relative references start from the folder of `from`; `/images/…`
 * from the zine folder. Anything outside images/ is refused: it would not
 * be published.
 */
export function resolvePicture(ref: string, from: string | undefined): string {
  const where = from ?? path.relative(process.cwd(), contentRoot());
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//")) {
    throw new ContentError(where, [`l’image « ${ref} » vient d’un autre site : le zine ne fait aucune requête ailleurs → enregistrez-la dans le dossier images/ du zine et écrivez /images/nom-du-fichier`]);
  }
  const clean = decodeURI(ref.replace(/[?#].*$/, ""));
  const file = clean.startsWith("/")
    ? path.join(contentRoot(), clean)
    : path.resolve(from ? path.dirname(path.resolve(from)) : contentRoot(), clean);
  const inside = path.relative(imagesDir(), file);
  if (inside.startsWith("..") || path.isAbsolute(inside)) {
    throw new ContentError(where, [`l’image « ${ref} » n’est pas dans le dossier images/ du zine (${path.relative(process.cwd(), imagesDir())}) → placez le fichier dans images/ et écrivez /images/nom-du-fichier ou ../images/nom-du-fichier`]);
  }
  return file;
}

/** The picture `ref` written in `from`, read and ready, or a ContentError naming `from`. */
export function picture(ref: string, from: string | undefined): Picture {
  const file = resolvePicture(ref, from);
  const where = from ?? path.relative(process.cwd(), contentRoot());
  const found = catalogue.get(file);
  const shown = path.relative(process.cwd(), file);
  if (!found) {
    const exists = fs.existsSync(file);
    throw new ContentError(where, [
      exists
        ? `l’image « ${ref} » (${shown}) n’est pas dans un format d’image lu par le kit → enregistrez-la en SVG, PNG, JPEG ou WebP`
        : `l’image « ${ref} » est introuvable (cherchée en ${shown}) → vérifiez le nom du fichier (majuscules, extension) et qu’il est bien dans le dossier images/ du zine`,
    ]);
  }
  if (found instanceof Error) {
    throw new ContentError(where, [`l’image « ${ref} » (${shown}) ne peut pas être lue (${found.message}) → ouvrez-la dans un logiciel d’image et enregistrez-la de nouveau en SVG, PNG ou JPEG`]);
  }
  return found;
}

/** A picture as <img>: size set, lazy, smaller copies for phones; `data-impression` names the grey copy for paper. */
export function imgTag(pic: Picture, alt: string, { lazy = true, title = "" } = {}): string {
  const srcset = pic.smaller.length ? ` srcset="${[...pic.smaller.map(([url, w]) => `${url} ${w}w`), `${pic.url} ${pic.width}w`].join(", ")}" sizes="${SIZES}"` : "";
  return (
    `<img src="${pic.url}" alt="${escapeHtml(alt)}" width="${pic.width}" height="${pic.height}"${srcset}` +
    `${title ? ` title="${escapeHtml(title)}"` : ""}${lazy ? ` loading="lazy"` : ""} decoding="async" data-impression="${pic.printUrl}">`
  );
}

/** markdown-it: `![alt](images/x.png)` resolved from the chapter's real file (env.page.inputPath). */
export function markdownPictures(md: MarkdownIt): void {
  md.renderer.rules.image = (tokens: Token[], idx: number, _options, env) => {
    const token = tokens[idx];
    const inputPath = (env as { page?: { inputPath?: string } } | undefined)?.page?.inputPath;
    const from = inputPath ? sourceFile(inputPath) : undefined;
    const alt = md.renderer.renderInlineAsText(token.children ?? [], md.options, env);
    return imgTag(picture(String(token.attrGet("src") ?? ""), from), alt, { title: String(token.attrGet("title") ?? "") });
  };
}

/** Writes images/ into the site: originals, smaller WebP copies, grey copies for paper. */
export async function publishPictures(outputDir: string): Promise<number> {
  let count = 0;
  for (const pic of catalogue.values()) {
    if (pic instanceof Error) continue;
    const target = path.join(outputDir, "images", pic.name);
    const printTarget = path.join(outputDir, decodeURI(pic.printUrl));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.mkdirSync(path.dirname(printTarget), { recursive: true });
    fs.copyFileSync(pic.file, target);
    if (pic.vector) {
      fs.writeFileSync(printTarget, greySvg(fs.readFileSync(pic.file, "utf8")));
    } else {
      // From the disk cache when this picture was made before (the same bytes sharp would write).
      const key = pictureKey(pic.file);
      for (const [url, width] of pic.smaller) {
        const webp = await cached("images", ["webp", width, ...key], async () => (await loadSharp())(pic.file).resize({ width }).webp({ quality: 78, effort: 4 }).toBuffer());
        fs.writeFileSync(path.join(outputDir, decodeURI(url)), webp);
      }
      // Paper: one grey channel at full resolution, never resized (the preflight checks its dpi).
      const grey = await cached("images", ["gris", ...key], async () => (await loadSharp())(pic.file).flatten({ background: "#ffffff" }).grayscale().toColourspace("b-w").png().toBuffer());
      fs.writeFileSync(printTarget, grey);
    }
    count++;
  }
  return count;
}

/** For the print document: each picture's grey copy, at full size (no srcset, nothing lazy on paper). */
export function imagesPapier(html: string): string {
  return String(html ?? "").replace(/<img\b[^>]*>/g, (tag) => {
    const print = /\sdata-impression="([^"]+)"/.exec(tag)?.[1];
    if (!print) return tag;
    // data-source: the address the person wrote, for the render's message if the grey copy goes missing.
    const source = /\ssrc="([^"]*)"/.exec(tag)?.[1] ?? "";
    return tag
      .replace(/\ssrc="[^"]*"/, ` src="${print}" data-source="${source}"`)
      .replace(/\s(srcset|sizes|loading|data-impression)="[^"]*"/g, "");
  });
}

export function registerPictures(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("imagesPapier", imagesPapier);
  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    await scanPictures();
    await publishPictures(directories.output);
  });
  // The dev server rebuilds when a picture changes.
  eleventyConfig.addWatchTarget(imagesDir());
}
