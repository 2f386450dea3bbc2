/**
 * One site render in `npm run build`: once the PDFs exist, the same Eleventy
 * renders again only the pages that read the print stage's facts (/imprimer/,
 * the feed), and the site comes out byte for byte as if it had been rendered
 * with those facts from the start.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildSite, PRINT_FACT_TEMPLATES } from "../scripts/site/build-site.ts";
import { listFiles } from "../scripts/lib/site-files.ts";
import type { PrintFileFacts } from "../print/editions.ts";
import type { RisoReport } from "../print/riso-page.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-faits-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// What a print stage hands over: a reading A5 and a riso proof (their bytes do not matter here).
const a5 = { widthMm: 148, heightMm: 210 };
const printFiles: PrintFileFacts[] = [{ key: "lecture", url: "/imprimer/essai-zine-a5.pdf", file: "essai-zine-a5.pdf", label: "A5", pages: 28, bytes: 123_456, sheet: a5, trim: a5 }];
const riso: RisoReport = { proof: [1, 2, 3, 4].map((n) => `/imprimer/essai-epreuve-p0${n}.png`), pinkPages: [1, 2], platePages: [2] };
/** The files the print stage writes before the site learns about them. */
function writePrintFiles(site: string): void {
  fs.mkdirSync(path.join(site, "imprimer"), { recursive: true });
  for (const url of [...printFiles.map((f) => f.url), ...riso.proof]) fs.writeFileSync(path.join(site, url), "essai\n");
}

const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const fingerprint = (dir: string) => new Map(listFiles(dir).map((f) => [f, digest(path.join(dir, f))]));

// The build's way: the site, then the PDFs, then the facts to the same render.
const once = path.join(work, "une-fois");
const site = await buildSite(once);
const before = fingerprint(once);
writePrintFiles(once);
const rerendered = await site.withPrintFacts({ printFiles, riso });
// The reference: a site rendered with the facts from the start.
const reference = path.join(work, "reference");
writePrintFiles(reference);
await buildSite(reference, { printFiles, riso });

it("comes out byte for byte as a site rendered with the facts from the start", () => {
  expect(fingerprint(once)).toEqual(fingerprint(reference));
});

it("offers the PDF on /imprimer/ and in the feed, and the riso proof", () => {
  const page = fs.readFileSync(path.join(once, "imprimer/index.html"), "utf8");
  expect(page).toContain('href="/imprimer/essai-zine-a5.pdf"');
  expect(page).toContain("/imprimer/essai-epreuve-p02.png");
  expect(fs.readFileSync(path.join(once, "feed.xml"), "utf8")).toMatch(/essai-zine-a5\.pdf[^>]*application\/pdf|application\/pdf[^>]*essai-zine-a5\.pdf/);
});

it("renders again only a few pages: the ones that read the facts, not the site", () => {
  const after = fingerprint(once);
  const changed = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f)).sort();
  // The web faces are cut to what each shows: the file list's sizes and page counts may bring them a character.
  const pages = changed.filter((f) => !f.startsWith("assets/fonts/web/"));
  expect(pages).toEqual(["feed.xml", "imprimer/index.html"]);
  expect(PRINT_FACT_TEMPLATES.length).toBeLessThanOrEqual(rerendered.files);
  expect(rerendered.files).toBeLessThan(site.files / 2);
});
