/**
 * The plates in the built site: on every chapter and the home page, on the
 * contact sheet, in the feed, and as a 1200 × 630 sharing card for every page.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSiteToTemp, htmlFiles, readPage } from "./helpers/site.ts";
import { plateKeys } from "../scripts/plates/catalogue.ts";
import { CARD_HEIGHT, CARD_WIDTH, renderCard, plateSvg } from "../scripts/plates/index.ts";

let out: string;
let siteUrl: string;

beforeAll(async () => {
  out = await buildSiteToTemp();
  siteUrl = fs.readFileSync("_data/site.yaml", "utf8").match(/^url:\s*"?([^"\n]+)"?/m)![1];
});

/** Pages made with the site's base layout (the print documents have their own). */
function sitePages(): string[] {
  return htmlFiles(out).filter((f) => !f.startsWith("imprimer/") || f === "imprimer/index.html");
}

describe("plates on the pages", () => {
  it("every chapter shows its plate as an accessible inline SVG", () => {
    const chapters = htmlFiles(out).filter((f) => f.startsWith("chapitres/"));
    expect(chapters.length).toBeGreaterThanOrEqual(9);
    for (const file of chapters) {
      const doc = parse(fs.readFileSync(path.join(out, file), "utf8"));
      const key = doc.querySelector("article.chapitre")?.getAttribute("data-plate");
      const svg = doc.querySelector(`figure.planche[data-planche="${key}"] svg[role="img"]`);
      expect(svg, file).not.toBeNull();
      // Named by its <title> (the first child, what a screen reader reads), not written a second time in aria-label.
      expect(svg!.firstElementChild?.tagName, file).toBe("TITLE");
      expect(svg!.querySelector("title")!.text.length, file).toBeGreaterThan(60);
      expect(svg!.hasAttribute("aria-label"), file).toBe(false);
    }
  });

  it("the home page shows the cover", () => {
    expect(parse(readPage(out, "/")).querySelector('.couverture figure.planche[data-planche="couverture"] svg')).not.toBeNull();
  });

  it("the contact sheet shows every plate, on screen and on paper, with its key", () => {
    const doc = parse(readPage(out, "/planches/"));
    for (const key of plateKeys) {
      expect(doc.querySelectorAll(`#planche-${key} figure[data-planche="${key}"] svg`), key).toHaveLength(1);
      // On paper: the print SVG file, sized so nothing moves when it arrives.
      const paper = doc.querySelector(`#planche-${key} .planches-papier img`);
      expect(paper?.getAttribute("src"), key).toBe(`/assets/planches/${key}-impression.svg`);
      expect(fs.readFileSync(path.join(out, `assets/planches/${key}-impression.svg`), "utf8"), key).toContain(`viewBox="0 0 ${paper?.getAttribute("width")} ${paper?.getAttribute("height")}"`);
      expect(fs.existsSync(path.join(out, `assets/planches/${key}.png`)), key).toBe(true);
    }
  });
});

describe("sharing cards", () => {
  it("every page declares an absolute og:image, a 1200 × 630 PNG that exists", async () => {
    const pages = sitePages();
    expect(pages.length).toBeGreaterThanOrEqual(14);
    const seen = new Set<string>();
    for (const file of pages) {
      const doc = parse(fs.readFileSync(path.join(out, file), "utf8"));
      const image = doc.querySelector('meta[property="og:image"]')?.getAttribute("content");
      expect(image, file).toMatch(new RegExp(`^${siteUrl.replace(/[.]/g, "\\.")}/assets/cartes/[a-z0-9-]+\\.png$`));
      expect(doc.querySelector('meta[name="twitter:card"]')?.getAttribute("content"), file).toBe("summary_large_image");
      expect(doc.querySelector('meta[property="og:image:alt"]')?.getAttribute("content")?.length, file).toBeGreaterThan(30);
      expect(seen.has(image!), `${file} partage la carte d’une autre page`).toBe(false);
      seen.add(image!);
      const png = path.join(out, new URL(image!).pathname);
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height], file).toEqual(["png", CARD_WIDTH, CARD_HEIGHT]);
    }
  });

  it("is the same PNG, byte for byte, when drawn again", async () => {
    const card = { title: "Les effets sur la ville", kicker: "Technopolice — chapitre 7", art: plateSvg("cloture", "web"), footer: "technopolice-zine.fr" };
    const [a, b] = await Promise.all([renderCard(card), renderCard(card)]);
    expect(a.equals(b)).toBe(true);
    const built = fs.readFileSync(path.join(out, "assets/cartes/chapitres-effets-sur-la-ville.png"));
    expect(built.equals(a)).toBe(true);
  });

  it("sets its text in the project's font, as outlines (no <text> for librsvg to substitute)", async () => {
    const { cardSvg } = await import("../scripts/plates/index.ts");
    const svg = cardSvg({ title: "Défaire le rêve « sécuritaire »", kicker: "Technopolice", art: plateSvg("flux", "web"), footer: "technopolice-zine.fr" });
    expect(svg).not.toMatch(/<text|font-family/);
    expect(svg).not.toContain("NaN");
  });
});

describe("the feed", () => {
  it("gives every entry its plate as an enclosure and a figure", () => {
    const feed = fs.readFileSync(path.join(out, "feed.xml"), "utf8");
    const entries = feed.split("<entry>").slice(1);
    expect(entries.length).toBeGreaterThanOrEqual(9);
    for (const entry of entries) {
      const href = entry.match(/<link rel="enclosure" type="image\/png" href="([^"]+)"/)?.[1];
      expect(href).toMatch(new RegExp(`^${siteUrl.replace(/[.]/g, "\\.")}/assets/planches/[a-z-]+\\.png$`));
      expect(fs.existsSync(path.join(out, new URL(href!).pathname))).toBe(true);
      expect(entry).toMatch(/<content type="html">&lt;figure&gt;&lt;img src=&quot;https:/);
    }
  });
});
