/**
 * A content mistake stops the build with the file, the field and what to do,
 * and leaves the last good site in place.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyProject, runSiteBuild } from "./helpers/project-copy.ts";

const CHAPTER = "src/chapitres/01-visions-de-la-ville.md";
let project: string;
let goodHome: string;

beforeAll(() => {
  project = copyProject();
  const first = runSiteBuild(project);
  expect(first.status, first.output).toBe(0);
  goodHome = fs.readFileSync(path.join(project, "_site/index.html"), "utf8");
});

function breakFile(file: string, edit: (text: string) => string): () => void {
  const full = path.join(project, file);
  const original = fs.readFileSync(full, "utf8");
  fs.writeFileSync(full, edit(original));
  return () => fs.writeFileSync(full, original);
}

describe("bad front matter", () => {
  it("a missing title names the file, the field and the fix", () => {
    const restore = breakFile(CHAPTER, (t) => t.replace(/^title:.*\n/m, ""));
    try {
      const run = runSiteBuild(project);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain(CHAPTER);
      expect(run.output).toContain("champ « title » : manque");
      expect(run.output).toContain('title: "Mon titre"');
      expect(fs.readFileSync(path.join(project, "_site/index.html"), "utf8")).toBe(goodHome);
    } finally {
      restore();
    }
  });

  it("a YAML syntax error names the file", () => {
    const restore = breakFile(CHAPTER, (t) => t.replace(/^title:/m, "title: [pas fermé\ntitre:"));
    try {
      const run = runSiteBuild(project);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain(CHAPTER.replace(/^src\//, ""));
      expect(fs.readFileSync(path.join(project, "_site/index.html"), "utf8")).toBe(goodHome);
    } finally {
      restore();
    }
  });

  it("a resource with a bad URL names the data file, the entry and the field", () => {
    const restore = breakFile("_data/ressources.yaml", (t) => t.replace("https://technopolice.fr/", "technopolice point fr"));
    try {
      const run = runSiteBuild(project);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain("_data/ressources.yaml");
      expect(run.output).toMatch(/entrée \d+ \(« Technopolice »\), champ « url »/);
      expect(run.output).toContain("https://");
    } finally {
      restore();
    }
  });
});
