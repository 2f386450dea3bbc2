/**
 * The chapters, checked against the schema and put in reading order. Every
 * page, the print document and the feed use this collection.
 */
import fs from "node:fs";
import { chapterSchema } from "../../_data/schema.ts";
import { checkContent, ContentError } from "./content-error.ts";
import { sourceFile } from "./zine-folder.ts";
import { resolvePlate } from "./plates.ts";

interface CollectionItem {
  inputPath: string;
  url: string;
  data: Record<string, unknown>;
}

interface CollectionApi {
  getFilteredByTag(tag: string): CollectionItem[];
}

export const CHAPTER_TAG = "chapitre";

const FRONT_MATTER = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[^\n]*(?:\n|$)/;

/** The chapter's file must be UTF-8 text with something after its front matter. */
function checkSourceText(file: string): void {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    throw new ContentError(file, ["le fichier n’est pas enregistré en UTF-8 (les accents s’afficheraient mal) → rouvrez-le dans votre éditeur et enregistrez-le en UTF-8"]);
  }
  if (!text.replace(FRONT_MATTER, "").trim()) {
    throw new ContentError(file, ["le chapitre est vide : rien après l’en-tête --- → écrivez son texte sous l’en-tête, ou retirez le fichier tant qu’il n’est pas prêt"]);
  }
}

export function chapters(api: CollectionApi): CollectionItem[] {
  const items = api.getFilteredByTag(CHAPTER_TAG);
  const seen = new Map<number, string>();
  for (const item of items) {
    const file = sourceFile(item.inputPath);
    const chapter = checkContent(chapterSchema, item.data, file);
    checkSourceText(file);
    const other = seen.get(chapter.order);
    if (other) {
      throw new ContentError(file, [
        `champ « order » : ${chapter.order} est déjà pris par ${other} → donnez à chaque chapitre un numéro différent`,
      ]);
    }
    seen.set(chapter.order, file);
    // A known key, or an SVG of the zine's own that can be read (messages name this file).
    resolvePlate({ plate: chapter.plate, from: item.inputPath });
  }
  return [...items].sort((a, b) => (a.data.order as number) - (b.data.order as number));
}
