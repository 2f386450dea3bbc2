/**
 * The generated bench zines: a valid kit folder, the same bytes for the same
 * seed, and the shapes the layout must survive (headings, lists, quotations,
 * notes, adjacent note calls).
 */
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { writeGeneratedZine } from "../scripts/lib/generate-zine.ts";
import { chapterSchema, siteSchema, resourcesSchema } from "../_data/schema.ts";

function generate(pages: number, seed?: number): { dir: string; files: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-genere-"));
  writeGeneratedZine(dir, { pages, seed });
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) files[name] = fs.readFileSync(file, "utf8");
  }
  return { dir, files };
}

describe("writeGeneratedZine", () => {
  it("writes a kit folder whose data and front matter pass the schemas", () => {
    const { files } = generate(40);
    expect(siteSchema.safeParse(yaml.load(files["site.yaml"]!)).success).toBe(true);
    expect(resourcesSchema.safeParse(yaml.load(files["ressources.yaml"]!)).success).toBe(true);
    expect(files["a-propos.md"]).toMatch(/^---\n/);
    const chapters = Object.keys(files).filter((f) => f.startsWith("chapitres/"));
    expect(chapters.length).toBeGreaterThanOrEqual(6);
    for (const name of chapters) {
      const front = /^---\n([\s\S]*?)\n---\n/.exec(files[name]!)![1]!;
      const parsed = chapterSchema.safeParse(yaml.load(front));
      expect(parsed.success, name).toBe(true);
    }
    const all = chapters.map((name) => files[name]).join("\n");
    expect(all).toMatch(/^## /m);
    expect(all).toMatch(/^- /m);
    expect(all).toMatch(/^::: citation /m);
    expect(all).toMatch(/\[\^\d+\]\[\^\d+\]/);
    expect(all).toMatch(/^\[\^1\]: /m);
  });

  it("gives the same bytes for the same seed, other words for another seed, more words for more pages", () => {
    expect(generate(40, 3).files).toEqual(generate(40, 3).files);
    expect(generate(40, 3).files).not.toEqual(generate(40, 4).files);
    const size = (pages: number) => Object.values(generate(pages).files).join("").length;
    expect(size(150)).toBeGreaterThan(3 * size(40));
  });
});
