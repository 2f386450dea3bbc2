/**
 * A kit, not a one-off: nothing of the Technopolice zine lives in the code or
 * the templates, comments included (another collective reads and changes
 * them). The content is in src/chapitres/, _data/ and the plates' own files;
 * the READMEs may cite it as the example.
 */
import { it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";

/** Words only our zine's content has (not « police », which is also a font, nor « vidéo »). */
const OURS = [/technopolice/i, /safe city/i, /Marseille/, /Drulhe/, /Claire Richard/, /\b369 éditions/, /La Plaine/, /reconnaissance faciale/i, /salle de contrôle/i, /sécuritaire/i];

const CODE = /\.(ts|mts|mjs|js|njk|css)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => CODE.test(f)).map((f) => path.join(dir, f));
}

it("keeps every word of our zine out of the code and the templates", () => {
  const sources = [
    ...files("print"),
    ...files("scripts"),
    ...files("_includes"),
    "eleventy.config.ts",
    ...fs.readdirSync("src").filter((f) => CODE.test(f)).map((f) => path.join("src", f)),
  ];
  expect(sources.length).toBeGreaterThan(50);
  const found = sources.flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (OURS.some((word) => word.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(found).toEqual([]);
});
