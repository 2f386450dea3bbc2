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
import { isDevServer } from "./dev-server.ts";

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
  const pages = folderPages(dir);
  eleventyConfig.ignores.add("src/chapitres/*.md");
  if (pages.has("a-propos.md")) eleventyConfig.ignores.add("src/a-propos.md");
  for (const [virtualPath, file] of pages) {
    realFiles.set(path.join("src", virtualPath), relativeToProject(file));
    eleventyConfig.addTemplate(virtualPath, fs.readFileSync(file, "utf8"), {});
  }
  followInDevServer(eleventyConfig, dir, pages);
}

/** The folder's pages: virtual input path (relative to src/) → the real file. */
function folderPages(dir: string): Map<string, string> {
  const pages = new Map<string, string>(
    fs
      .readdirSync(path.join(dir, "chapitres"))
      .filter((name) => name.endsWith(".md"))
      .sort()
      .map((name) => [`chapitres/${name}`, path.join(dir, "chapitres", name)]),
  );
  if (fs.existsSync(path.join(dir, "a-propos.md"))) pages.set("a-propos.md", path.join(dir, "a-propos.md"));
  return pages;
}

/**
 * The name Eleventy's watcher gives a file of the zine folder. It watches the
 * folder by its path from the project; when that path climbs out ("../"),
 * chokidar runs from the highest folder it reaches (Eleventy's GlobRemap) and
 * names a changed file from there: /home/moi/mon-zine/chapitres/01-a.md, seen
 * from the project /home/moi/projet, is "mon-zine/chapitres/01-a.md".
 */
function watcherName(file: string, dir: string): string {
  const parts = path.relative(process.cwd(), dir).split(path.sep);
  const climbs = parts.findIndex((part) => part !== "..");
  const root = path.resolve(process.cwd(), ...parts.slice(0, climbs === -1 ? parts.length : climbs));
  return path.relative(root, file).split(path.sep).join("/");
}

/** What Eleventy's dependency graph offers (the `uses` of its "eleventy.after" event). */
interface DependencyGraph {
  addDependency(from: string, to: string): void;
}

/** Virtual templates by input path, as Eleventy keeps them (its config, and the merged copy it renders from). */
type VirtualTemplates = Record<string, { inputPath: string; content: string; data: object }>;

/** A file name as a glob matches it literally (picomatch's escapes). */
function literalGlob(name: string): string {
  return name.replace(/[\\*?[\]{}()|!+@]/g, "\\$&");
}

/**
 * npm start with ZINE_DIR: an edit in the zine folder rebuilds and reloads.
 *
 * A saved chapter (or about page) rebuilds only what depends on it, as a
 * chapter of src/ does: before the rebuild its new text replaces its virtual
 * template's, and Eleventy's dependency graph says that the virtual template
 * uses the real file, so Eleventy's incremental build takes the real file's
 * change as its template's (the page, and every page that lists chapters).
 * The data files and pictures are read again by every rebuild (Eleventy has
 * no dependency for them: it rebuilds every page). A chapter file the config
 * doesn't know yet (added, or renamed) and an about page that appears run the
 * config again (resetConfig), since it is the config that makes virtual
 * templates. (Eleventy 3.1.8 then rebuilds every page at each save for the rest
 * of the session, as it does for src/ after an edit of eleventy.config.ts: its
 * config reset makes a new watch queue without the --incremental flag.)
 * A chapter deleted leaves the virtual templates at the next rebuild (Eleventy
 * rebuilds nothing on a deletion, for a file of src/ either).
 */
function followInDevServer(eleventyConfig: EleventyConfig, dir: string, pages: Map<string, string>): void {
  if (!isDevServer()) return;
  const hasAbout = pages.has("a-propos.md");
  const chapters = [...pages.keys()].filter((key) => key.startsWith("chapitres/")).map((key) => literalGlob(path.basename(key, ".md")));
  const resetters = [chapters.length ? `chapitres/!(${chapters.join("|")}).md` : "chapitres/*.md", ...(hasAbout ? [] : ["a-propos.md"])];
  // Watched from the project; the changes Eleventy reports, named as its watcher names them.
  const watched = path.relative(process.cwd(), dir);
  for (const glob of ["chapitres/**", "*.{yaml,yml}", "images/**", ...(hasAbout ? ["a-propos.md"] : [])]) eleventyConfig.addWatchTarget(`${watched}/${glob}`);
  for (const spelling of new Set([watched, watcherName(dir, dir)])) {
    for (const glob of resetters) eleventyConfig.addWatchTarget(`${spelling}/${glob}`, { resetConfig: true });
  }
  // Eleventy renders from a merged copy of its config, made when the config runs: the
  // virtual templates change in both. (Its own RenderPlugin reaches that copy the same way.)
  const own = (eleventyConfig as unknown as { virtualTemplates: VirtualTemplates }).virtualTemplates;
  let merged: VirtualTemplates | undefined;
  eleventyConfig.on("eleventy.config", (templateConfig: { getConfig(): { virtualTemplates: VirtualTemplates } }) => {
    merged = templateConfig.getConfig().virtualTemplates;
  });

  eleventyConfig.on("eleventy.beforeWatch", () => {
    for (const [virtualPath, file] of pages) {
      const content = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
      for (const list of [own, merged]) {
        if (!list?.[virtualPath]) continue;
        if (content === undefined) delete list[virtualPath];
        else list[virtualPath].content = content;
      }
      if (content === undefined) {
        pages.delete(virtualPath);
        realFiles.delete(path.join("src", virtualPath));
      }
    }
  });
  eleventyConfig.on("eleventy.after", ({ uses }: { uses?: DependencyGraph }) => {
    for (const [virtualPath, file] of pages) uses?.addDependency(`src/${virtualPath}`, watcherName(file, dir));
  });
}
