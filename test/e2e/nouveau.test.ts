/**
 * The starter: `npm run nouveau -- <dossier>` writes a zine folder that the
 * real build command turns into a site, feeds and PDFs as it is.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { fileForUrl, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { checkKitFixture } from "./support/kit-fixture.ts";
import { editions } from "../../print/editions.ts";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-nouveau-"));
const folder = path.join(workDir, "mon-zine");
const site = path.join(workDir, "_site");
const npmCli = (args: string[]) => spawnSync("npm", ["run", "--silent", "nouveau", "--", ...args], { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, ZINE_DIR: "" } });
const made = npmCli([folder]);
const build = await runBuild({ output: site, env: { ZINE_DIR: folder } });
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

it("writes two chapters, site.yaml, ressources.yaml, a-propos.md, a picture and an own plate", () => {
  expect(made.status, made.stderr).toBe(0);
  const files = fs.readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
  expect(files).toEqual(expect.arrayContaining(["site.yaml", "ressources.yaml", "a-propos.md", "chapitres/01-commencer.md", "chapitres/02-continuer.md", "images/cour.svg", "images/photo.png"]));
  expect(made.stdout).toContain(`ZINE_DIR=${folder} npm run build`);
});

it("refuses to write over a folder that isn't empty, and says what to do", () => {
  const again = npmCli([folder]);
  expect(again.status).not.toBe(0);
  expect(again.stderr).toMatch(/existe déjà.*→/);
});

it("builds as it is with the real build command, PDFs included", () => {
  expect(build.exitCode, build.stderr).toBe(0);
  const pdfs = fs.readdirSync(path.join(site, "imprimer")).filter((f) => f.endsWith(".pdf"));
  // Every edition of the table, the riso edition's files included.
  expect(pdfs).toHaveLength(editions.length);
  const text = execFileSync("pdftotext", ["-q", path.join(site, "imprimer", pdfs.find((f) => f.endsWith("zine-a5.pdf"))!), "-"], { encoding: "utf8" });
  expect(text).toContain("Commencer");
  expect(parse(fs.readFileSync(fileForUrl(site, "/"), "utf8")).querySelector("h1")?.textContent.trim()).toBe("Mon zine");
});

checkKitFixture(folder, site, build.exitCode === 0);
