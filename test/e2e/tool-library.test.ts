/**
 * An English kit fixture (test/fixtures/tool-library): built with the
 * real build command and ZINE_DIR, with its own pictures, its own plates
 * (the cover too, from site.yaml) and nothing of the Technopolice zine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { parse } from "node-html-parser";
import { afterAll, expect, it } from "vitest";
import { fileForUrl, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { checkKitFixture, letters } from "./support/kit-fixture.ts";
import { expectEnglishFeedEntry, expectEnglishPdfTitles, expectEnglishPrintPage } from "./support/english-print.ts";

const FIXTURE = path.join(PROJECT_ROOT, "test/fixtures/tool-library");
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-tool-library-"));
const site = path.join(workDir, "_site");
const build = await runBuild({ output: site, env: { ZINE_DIR: "test/fixtures/tool-library" } });
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

it("builds with the real build command, PDFs included", () => {
  expect(build.exitCode, build.stderr).toBe(0);
});

it("shows the cover named in site.yaml: its drawing, caption and alt text", () => {
  const cover = (yaml.load(fs.readFileSync(path.join(FIXTURE, "site.yaml"), "utf8")) as { cover: { plate: string; caption: string; alt: string } }).cover;
  const figure = parse(fs.readFileSync(fileForUrl(site, "/"), "utf8")).querySelector(".couverture figure.planche");
  expect(figure?.querySelector("img")?.getAttribute("src")).toBe(cover.plate);
  expect(letters(figure?.querySelector("img")?.getAttribute("alt"))).toBe(letters(cover.alt));
  expect(letters(figure?.querySelector("figcaption")?.textContent)).toBe(letters(cover.caption));
  const card = parse(fs.readFileSync(fileForUrl(site, "/"), "utf8")).querySelector('meta[property="og:image:alt"]')?.getAttribute("content");
  expect(letters(card)).toBe(letters(cover.alt));
});

it("speaks English about its paper edition: /imprimer/ (riso section included), the feed's PDF entry, the PDFs' titles", async () => {
  expectEnglishPrintPage(site);
  expectEnglishFeedEntry(site);
  await expectEnglishPdfTitles(site);
});

checkKitFixture(FIXTURE, site, build.exitCode === 0);
