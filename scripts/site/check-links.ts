/**
 * After each build: every internal link and asset reference in the HTML must
 * point at something that was built, and an #anchor at an id on that page.
 */
import fs from "node:fs";
import path from "node:path";
import { ContentError } from "./content-error.ts";
import { fileForUrl } from "../lib/site-files.ts";
import { sourceFile } from "./zine-folder.ts";

export interface BuiltPage {
  inputPath: string;
  outputPath: string | false;
  url: string | false;
  content: string;
}

/** href/src that stay on the site: "/path", "/path#anchor", or "#anchor" on the same page. */
const REFERENCE = /\s(href|src)="((?:\/(?!\/))?[^"#?:]*)(?:\?[^"#]*)?(?:#([^"]*))?"/g;
const ID = /\sid="([^"]+)"/g;

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** What the check needs of a page: its address, its ids, and the references it makes. */
interface PageLinks {
  url: string;
  inputPath: string;
  ids: Set<string>;
  references: { attribute: string; written: string; fragment: string | undefined }[];
}

function pageLinks(page: BuiltPage & { url: string }): PageLinks {
  return {
    url: page.url,
    inputPath: page.inputPath,
    ids: new Set([...page.content.matchAll(ID)].map((m) => m[1])),
    references: [...page.content.matchAll(REFERENCE)].map(([, attribute, written, fragment]) => ({ attribute, written, fragment })),
  };
}

/**
 * Per output folder, every page built so far by this process, read once:
 * `npm start` rebuilds only the pages a save touches, and the check still
 * covers the whole site — a link from an untouched page to an #anchor the save
 * removed, or from the saved chapter to another chapter's heading.
 */
const sites = new Map<string, Map<string, PageLinks>>();

/**
 * `pages`: what this build wrote (Eleventy's results). `incremental`: they are
 * only the pages a save touched (npm start); the others are as the previous
 * builds of this process left them.
 */
export function checkInternalLinks(outputDir: string, pages: BuiltPage[], incremental = false): void {
  const site = (incremental && sites.get(outputDir)) || new Map<string, PageLinks>();
  if (incremental) sites.set(outputDir, site);
  for (const page of pages) {
    if (typeof page.url === "string" && page.outputPath && String(page.outputPath).endsWith(".html")) {
      site.set(String(page.outputPath), pageLinks(page as BuiltPage & { url: string }));
    }
  }
  const html = [...site.values()];
  const idsByUrl = new Map(html.map((p) => [p.url, p.ids]));

  // Pages share their stylesheet, fonts and pictures: each file is looked for once.
  const exists = new Map<string, boolean>();
  const built = (target: string): boolean => {
    let found = exists.get(target);
    if (found === undefined) exists.set(target, (found = fs.existsSync(fileForUrl(outputDir, target))));
    return found;
  };

  const problems = new Map<string, string[]>();
  for (const page of html) {
    for (const { attribute, written, fragment } of page.references) {
      // Relative addresses were resolved as the Markdown rendered (references.ts); only "#…" remains.
      if (written && !written.startsWith("/")) continue;
      const target = written || page.url;
      let problem: string | undefined;
      const ids = idsByUrl.get(target);
      if (!ids && !built(target)) {
        problem =
          attribute === "src"
            ? `l’image ou le fichier « ${target} » n’existe pas dans le site construit → vérifiez son chemin, ou ajoutez le fichier au projet (les fichiers copiés tels quels sont listés dans scripts/site/assets.ts)`
            : `le lien « ${target} » ne mène à aucune page construite → corrigez l’adresse (les chapitres sont sous /chapitres/<nom-du-fichier-sans-numéro>/)`;
      } else if (fragment && ids && !ids.has(decodeFragment(fragment))) {
        problem = `le lien « ${written}#${fragment} » vise une ancre qui n’existe pas sur ${written ? "cette page" : "la page"} → vérifiez l’intertitre visé (son ancre est son texte en minuscules, mots reliés par des tirets)`;
      }
      if (problem) {
        const file = sourceFile(page.inputPath);
        problems.set(file, [...(problems.get(file) ?? []), problem]);
      }
    }
  }
  // A chapter's text also appears in generated pages (print documents, /citations/): name the
  // Markdown file the person wrote first, not a page built from it.
  const [first] = [...problems].sort(([a], [b]) => Number(!a.endsWith(".md")) - Number(!b.endsWith(".md")));
  if (first) throw new ContentError(first[0], [...new Set(first[1])]);
}
