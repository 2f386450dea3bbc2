/**
 * The chapters, checked against the schema and put in reading order. Every
 * page, the print document and the feed use this collection.
 */
import path from "node:path";
import { chapterSchema } from "../../_data/schema.ts";
import { checkContent, ContentError } from "./content-error.ts";
import { isPlateKey, plateKeys } from "../plates/render.ts";

interface CollectionItem {
  inputPath: string;
  url: string;
  data: Record<string, unknown>;
}

interface CollectionApi {
  getFilteredByTag(tag: string): CollectionItem[];
}

export const CHAPTER_TAG = "chapitre";

function relative(inputPath: string): string {
  return path.relative(process.cwd(), path.resolve(inputPath));
}

export function chapters(api: CollectionApi): CollectionItem[] {
  const items = api.getFilteredByTag(CHAPTER_TAG);
  const seen = new Map<number, string>();
  for (const item of items) {
    const file = relative(item.inputPath);
    const chapter = checkContent(chapterSchema, item.data, file);
    const other = seen.get(chapter.order);
    if (other) {
      throw new ContentError(file, [
        `champ « order » : ${chapter.order} est déjà pris par ${other} → donnez à chaque chapitre un numéro différent`,
      ]);
    }
    seen.set(chapter.order, file);
    if (!isPlateKey(chapter.plate)) {
      throw new ContentError(file, [
        `champ « plate » : « ${chapter.plate} » n’est pas une planche connue → choisissez parmi : ${plateKeys.join(", ")}`,
      ]);
    }
  }
  return [...items].sort((a, b) => (a.data.order as number) - (b.data.order as number));
}
