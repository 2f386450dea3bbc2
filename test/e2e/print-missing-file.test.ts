/**
 * A file the print document asks for and doesn't get (HTTP 404 during the
 * Paged.js render) stops the print stage with one sentence naming the
 * Markdown file that cites it; no PDF is written. The site check normally
 * catches a missing picture first, so here the picture is removed from the
 * built site between the site stage and the print stage.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { PROJECT_ROOT, runBuild } from "./support/build.ts";
import { copyProject } from "./support/project-copy.ts";

const project = copyProject("print-missing-file");
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

it("a picture missing at render time stops the print stage, naming the chapter's Markdown file", { timeout: 300_000 }, async () => {
  const zine = path.join(project, "mon-zine");
  fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
  fs.mkdirSync(path.join(zine, "images"), { recursive: true });
  fs.writeFileSync(path.join(zine, "images/local.svg"), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="4" height="2"/></svg>');
  const chapter = path.join(zine, "chapitres/02-le-voyage.md");
  fs.writeFileSync(chapter, fs.readFileSync(chapter, "utf8").replace("## Au Surinam", "![Plan du local](../images/local.svg)\n\n## Au Surinam"));
  const env = { ZINE_DIR: "mon-zine" };

  const site = await runBuild({ cwd: project, output: "_site", args: ["--only=site"], env });
  expect(site.exitCode, site.stderr).toBe(0);
  // Gone from the site: the web copy and the grey copy the print document loads.
  fs.rmSync(path.join(project, "_site/images/local.svg"));
  fs.rmSync(path.join(project, "_site/assets/impression/images/local.svg"));

  // The print stage alone, on that site (what build.ts runs after the site stage).
  fs.writeFileSync(
    path.join(project, "print-only.ts"),
    'import { buildPrint } from "./print/build-print.ts";\nawait buildPrint("_site", { quiet: true }).catch((e) => { process.stderr.write(e.message); process.exit(1); });\n',
  );
  const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
    const child = spawn(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), ["print-only.ts"], { cwd: project, env: { ...process.env, ...env } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
  });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toBe(
    "mon-zine/chapitres/02-le-voyage.md cite « /images/local.svg », introuvable à l’impression (HTTP 404) → ajoutez le fichier ou corrigez le chemin dans mon-zine/chapitres/02-le-voyage.md",
  );
  expect(fs.readdirSync(path.join(project, "_site/imprimer")).filter((f) => f.endsWith(".pdf"))).toEqual([]);
});
