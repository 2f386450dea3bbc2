/**
 * A paragraph whose last line carries two adjacent note calls, at a page
 * break: the generated 40-page zine of seed 3 (scripts/lib/generate-zine.ts),
 * page 17 to 18. While Paged.js lays the page out, the notes of that line
 * are still inline in the column it holds back, and so is the full stop after
 * them: counted as lines, they let the paragraph's lone last line pass for
 * three, and it went alone to the top of page 18. The two-line rule
 * (print/handlers.ts, KeepTwoLines) now counts the paragraph's own text.
 */
import { it, expect, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runBuild } from "./support/build.ts";
import { writeGeneratedZine } from "../../scripts/lib/generate-zine.ts";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-notes-widow-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

it("keeps two lines of a paragraph on each side of a page break when its last line carries note calls", async () => {
  const zine = path.join(workDir, "zine");
  writeGeneratedZine(zine, { pages: 40, seed: 3 });
  const site = path.join(workDir, "_site");
  const build = await runBuild({ output: site, env: { ZINE_DIR: zine } });
  expect(build.exitCode, build.stderr).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(site, "imprimer", "preflight.json"), "utf8")) as {
    files: { key: string; loneLines: unknown[]; overflows: unknown[] }[];
  };
  const a5 = report.files.find((f) => f.key === "lecture")!;
  expect(a5.overflows).toEqual([]);
  expect(a5.loneLines).toEqual([]);
});
