/**
 * The project is a kit: a second, tiny zine (test/fixtures/mini-zine) built
 * with no code change, by pointing the real build command at its folder
 * (ZINE_DIR), gives a site, a feed and the PDFs with its own title,
 * chapters, quotations and resources — and nothing of the first zine.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { buildInto, fileForUrl, htmlPages, listFiles, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { readWithFeedExtractor, readWithFeedsmith } from "./support/feed-readers.ts";
import { checkKitFixture } from "./support/kit-fixture.ts";
import { plateSvg } from "../../scripts/plates/index.ts";

const KIT = path.join(PROJECT_ROOT, "test/fixtures/mini-zine");
const kitSite = yaml.load(fs.readFileSync(path.join(KIT, "site.yaml"), "utf8")) as { title: string; url: string };
const kitResources = yaml.load(fs.readFileSync(path.join(KIT, "ressources.yaml"), "utf8")) as { title: string }[];
const kitChapters = fs.readdirSync(path.join(KIT, "chapitres")).filter((f) => f.endsWith(".md"));
const kitQuotations = kitChapters.flatMap((f) => [...fs.readFileSync(path.join(KIT, "chapitres", f), "utf8").matchAll(/^::: citation[^\n]*\n([\s\S]*?)\n:::/gm)].map((m) => m[1].trim()));
/**
 * What must not leak from the project's own zine into another one: its title, its book's
 * authors and publisher, its subtitle and introduction. (The plates are the project's
 * drawings, shared by every zine built with it, so their own words are not counted.)
 */
const FIRST_ZINE = /technopolice|claire richard|louise drulhe|369 éditions|rêve sécuritaire|lui sert de laboratoire/i;

// The whole build, PDFs included: the kit must give every output, not only the site. If the
// whole build fails, the failure is one test below, and the site and feed are still checked
// from a site-only build.
const ZINE_DIR = { ZINE_DIR: "test/fixtures/mini-zine" };
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-kit-"));
const fullBuild = await runBuild({ output: path.join(workDir, "_site"), env: ZINE_DIR });
const site = fullBuild.exitCode === 0 ? path.join(workDir, "_site") : await buildInto("kit-site", { env: ZINE_DIR, args: ["--only=site"] });
afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

it("builds with the real build command, PDFs included", () => {
  expect(fullBuild.exitCode, fullBuild.stderr).toBe(0);
});

const files = listFiles(site);
const pages = htmlPages(site);
const read = (urlPath: string) => parse(fs.readFileSync(fileForUrl(site, urlPath), "utf8"));
const text = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
/** Typography changes ' into ’ and spaces; compare letters and words only. */
const words = (s: string) => s.normalize("NFC").replace(/[\s\u00a0\u202f]+/g, " ").replace(/['’]/g, "’").trim();

it("has exactly the kit's three chapters", () => {
  expect(kitChapters).toHaveLength(3);
  expect(pages.filter((p) => p.startsWith("/chapitres/")).sort()).toEqual(["/chapitres/cultiver-notre-jardin/", "/chapitres/le-meilleur-des-mondes/", "/chapitres/le-voyage/"]);
});

it("carries the kit's title on every page and in the home page's heading", () => {
  for (const page of pages) expect(text(read(page).querySelector("title")?.textContent), page).toContain(kitSite.title);
  expect(text(read("/").querySelector("h1")?.textContent)).toBe(kitSite.title);
});

it("gathers the kit's own quotations on /citations/", () => {
  expect(kitQuotations.length).toBeGreaterThanOrEqual(3);
  const shown = read("/citations/").querySelectorAll("main blockquote").map((b) => words(b.textContent));
  expect(shown).toHaveLength(kitQuotations.length);
  kitQuotations.forEach((quote, i) => expect(shown[i]).toContain(words(quote).slice(0, 30)));
});

it("lists the kit's two resources on /ressources/", () => {
  const titles = read("/ressources/").querySelectorAll("li.ressource cite").map((c) => words(c.textContent));
  expect(titles).toEqual(kitResources.map((r) => words(r.title)));
});

describe.each([
  ["feedsmith", readWithFeedsmith],
  ["@extractus/feed-extractor", readWithFeedExtractor],
] as const)("its feed, read by %s", (_name, reader) => {
  it("has the kit's title and one entry per kit chapter, linked to the kit's address", () => {
    const feed = reader(fs.readFileSync(path.join(site, "feed.xml"), "utf8"));
    expect(feed.title).toBe(kitSite.title);
    // The three chapters, and the paper edition (the PDFs were built) pointing at /imprimer/.
    expect(feed.entries).toHaveLength(4);
    expect(feed.entries.filter((e) => e.link === `${kitSite.url}/imprimer/`)).toHaveLength(1);
    for (const entry of feed.entries) {
      expect(entry.link.startsWith(`${kitSite.url}/chapitres/`) || entry.link === `${kitSite.url}/imprimer/`, entry.link).toBe(true);
      expect(fs.existsSync(fileForUrl(site, new URL(entry.link).pathname)), entry.link).toBe(true);
    }
  });
});

it("has its own icon: its title's first letter (it names none), not the first zine's camera", () => {
  const svg = fs.readFileSync(path.join(site, "favicon.svg"), "utf8");
  expect(svg).toMatch(/viewBox="0 0 100 100"/);
  expect(svg.match(/<path /g)).toHaveLength(1);
  const camera = [...plateSvg("vignette-camera", "web").matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
  expect(camera.length).toBeGreaterThan(0);
  expect(camera.filter((d) => svg.includes(d))).toEqual([]);
});

it("says nothing of the first zine in any page, feed, stylesheet or text file", () => {
  const leaks = files
    .filter((f) => /\.(html|xml|xsl|css|txt|svg|json)$/.test(f))
    .filter((f) => FIRST_ZINE.test(fs.readFileSync(path.join(site, f), "utf8")))
    .map((f) => `${f}: « ${FIRST_ZINE.exec(fs.readFileSync(path.join(site, f), "utf8"))?.[0]} »`);
  expect(leaks).toEqual([]);
});

describe.runIf(fullBuild.exitCode === 0)("its PDFs", () => {
  const pdfs = files.filter((f) => f.endsWith(".pdf"));

  it("exist, named without the first zine's name", () => {
    expect(pdfs.length).toBeGreaterThanOrEqual(1);
    expect(pdfs.filter((f) => FIRST_ZINE.test(f))).toEqual([]);
  });

  it("carry the kit's title and nothing of the first zine", () => {
    for (const pdf of pdfs) {
      const content = execFileSync("pdftotext", ["-q", path.join(site, pdf), "-"], { encoding: "utf8" });
      // Case aside: the riso pink drum carries the title only as the cover's capitals.
      expect(words(content).toLowerCase(), pdf).toContain(kitSite.title.toLowerCase());
      expect(FIRST_ZINE.exec(content)?.[0], pdf).toBeUndefined();
    }
  });
});

checkKitFixture(KIT, site, fullBuild.exitCode === 0);

it("says which folder and what is missing when ZINE_DIR points at the wrong place", async () => {
  const run = await runBuild({ output: path.join(workDir, "wrong", "_site"), env: { ZINE_DIR: "test/fixtures/nowhere" }, args: ["--only=site"] });
  expect(run.exitCode).not.toBe(0);
  expect(run.stderr).toContain("ZINE_DIR=test/fixtures/nowhere");
  expect(run.stderr).toContain("il manque chapitres, site.yaml, ressources.yaml");
  expect(fs.existsSync(path.join(workDir, "wrong", "_site"))).toBe(false);
});
