/**
 * `npm start` serves the PDFs of the last full build: /imprimer/ says when
 * they are older than the content on screen, and how to make them again.
 * Only in serve mode (file times are not reproducible, and a published build
 * always makes its PDFs from the same content).
 */
import fs from "node:fs";
import path from "node:path";
import { PREFLIGHT_FILE, type PrintFileFacts } from "../../print/editions.ts";
import { zineFolder } from "./zine-folder.ts";

/** The files a person edits: chapters, about page, data, images (the zine folder's when ZINE_DIR is set). */
function contentFiles(): string[] {
  const dir = zineFolder();
  const roots = dir ? [dir] : ["src/chapitres", "src/a-propos.md", "src/images", "_data"];
  return roots.flatMap((root) => {
    if (!fs.existsSync(root)) return [];
    if (fs.statSync(root).isFile()) return [root];
    return (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => /\.(md|ya?ml|svg|png|jpe?g|webp)$/.test(f));
  });
}

export interface PrintStaleness {
  /** The newest content file, as the person knows it. */
  file: string;
}

/** In serve mode: the newest content file edited after the PDFs were made, or false. */
export function printStaleness(outputDir: string, env: NodeJS.ProcessEnv = process.env): PrintStaleness | false {
  if (env.ELEVENTY_RUN_MODE !== "serve") return false;
  const report = path.join(outputDir, PREFLIGHT_FILE);
  if (!fs.existsSync(report)) return false;
  const made = fs.statSync(report).mtimeMs;
  const newest = contentFiles()
    .map((file) => ({ file, time: fs.statSync(file).mtimeMs }))
    .sort((a, b) => b.time - a.time)[0];
  return newest && newest.time > made ? { file: path.relative(process.cwd(), newest.file) } : false;
}

/**
 * In serve mode: the PDFs of the last full build, from its report (a full build hands
 * them to the site render instead; scripts/site/build-site.ts). [] elsewhere.
 */
export function lastBuildPrintFiles(outputDir: string, env: NodeJS.ProcessEnv = process.env): PrintFileFacts[] {
  if (env.ELEVENTY_RUN_MODE !== "serve") return [];
  const report = path.join(outputDir, PREFLIGHT_FILE);
  if (!fs.existsSync(report)) return [];
  try {
    const facts = (JSON.parse(fs.readFileSync(report, "utf8")) as { facts?: PrintFileFacts[] }).facts;
    return Array.isArray(facts) ? facts.filter((f) => fs.existsSync(path.join(outputDir, "imprimer", f.file))) : [];
  } catch {
    return [];
  }
}
