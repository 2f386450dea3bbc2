/**
 * The content-keyed disk cache (scripts/lib/disk-cache.ts), through the real
 * build command on a copy of the kit fixture: nothing changed redraws
 * nothing; a changed chapter title redraws that chapter's sharing card and
 * no other; and a build served from the cache writes the same bytes as a
 * build with the cache off. Then `npm run build:site` over a full build keeps
 * its PDFs and its static preview; a site build with no full build before it
 * has the live preview (Paged.js in the browser).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { fileForUrl, listFiles, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { PREVIEW_CSS_URL } from "../../print/static-preview.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-cache-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const zine = path.join(work, "zine");
fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
const cache = path.join(work, "cache");

async function siteBuild(output: string, cacheSetting = cache): Promise<string> {
  const site = path.join(work, output, "_site");
  const run = await runBuild({ output: site, args: ["--only=site"], env: { ZINE_DIR: zine, ZINE_CACHE: cacheSetting } });
  if (run.exitCode !== 0) throw new Error(`build failed (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout}`);
  return site;
}

const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
/** Every file of a folder and its bytes' digest. */
const fingerprint = (dir: string) => new Map(listFiles(dir).filter((f) => !f.endsWith(".tmp")).map((f) => [f, digest(path.join(dir, f))]));

const first = await siteBuild("premier");
const cachedAfterFirst = fingerprint(cache);
const second = await siteBuild("second");
const cachedAfterSecond = fingerprint(cache);

it("fills the cache on a first build: cards, plates, hyphenated print text", () => {
  const kinds = new Set([...cachedAfterFirst.keys()].map((f) => f.split("/")[0]));
  expect([...kinds].sort()).toEqual(expect.arrayContaining(["cartes", "cesure", "planches", "planches-svg"]));
  // One card per page that asks for one.
  const cards = listFiles(path.join(first, "assets/cartes"));
  expect([...cachedAfterFirst.keys()].filter((f) => f.startsWith("cartes/")).length).toBe(cards.length);
});

it("redraws nothing when nothing changed", () => {
  expect(cachedAfterSecond).toEqual(cachedAfterFirst);
});

it("writes the same bytes with the cache off as from a full cache", async () => {
  const uncached = await siteBuild("sans-cache", "off");
  expect(fingerprint(uncached)).toEqual(fingerprint(second));
  expect(fingerprint(second)).toEqual(fingerprint(first));
});

it("redraws the card of a chapter whose title changed, and only that card", async () => {
  const file = path.join(zine, "chapitres/02-le-voyage.md");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('title: "Le voyage"', 'title: "Le grand voyage de Candide"'));
  const third = await siteBuild("titre-change");
  const added = [...fingerprint(cache).keys()].filter((f) => !cachedAfterSecond.has(f));
  expect(added.filter((f) => f.startsWith("cartes/"))).toHaveLength(1);
  expect(added.filter((f) => f.startsWith("planches"))).toEqual([]);
  const before = fingerprint(path.join(second, "assets/cartes"));
  const after = fingerprint(path.join(third, "assets/cartes"));
  const changed = [...after.keys()].filter((card) => after.get(card) !== before.get(card));
  expect(changed).toEqual(["chapitres-le-voyage.png"]);
  const page = parse(fs.readFileSync(fileForUrl(third, "/chapitres/le-voyage/"), "utf8"));
  expect(page.querySelector("h1")?.text).toContain("Le grand voyage de Candide");
});

it("keeps the last full build's PDFs and static preview when only the site is rebuilt, and /imprimer/ still offers them", async () => {
  // The PDFs and the report a full build leaves in imprimer/ (their content does not matter here).
  const site = path.join(work, "complet", "_site");
  fs.cpSync(second, site, { recursive: true });
  const pdf = "candide-zine-a5.pdf";
  fs.writeFileSync(path.join(site, "imprimer", pdf), "%PDF-1.7\n%%EOF\n");
  const a5 = { widthMm: 148, heightMm: 210 };
  const report = { files: [], problems: [], facts: [{ key: "lecture", url: `/imprimer/${pdf}`, file: pdf, label: "A5", pages: 12, bytes: 15, sheet: a5, trim: a5 }] };
  fs.writeFileSync(path.join(site, "imprimer/preflight.json"), JSON.stringify(report));
  // And the static preview it wrote (print/static-preview.ts): a page that links its own stylesheet, a drawing beside it.
  const preview = path.join(site, "imprimer/apercu/index.html");
  const still = `<!doctype html><html lang="fr"><head><link rel="stylesheet" href="${PREVIEW_CSS_URL}"></head><body><img src="planche-1.svg" alt=""></body></html>\n`;
  fs.writeFileSync(preview, still);
  fs.writeFileSync(path.join(site, "imprimer/apercu/planche-1.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
  fs.writeFileSync(path.join(site, PREVIEW_CSS_URL), "body{}\n");
  const run = await runBuild({ output: site, args: ["--only=site"], env: { ZINE_DIR: zine, ZINE_CACHE: cache } });
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/1 PDF de la dernière construction complète gardés/);
  expect(run.stderr).toMatch(/l’aperçu de la dernière construction complète gardé/);
  expect(fs.readFileSync(preview, "utf8")).toBe(still);
  expect(fs.readFileSync(path.join(site, "imprimer/apercu/planche-1.svg"), "utf8")).toContain("<svg");
  expect(fs.readFileSync(path.join(site, PREVIEW_CSS_URL), "utf8")).toBe("body{}\n");
  expect(fs.existsSync(path.join(site, "imprimer", pdf))).toBe(true);
  const links = parse(fs.readFileSync(fileForUrl(site, "/imprimer/"), "utf8")).querySelectorAll("a").map((a) => a.getAttribute("href"));
  expect(links).toContain(`/imprimer/${pdf}`);
});

it("a site build with no full build before it has the live preview: Paged.js lays the zine out in the browser", () => {
  const html = fs.readFileSync(fileForUrl(first, "/imprimer/apercu/"), "utf8");
  expect(html).toMatch(/<script src="\/imprimer\/assets\/paged\.polyfill\.js"><\/script>/);
  expect(html).not.toContain(PREVIEW_CSS_URL);
});
