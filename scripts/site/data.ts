/**
 * Global data from YAML files in _data/, each checked against its schema as it
 * is read, so a bad entry stops the build with the file and the field.
 */
import path from "node:path";
import yaml from "js-yaml";
import type { z } from "zod";
import { resourcesSchema, siteSchema } from "../../_data/schema.ts";
import { checkContent, ContentError } from "./content-error.ts";

const schemas: Record<string, z.ZodType> = {
  site: siteSchema,
  ressources: resourcesSchema,
};

/**
 * Files already read and checked, by path and text: Eleventy reads the global
 * data again at every rebuild of `npm start`. Each build gets its own copy.
 */
const checked = new Map<string, unknown>();

export function parseYamlData(contents: string, filePath: string): unknown {
  const key = `${filePath}\0${contents}`;
  if (!checked.has(key)) {
    if (checked.size >= 100) checked.clear();
    checked.set(key, readYamlData(contents, filePath));
  }
  return structuredClone(checked.get(key));
}

function readYamlData(contents: string, filePath: string): unknown {
  const file = path.relative(process.cwd(), filePath);
  let value: unknown;
  try {
    value = yaml.load(contents);
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.message : String(error);
    throw new ContentError(file, [`le YAML ne se lit pas : ${reason} → vérifiez l’indentation et les guillemets à cet endroit`]);
  }
  const schema = schemas[path.basename(filePath).replace(/\.ya?ml$/, "")];
  if (!schema) return value;
  return checkContent(schema, value, file, (i) => {
    const entry = Array.isArray(value) ? (value[i] as { title?: unknown } | undefined) : undefined;
    return `entrée ${i + 1}${typeof entry?.title === "string" ? ` (« ${entry.title} »)` : ""}`;
  });
}
