/**
 * The website and the feed, read from a real build of the real content.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, type HTMLElement } from "node-html-parser";
import { parseFeed } from "feedsmith";
import yaml from "js-yaml";
import { buildSiteToTemp, htmlFiles, readPage } from "./helpers/site.ts";
import { typographie } from "../scripts/site/typography.ts";
import type { Resource } from "../_data/schema.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const NNBSP = "\u202F";

interface SourceChapter {
  file: string;
  slug: string;
  title: string;
  order: number;
  body: string;
}

function sourceChapters(): SourceChapter[] {
  const dir = path.join(ROOT, "src/chapitres");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const [, frontMatter, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/) ?? [];
      const data = yaml.load(frontMatter) as { title: string; order: number };
      return { file, slug: file.replace(/\.md$/, "").replace(/^\d+-/, ""), title: data.title, order: data.order, body };
    })
    .sort((a, b) => a.order - b.order);
}

/** The quotations as written in the Markdown: `::: citation …` blocks. */
function sourceQuotations(chapter: SourceChapter): string[] {
  return [...chapter.body.matchAll(/^::: citation[^\n]*\n([\s\S]*?)\n:::/gm)].map((m) => m[1].trim());
}

// Collapse ordinary white space only: \s would also swallow the no-break spaces under test.
const collapse = (s: string) => s.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
const text = (el: HTMLElement | null) => collapse(el?.textContent ?? "");
const normalise = (s: string) => collapse(typographie(s));

let out: string;
const chapters = sourceChapters();
const site = yaml.load(fs.readFileSync(path.join(ROOT, "_data/site.yaml"), "utf8")) as { url: string; title: string };

beforeAll(async () => {
  out = await buildSiteToTemp();
});

describe("pages", () => {
  it("/imprimer/, built without PDFs, offers the live preview and says it needs JavaScript", () => {
    const printing = fs.readFileSync(path.join(out, "imprimer", "index.html"), "utf8");
    expect(printing).toContain('href="/imprimer/apercu/"');
    expect(printing).toMatch(/il demande JavaScript/);
    expect(printing).not.toContain("les pages mêmes des fichiers PDF");
  });

  const urls = ["/", "/citations/", "/ressources/", "/imprimer/", "/a-propos/", "/404.html", ...chapters.map((c) => `/chapitres/${c.slug}/`)];

  it.each(urls)("%s exists, in French, with one h1 and the stylesheet", (url) => {
    const doc = parse(readPage(out, url));
    expect(doc.querySelector("html")?.getAttribute("lang")).toBe("fr");
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toBe("/assets/css/site.css");
    expect(doc.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute("href")).toBe("/feed.xml");
  });

  it("links only the stylesheets a page uses: a chapter the common one alone, a page's own rules where they style something", () => {
    const sheets = fs.readdirSync(path.join(out, "assets/css")).filter((file) => file.endsWith(".css"));
    // The classes each page stylesheet styles, from the built file.
    const classesOf = new Map(
      sheets.filter((file) => file !== "site.css").map((file) => [file, new Set([...fs.readFileSync(path.join(out, "assets/css", file), "utf8").matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1]))]),
    );
    // A page's own bold stylesheet (gras-1a2b3c4d.css: a few bold words, a cut of their own) counts as gras.css.
    const own = (file: string) => file.replace(/^(gras(?:-italique)?)-[0-9a-f]{8}\.css$/, "$1.css");
    expect([...new Set([...classesOf.keys()].map(own))].sort()).toEqual(["accueil.css", "citations.css", "code.css", "gras-italique.css", "gras.css", "imprimer.css", "planches.css", "ressources.css"]);
    for (const url of [...urls, "/planches/"]) {
      const doc = parse(readPage(out, url));
      const files = doc.querySelectorAll('link[rel="stylesheet"]').map((link) => link.getAttribute("href")!.replace("/assets/css/", ""));
      expect(files[0], url).toBe("site.css");
      for (const file of files) expect(sheets, `${url} : ${file}`).toContain(file);
      const linked = files.map(own);
      const showsCode = doc.querySelector("main code, main pre, main kbd, main samp") !== null;
      expect(linked.includes("code.css"), url).toBe(showsCode);
      // Literata's bold: the browser's bold elements in the text, and the resources' titles (bold by ressources.css).
      const showsBold = doc.querySelector("main strong, main b, main th, main h4, main h5, main h6, main .ressource-titre") !== null;
      expect(linked.includes("gras.css"), url).toBe(showsBold);
      // Its bold italic: a title of a work (italic) in a resource's bold title, an emphasis inside a strong.
      const showsBoldItalic = doc.querySelector("main .ressource-titre cite, main .ressource-titre em, main strong em, main em strong, main b i, main i b, main strong cite") !== null;
      expect(linked.includes("gras-italique.css"), url).toBe(showsBoldItalic);
      // The quotations' rules where a page quotes, and only there.
      expect(linked.includes("citations.css"), url).toBe(doc.querySelector("main .citation") !== null);
      // Every class of the page that a page stylesheet styles comes with that stylesheet.
      const used = new Set(doc.querySelectorAll("[class]").flatMap((el) => el.classList.value));
      for (const [file, classes] of classesOf) {
        const needed = [...classes].filter((c) => used.has(c));
        if (needed.length) expect(linked, `${url} montre ${needed.join(", ")}`).toContain(own(file));
      }
    }
    for (const chapter of chapters) {
      const doc = parse(readPage(out, `/chapitres/${chapter.slug}/`));
      const linked = doc.querySelectorAll('link[rel="stylesheet"]').map((link) => link.getAttribute("href"));
      expect(linked.filter((href) => !["/assets/css/code.css", "/assets/css/gras.css", "/assets/css/citations.css"].includes(href!) && !/^\/assets\/css\/gras-[0-9a-f]{8}\.css$/.test(href!)), chapter.slug).toEqual(["/assets/css/site.css"]);
    }
    // The home page's cover and contents in accueil.css, linked by the home page and the feed as feed.xsl shows it; no chapter carries those rules.
    expect(parse(readPage(out, "/")).querySelectorAll('link[rel="stylesheet"]').map((link) => link.getAttribute("href"))).toEqual(["/assets/css/site.css", "/assets/css/accueil.css"]);
    expect(fs.readFileSync(path.join(out, "feed.xsl"), "utf8")).toContain('<link rel="stylesheet" href="/assets/css/accueil.css"/>');
    // (The print media rules keep `.citation, figure { break-inside: avoid }` for a page printed from the browser.)
    expect(fs.readFileSync(path.join(out, "assets/css/site.css"), "utf8")).not.toMatch(/\.(couverture|sommaire)\b|\.citation[\s{]/);
    expect(parse(readPage(out, "/planches/")).querySelectorAll('link[rel="stylesheet"]').map((link) => link.getAttribute("href"))).toEqual(["/assets/css/site.css", "/assets/css/planches.css", "/assets/css/code.css"]);
  });

  it("serves reading pages without their templates' indentation, the print documents as written", () => {
    for (const file of htmlFiles(out)) {
      const html = fs.readFileSync(path.join(out, file), "utf8");
      const indented = html.replace(/<pre\b[\s\S]*?<\/pre>/g, "").match(/\n[ \t]+\S/g) ?? [];
      if (html.includes('href="/assets/css/site.css"')) expect(indented, file).toEqual([]);
      else if (html.includes('<meta name="zine-slug"')) expect(indented.length, file).toBeGreaterThan(0);
    }
  });

  it("has a skip link to the main content and a Content-Security-Policy without inline script", () => {
    for (const file of htmlFiles(out)) {
      const doc = parse(fs.readFileSync(path.join(out, file), "utf8"));
      // The print documents (and their preview) are read by Paged.js, not by people: no navigation to skip.
      const printDocument = doc.querySelector('meta[name="zine-slug"]') !== null;
      if (!printDocument) {
        expect(doc.querySelector("a.skip-link")?.getAttribute("href"), file).toBe("#contenu");
        expect(doc.querySelector("main#contenu"), file).not.toBeNull();
      }
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "";
      expect(csp, file).toContain("default-src 'self'");
      const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives.get("script-src"), file).toEqual(["'self'"]);
      // Paged.js writes the print CSS into <style> elements: only print documents allow that.
      expect(directives.get("style-src"), file).toEqual(printDocument ? ["'self'", "'unsafe-inline'"] : ["'self'"]);
      expect(doc.querySelectorAll("script:not([src])"), file).toHaveLength(0);
      expect(doc.querySelector('meta[name="referrer"]')?.getAttribute("content"), file).toBe("no-referrer");
    }
  });

  it("writes a sitemap with every page and a robots.txt pointing to it", () => {
    const sitemap = fs.readFileSync(path.join(out, "sitemap.xml"), "utf8");
    for (const c of chapters) expect(sitemap).toContain(`<loc>${site.url}/chapitres/${c.slug}/</loc>`);
    expect(sitemap).toContain(`<loc>${site.url}/</loc>`);
    expect(sitemap).not.toContain("404");
    expect(fs.readFileSync(path.join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${site.url}/sitemap.xml`);
  });
});

describe("chapters", () => {
  it("are listed on the home page in order, with their summaries", () => {
    const items = parse(readPage(out, "/")).querySelectorAll("ol.sommaire > li");
    expect(items.map((li) => li.querySelector("a")?.getAttribute("href"))).toEqual(chapters.map((c) => `/chapitres/${c.slug}/`));
    expect(items.map((li) => text(li.querySelector("a")))).toEqual(chapters.map((c) => normalise(c.title)));
    for (const li of items) expect(text(li.querySelector("p")).length).toBeGreaterThan(20);
  });

  it("link to their previous and next chapter", () => {
    chapters.forEach((c, i) => {
      const doc = parse(readPage(out, `/chapitres/${c.slug}/`));
      const prev = doc.querySelector('a[rel="prev"]')?.getAttribute("href");
      const next = doc.querySelector('a[rel="next"]')?.getAttribute("href");
      expect(prev, c.file).toBe(i > 0 ? `/chapitres/${chapters[i - 1].slug}/` : undefined);
      expect(next, c.file).toBe(i < chapters.length - 1 ? `/chapitres/${chapters[i + 1].slug}/` : undefined);
    });
  });

  it("set French spacing: a thin no-break space inside « », before ; ! ? and a no-break space before :", () => {
    const all = chapters.map((c) => text(parse(readPage(out, `/chapitres/${c.slug}/`)).querySelector("article"))).join("\n");
    expect(all).toContain(`«${NNBSP}`);
    expect(all).toContain(`${NNBSP}»`);
    expect(all).not.toMatch(/« |«(?!\u202F)| »/);
    expect(all).not.toMatch(/ [;!?:]/); // ordinary spaces before high punctuation are all replaced
    expect(all).toMatch(/\u00A0:/);
    expect(all).not.toMatch(/\p{L}'\p{L}/u); // apostrophes are typographic
    expect(all).toContain("’");
  });

  it("prefix footnote ids per chapter, so chapters can share one page (print, feed)", () => {
    const withNotes = chapters.find((c) => /\[\^\w+\]:/.test(c.body));
    expect(withNotes).toBeDefined();
    const doc = parse(readPage(out, `/chapitres/${withNotes!.slug}/`));
    const note = doc.querySelector("section.footnotes li");
    expect(note?.getAttribute("id")).toMatch(new RegExp(`^fn-${withNotes!.slug}-`));
  });
});

describe("/citations/", () => {
  const page = () => parse(readPage(out, "/citations/"));

  it("holds every quotation written in the chapters, each linking back to its place", () => {
    const figures = page().querySelectorAll("main figure.citation");
    const quotes = chapters.flatMap((c) => sourceQuotations(c).map((q) => ({ c, q })));
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    expect(figures).toHaveLength(quotes.length);
    quotes.forEach(({ c, q }, i) => {
      expect(text(figures[i].querySelector("blockquote"))).toBe(normalise(q));
      const href = figures[i].querySelector(".citation-source a")?.getAttribute("href") ?? "";
      const [url, id] = href.split("#");
      expect(url).toBe(`/chapitres/${c.slug}/`);
      expect(parse(readPage(out, url)).getElementById(id), href).not.toBeNull();
    });
  });

  it("keeps quotations in « » with an attribution", () => {
    for (const figure of page().querySelectorAll("main figure.citation")) {
      expect(text(figure.querySelector("blockquote"))).toMatch(/^«\u202F[\s\S]+\u202F»$/);
      expect(text(figure.querySelector("figcaption"))).toMatch(/^— \S/);
    }
  });
});

describe("/ressources/", () => {
  const resources = yaml.load(fs.readFileSync(path.join(ROOT, "_data/ressources.yaml"), "utf8")) as Resource[];

  it("shows every resource with its facts, grouped by kind", () => {
    const doc = parse(readPage(out, "/ressources/"));
    const headings = doc.querySelectorAll("main h2").map(text);
    expect(headings).toEqual(expect.arrayContaining(["Livres", "Films", "Sites", "Cartes", "Outils", "Campagnes"]));
    const items = doc.querySelectorAll("li.ressource");
    expect(items).toHaveLength(resources.length);
    for (const r of resources) {
      const item = items.find((li) => text(li.querySelector("cite")) === normalise(r.title));
      expect(item, r.title).toBeDefined();
      const facts = text(item!);
      for (const author of r.authors ?? []) expect(facts).toContain(normalise(author));
      if (r.publisher) expect(facts).toContain(normalise(r.publisher));
      if (r.year) expect(facts).toContain(String(r.year));
      if (r.url) expect(item!.querySelector("a")?.getAttribute("href")).toBe(r.url);
      const section = item!.closest("section");
      expect(section?.getAttribute("aria-labelledby")).toBe(`ressources-${r.kind}`);
    }
  });

  it("carries the corrected facts, not the source post's typing errors", () => {
    const body = text(parse(readPage(out, "/ressources/")).querySelector("main"));
    expect(body).toContain("Armand Colin");
    expect(body).toContain("Premier Parallèle");
    expect(body).not.toMatch(/Armant|paralelle|indefendable/);
  });
});

describe("the feed", () => {
  const feed = () => parseFeed(fs.readFileSync(path.join(out, "feed.xml"), "utf8"));

  it("is Atom with one entry per chapter, full content and absolute links to built pages", () => {
    const { format, feed: atom } = feed();
    expect(format).toBe("atom");
    if (format !== "atom") return;
    expect(atom.entries).toHaveLength(chapters.length);
    for (const entry of atom.entries ?? []) {
      const link = entry.links?.[0]?.href ?? "";
      expect(link.startsWith(`${site.url}/chapitres/`), link).toBe(true);
      expect(fs.existsSync(path.join(out, new URL(link).pathname, "index.html")), link).toBe(true);
      expect(entry.id).toBe(link);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const content = String((entry.content as { value?: string } | string | undefined) && typeof entry.content === "object" ? entry.content.value : entry.content);
      expect(content.length).toBeGreaterThan(500);
      expect(content).not.toMatch(/href="\/(?!\/)/); // no relative links left
    }
    const titles = (atom.entries ?? []).map((e) => (typeof e.title === "object" ? e.title.value : e.title));
    expect(titles).toEqual([...chapters].reverse().map((c) => normalise(c.title)));
  });

  it("takes its dates from the content, and is styled for browsers by an XSL sheet", () => {
    const xml = fs.readFileSync(path.join(out, "feed.xml"), "utf8");
    expect(xml).toContain('<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>');
    expect(fs.existsSync(path.join(out, "feed.xsl"))).toBe(true);
    const parsed = feed();
    expect(parsed.format === "atom" && parsed.feed.updated).toBe("2026-11-28T00:00:00Z");
  });
});

describe("privacy", () => {
  const LOCAL = /^(\/(?!\/)|#|data:)/;

  it("references no other host from <script>, <link>, <img>, <source>, <iframe> or CSS url()", () => {
    for (const file of htmlFiles(out)) {
      const doc = parse(fs.readFileSync(path.join(out, file), "utf8"));
      const refs = [
        ...doc.querySelectorAll("script[src]").map((e) => e.getAttribute("src")),
        ...doc.querySelectorAll("link[href]").filter((e) => e.getAttribute("rel") !== "canonical" && e.getAttribute("rel") !== "license").map((e) => e.getAttribute("href")),
        ...doc.querySelectorAll("img[src], source[src], iframe[src], video[src], audio[src]").map((e) => e.getAttribute("src")),
      ];
      for (const ref of refs) expect(ref ?? "", `${file}: ${ref}`).toMatch(LOCAL);
    }
    const cssDir = path.join(out, "assets/css");
    for (const css of fs.readdirSync(cssDir)) {
      for (const [, url] of fs.readFileSync(path.join(cssDir, css), "utf8").matchAll(/url\(\s*["']?([^"')]+)/g)) {
        expect(url, css).toMatch(LOCAL);
      }
    }
  });

  it("self-hosts real regular, italic and bold faces", () => {
    // Literata's bold is declared in gras.css (its italic in gras-italique.css), linked by the pages that show it.
    const css = ["site.css", "gras.css", "gras-italique.css"].map((file) => fs.readFileSync(path.join(out, "assets/css", file), "utf8")).join("\n");
    const files = ["literata-400.woff2", "literata-400-italic.woff2", "literata-700.woff2"];
    for (const face of files) {
      // The web pages' cut (each face cut to what it shows), and the print edition's whole copy.
      expect(css).toContain(`/assets/fonts/web/${face}`);
      const web = fs.readFileSync(path.join(out, "assets/fonts/web", face));
      expect(web.subarray(0, 4).toString("latin1"), face).toBe("wOF2");
      expect(web.length, face).toBeGreaterThan(4_000);
      expect(fs.statSync(path.join(out, "assets/fonts", face)).size).toBeGreaterThan(10_000);
    }
    // Three faces, not one file three times.
    expect(new Set(files.map((face) => fs.readFileSync(path.join(out, "assets/fonts/web", face)).toString("base64"))).size).toBe(3);
  });
});
