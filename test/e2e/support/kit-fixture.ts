/**
 * The checks every kit fixture must pass, whatever its language: its own
 * pictures published and sized, its own plate shown with its words (web)
 * and in grey (paper), and not one word of the Technopolice zine anywhere a
 * reader looks (pages, feeds, PDFs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { fileForUrl, listFiles } from "./build.ts";
import { readableTexts, technopoliceLeaks } from "./kit-output.ts";

interface Front {
  plate: string;
  plateCaption?: string;
  plateAlt?: string;
}

function chapters(fixture: string): { file: string; url: string; front: Front; text: string }[] {
  const dir = path.join(fixture, "chapitres");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      const front = yaml.load(text.match(/^---\n([\s\S]*?)\n---/)![1]) as Front;
      return { file: f, url: `/chapitres/${f.replace(/\.md$/, "").replace(/^\d+[-_]/, "")}/`, front, text };
    });
}

/** Letters and punctuation only: typography (spaces before « : », curly apostrophes) is another test's business. */
export const letters = (s: string | undefined): string => (s ?? "").replace(/[\s\u00a0\u202f]+/g, "").replace(/[’']/g, "'");

/** Only hex greys (#xxxxxx with three equal pairs) and no named colour but black or white. */
function onlyGreys(svg: string): boolean {
  const hexes = [...svg.matchAll(/#([0-9a-f]{6})\b/gi)].map((m) => m[1].toLowerCase());
  return hexes.every((h) => h.slice(0, 2) === h.slice(2, 4) && h.slice(2, 4) === h.slice(4, 6)) && !/(fill|stroke)="(red|blue|green|sienna)"/.test(svg);
}

export function checkKitFixture(fixture: string, site: string, withPdfs: boolean): void {
  const read = (url: string) => parse(fs.readFileSync(fileForUrl(site, url), "utf8"));
  const all = chapters(fixture);

  describe("its own pictures", () => {
    const pictures = all.flatMap((c) => [...c.text.matchAll(/!\[([^\]]*)\]\(([^)\s]+)/g)].map((m) => ({ chapter: c, alt: m[1], ref: m[2] })));

    it("are referenced from at least one chapter", () => {
      expect(pictures.length).toBeGreaterThanOrEqual(1);
    });

    it("are published under /images/, sized, lazy, with smaller copies for phones", () => {
      for (const { chapter, alt, ref } of pictures) {
        const img = read(chapter.url).querySelectorAll("main img").find((i) => i.getAttribute("alt") === alt);
        expect(img, `${chapter.file}: ${ref}`).toBeDefined();
        const src = img!.getAttribute("src")!;
        expect(src).toBe(`/images/${path.basename(ref)}`);
        expect(fs.readFileSync(fileForUrl(site, src))).toEqual(fs.readFileSync(path.join(fixture, "images", path.basename(ref))));
        expect(Number(img!.getAttribute("width"))).toBeGreaterThan(0);
        expect(Number(img!.getAttribute("height"))).toBeGreaterThan(0);
        expect(img!.getAttribute("loading")).toBe("lazy");
        if (!ref.endsWith(".svg")) {
          const candidates = img!.getAttribute("srcset")!.split(",").map((c) => c.trim().split(" ")[0]);
          expect(candidates.length).toBeGreaterThanOrEqual(2);
          for (const url of candidates) expect(fs.existsSync(fileForUrl(site, url)), url).toBe(true);
        }
      }
    });

    it("go to paper as grey copies at full size", () => {
      const zine = fs.readFileSync(fileForUrl(site, "/imprimer/zine/"), "utf8");
      for (const { ref } of pictures) {
        const name = path.basename(ref).replace(/\.[^.]+$/, "");
        expect(zine).toMatch(new RegExp(`<img src="/assets/impression/images/${name}\\.(png|svg)"`));
      }
      expect(zine).not.toMatch(/<img[^>]*srcset/);
    });
  });

  describe("its own plate", () => {
    const own = all.filter((c) => c.front.plate.endsWith(".svg"));

    it("is a chapter's SVG, shown on the web with its caption and alt text", () => {
      expect(own.length).toBeGreaterThanOrEqual(1);
      for (const { url, front } of own) {
        const figure = read(url).querySelector("article.chapitre figure.planche");
        const img = figure?.querySelector("img");
        expect(img?.getAttribute("src"), url).toBe(`/images/${path.basename(front.plate)}`);
        expect(letters(img?.getAttribute("alt"))).toBe(letters(front.plateAlt));
        expect(letters(figure!.querySelector("figcaption")!.textContent)).toBe(letters(front.plateCaption));
      }
    });

    it("prints in grey, from a copy of the SVG whose colours are all greys", () => {
      const zine = fs.readFileSync(fileForUrl(site, "/imprimer/zine/"), "utf8");
      for (const { front } of own) {
        const grey = `/assets/impression/images/${path.basename(front.plate)}`;
        expect(zine).toContain(`src="${grey}"`);
        const original = fs.readFileSync(path.join(fixture, "images", path.basename(front.plate)), "utf8");
        expect(onlyGreys(original), "the fixture's SVG should have colours to turn grey").toBe(false);
        expect(onlyGreys(fs.readFileSync(fileForUrl(site, grey), "utf8"))).toBe(true);
      }
    });

    it.runIf(withPdfs)("has its caption in the PDF", () => {
      const texts = readableTexts(site).filter((t) => /zine-a5\.pdf$/.test(t.file));
      expect(texts).toHaveLength(1);
      for (const { front } of own) expect(letters(texts[0].text)).toContain(letters(front.plateCaption));
    });
  });

  describe("nothing of the Technopolice zine", () => {
    it("in any page, feed or PDF a reader sees", () => {
      const read = readableTexts(site);
      expect(read.some((t) => t.file.endsWith(".pdf"))).toBe(withPdfs);
      expect(read.filter((t) => t.file.endsWith(".xml")).map((t) => t.file).sort()).toEqual(expect.arrayContaining(["feed.xml", "rss.xml"]));
      expect(technopoliceLeaks(site)).toEqual([]);
    });

    it("(and the search finds such a word when there is one)", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-leak-"));
      fs.writeFileSync(path.join(dir, "index.html"), '<!doctype html><title>x</title><img alt="Une caméra à Marseille">');
      expect(technopoliceLeaks(dir)).toHaveLength(2);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  it("publishes every file of its images/ folder", () => {
    const published = new Set(listFiles(site));
    for (const name of fs.readdirSync(path.join(fixture, "images"))) expect(published.has(`images/${name}`), name).toBe(true);
  });
}
