/**
 * Errors about the content, phrased for the person who edits it: the file,
 * the field, and what to do. The build prints them as they are.
 */
import type { z } from "zod";
import { hints } from "../../_data/schema.ts";

export class ContentError extends Error {
  /** Read by Eleventy's error handler: the message is for people, no stack trace under it. */
  readonly skipOriginalStack = true;

  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Erreur de contenu dans ${file} :\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/** The value at `path` in `value`, undefined when any step is missing. */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (current && typeof current === "object" ? (current as Record<PropertyKey, unknown>)[key] : undefined), value);
}

function describe(issue: z.core.$ZodIssue, value: unknown, labelEntry?: (index: number) => string): string {
  const path = [...issue.path];
  const parts: string[] = [];
  if (typeof path[0] === "number") {
    const index = path.shift() as number;
    parts.push(labelEntry ? labelEntry(index) : `entrée ${index + 1}`);
  }
  // A field the schema doesn't know (book, now source): name it, so its hint can say what it became.
  const unknown = issue.code === "unrecognized_keys" ? issue.keys.map(String) : [];
  if (unknown.length) path.push(unknown.join(", "));
  const field = path.map(String).join(".") || "(le fichier entier)";
  const key = String(unknown[0] ?? path[0] ?? "");
  // A field that isn't there at all, whatever message its schema gives for a wrong value.
  const missing = issue.code === "invalid_type" && issue.path.length > 0 && valueAt(value, issue.path) === undefined;
  parts.push(`champ « ${field} » : ${missing ? "manque" : unknown.length ? "n’existe pas" : issue.message}`);
  const hint = hints[key];
  return parts.join(", ") + (hint ? ` → ${hint}` : "");
}

/** Validates `value` against `schema` or throws a ContentError naming `file`. */
export function checkContent<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  labelEntry?: (index: number) => string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ContentError(
    file,
    result.error.issues.map((issue) => describe(issue, value, labelEntry)),
  );
}
