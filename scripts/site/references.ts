/**
 * Links and pictures written relative to the Markdown file, the way editors
 * and Git forges show them as working links: `[les arrivages](02-les-arrivages.md)`
 * or `![Plan](../images/local.svg)`. Each is resolved here, as the page is
 * rendered, to the address it has on the site: a Markdown file becomes its
 * page's URL (and, in print, a page reference), any other file its published
 * path (`images/…` of the content folder is published at `/images/…`). A target
 * that isn't there stops the build with the file that cites it. Absolute
 * addresses (`/chapitres/…/`) and anchors are checked on the built pages
 * (check-links.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type { MarkdownIt, Token } from "markdown-it";
import { ContentError } from "./content-error.ts";
import { sourceFile } from "./zine-folder.ts";

interface PageRef {
  inputPath: string;
  url: string | false;
}

interface RenderEnv {
  page?: { inputPath?: string };
  collections?: { all?: PageRef[] };
}

/** Relative to the file: not a scheme (https:, mailto:), not /absolute, not #anchor, not //host, not ?query. */
export function isRelativeReference(target: string): boolean {
  return target !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[/#?]/.test(target);
}

/** "./src/chapitres/01-x.md" → "chapitres/01-x.md" (the path inside the content folder). */
function insideContent(inputPath: string): string {
  return path.posix.normalize(inputPath.replace(/\\/g, "/")).replace(/^(\.\/)?src\//, "");
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function resolveReference(target: string, inputPath: string, pages: PageRef[], kind: "lien" | "image"): string {
  const file = sourceFile(inputPath);
  const [, pathPart, suffix = ""] = /^([^?#]*)(.*)$/.exec(target)!;
  const fromContent = path.posix.normalize(path.posix.join(path.posix.dirname(insideContent(inputPath)), decode(pathPart)));
  const onDisk = path.resolve(path.dirname(file), decode(pathPart));
  const what = kind === "image" ? `l’image « ${target} »` : `le lien « ${target} »`;
  if (fromContent.startsWith("..")) {
    throw new ContentError(file, [`${what} sort du dossier du zine → placez le fichier dans le dossier du zine (les images dans images/) et écrivez le chemin depuis le fichier du chapitre`]);
  }
  if (!fs.existsSync(onDisk)) {
    throw new ContentError(file, [
      `${what} ${kind === "image" ? "est introuvable" : "ne mène à aucun fichier"} (cherché : ${path.relative(process.cwd(), onDisk)}) → un chemin relatif part du dossier du fichier ${path.basename(file)} ; corrigez le nom, ou écrivez l’adresse du site depuis la racine (/chapitres/…/)`,
    ]);
  }
  if (fromContent.endsWith(".md")) {
    const page = pages.find((p) => insideContent(p.inputPath) === fromContent);
    if (!page || typeof page.url !== "string") {
      throw new ContentError(file, [`${what} vise ${fromContent}, qui n’est pas une page publiée du zine → liez un chapitre (chapitres/NN-nom.md) ou a-propos.md`]);
    }
    return page.url + suffix;
  }
  return "/" + fromContent.split("/").map(encodeURIComponent).join("/") + suffix;
}

/** markdown-it plugin: rewrites relative hrefs and srcs of the page being rendered (env is Eleventy's data). */
export function contentReferences(md: MarkdownIt): void {
  md.core.ruler.push("content_references", (state) => {
    const env = state.env as RenderEnv | undefined;
    const inputPath = env?.page?.inputPath;
    if (!inputPath) return;
    const pages = env.collections?.all ?? [];
    const visit = (tokens: Token[]) => {
      for (const token of tokens) {
        if (token.children) visit(token.children);
        const attribute = token.type === "link_open" ? "href" : token.type === "image" ? "src" : undefined;
        const target = attribute ? String(token.attrGet(attribute) ?? "") : "";
        if (attribute && target && isRelativeReference(target)) {
          token.attrSet(attribute, resolveReference(target, inputPath, pages, attribute === "src" ? "image" : "lien"));
        }
      }
    };
    visit(state.tokens);
  });
}
