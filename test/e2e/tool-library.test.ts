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

it("has its own icon: the square of its own drawing that site.yaml names", () => {
  const icon = (yaml.load(fs.readFileSync(path.join(FIXTURE, "site.yaml"), "utf8")) as { icon: { plate: string; crop: number[] } }).icon;
  const svg = fs.readFileSync(path.join(site, "favicon.svg"), "utf8");
  const [x, y, side] = icon.crop;
  expect(svg).toContain(`viewBox="${x} ${y} ${side} ${side}"`);
  const lines = [...fs.readFileSync(path.join(FIXTURE, icon.plate), "utf8").matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
  expect(lines.length).toBeGreaterThan(0);
  for (const d of lines) expect(svg).toContain(d);
});

it("speaks English about its paper edition: /imprimer/ (riso section included), the feed's PDF entry, the PDFs' titles", async () => {
  expectEnglishPrintPage(site);
  expectEnglishFeedEntry(site);
  await expectEnglishPdfTitles(site);
});

it("sets every word the English way: no French space before a colon or a question mark, plates' words and folding diagrams included", () => {
  const english = (yaml.load(fs.readFileSync(path.join(PROJECT_ROOT, "_data/langues/en.yaml"), "utf8")) as { imprimer: Record<string, string | string[]> }).imprimer;
  const printPage = parse(fs.readFileSync(fileForUrl(site, "/imprimer/"), "utf8"));
  for (const key of ["livret", "mini"]) {
    const figure = printPage.querySelector(`figure.planche[data-planche="${key === "livret" ? "pliage-livret" : "pliage-mini-zine"}"]`);
    expect(figure?.querySelector(".planche-titre")?.textContent, key).toBe(english[`pliage_${key}_titre`]);
    expect(figure?.querySelectorAll(".planche-legende li").map((li) => li.textContent), key).toEqual(english[`pliage_${key}_legende`]);
    expect(figure?.toString(), key).toContain(String(english[`pliage_${key}_alt`]).replace(/’/g, "’"));
  }
  const frenchSpace = /[\u00A0\u202F][:;!?]/;
  const pages = fs.readdirSync(site, { recursive: true, encoding: "utf8" }).filter((f) => /\.(html|xml)$/.test(f));
  expect(pages.length).toBeGreaterThan(10);
  const faults = pages.flatMap((f) => {
    const match = frenchSpace.exec(fs.readFileSync(path.join(site, f), "utf8").replace(/&nbsp;|&#160;|&#xa0;/gi, "\u00A0"));
    return match ? [`${f}: …${match.input.slice(Math.max(0, match.index - 30), match.index + 5)}`] : [];
  });
  expect(faults).toEqual([]);
});

checkKitFixture(FIXTURE, site, build.exitCode === 0);
