/**
 * The kit: build another zine with no code change. `ZINE_DIR=path/to/zine`
 * points the build at a folder that holds the zine's own content:
 *
 *   site.yaml, ressources.yaml   replace _data/site.yaml and _data/ressources.yaml
 *   chapitres/*.md               replace src/chapitres/*.md
 *   a-propos.md                  replaces src/a-propos.md
 *
 * Templates, layouts, CSS, the print edition and the schemas stay the
 * project's. The folder's files join the build as Eleventy virtual templates
 * at the place of the files they replace (so directory data, URLs and layouts
 * apply unchanged), and every message about them names the real file.
 * Without ZINE_DIR, nothing here does anything.
 */
import fs from "node:fs";
import path from "node:path";
import { parseYamlData } from "./data.ts";
import { ContentError } from "./content-error.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

const DATA_FILES = ["site.yaml", "ressources.yaml"];
/** Virtual input path (as Eleventy names it, "./src/…") → the real file, for messages. */
const realFiles = new Map<string, string>();

function relativeToProject(file: string): string {
  return path.relative(process.cwd(), path.resolve(file));
}

/** The file a person edits for a page: the ZINE_DIR file behind a virtual template, else the page's own. */
export function sourceFile(inputPath: string): string {
  const key = relativeToProject(inputPath);
  return realFiles.get(key) ?? key;
}

/** The zine folder chosen by ZINE_DIR, checked, or undefined for the project's own content. */
export function zineFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.ZINE_DIR?.trim();
  if (!dir) return undefined;
  const missing = ["chapitres", ...DATA_FILES].filter((name) => !fs.existsSync(path.join(dir, name)));
  if (missing.length) {
    throw new ContentError(`ZINE_DIR=${dir}`, [`il manque ${missing.join(", ")} → un dossier de zine contient chapitres/, site.yaml, ressources.yaml (et a-propos.md) ; vérifiez le chemin`]);
  }
  return path.resolve(dir);
}

export function useZineFolder(eleventyConfig: EleventyConfig, env: NodeJS.ProcessEnv = process.env): void {
  const dir = zineFolder(env);
  // Pictures of the content (`![…](../images/x.svg)` in a chapter) are published at /images/ (references.ts).
  eleventyConfig.addPassthroughCopy({ [path.join(dir ?? "src", "images")]: "images" });
  if (!dir) return;
  // npm start: an edit in the zine folder rebuilds and reloads. The config runs again (resetConfig),
  // since it is what reads the folder's chapters (new, renamed or changed) into virtual templates.
  // Eleventy reports a changed file outside the project as "./" + its absolute path without the
  // leading slash ("./tmp/mon-zine/…"), one inside it relative to the project: watch both spellings.
  for (const spelling of new Set([path.relative(process.cwd(), dir), `.${dir}`])) {
    eleventyConfig.addWatchTarget(`${spelling}/**`, { resetConfig: true });
  }

  // Data: _data/site.yaml and _data/ressources.yaml are read from the zine folder instead,
  // through the same parser and schemas (messages name the zine folder's file).
  eleventyConfig.addDataExtension("yaml,yml", {
    parser: (contents: string, filePath: string) => {
      const replacement = path.join(dir, path.basename(filePath));
      const replaced = path.dirname(path.resolve(filePath)) === path.resolve("_data") && DATA_FILES.includes(path.basename(filePath));
      return replaced ? parseYamlData(fs.readFileSync(replacement, "utf8"), replacement) : parseYamlData(contents, filePath);
    },
  });

  // Pages: the project's chapters and about page step aside for the zine folder's.
  const pages: [string, string][] = fs
    .readdirSync(path.join(dir, "chapitres"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => [`chapitres/${name}`, path.join(dir, "chapitres", name)]);
  if (fs.existsSync(path.join(dir, "a-propos.md"))) pages.push(["a-propos.md", path.join(dir, "a-propos.md")]);

  eleventyConfig.ignores.add("src/chapitres/*.md");
  for (const [virtualPath, file] of pages) {
    if (virtualPath === "a-propos.md") eleventyConfig.ignores.add("src/a-propos.md");
    realFiles.set(path.join("src", virtualPath), relativeToProject(file));
    eleventyConfig.addTemplate(virtualPath, fs.readFileSync(file, "utf8"), {});
  }
}
