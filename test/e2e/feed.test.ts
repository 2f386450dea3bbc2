/**
 * The Atom feed read by two independent feed readers: both see every chapter,
 * and every entry has an id, a title, an update date, its content and an
 * absolute link to a page the build wrote.
 */
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { buildInto, fileForUrl, htmlPages, PROJECT_ROOT } from "./support/build.ts";
import { readWithFeedExtractor, readWithFeedsmith, type ReadFeed } from "./support/feed-readers.ts";

const site = await buildInto("feed", { args: ["--only=site"] });
afterAll(() => fs.rmSync(path.dirname(site), { recursive: true, force: true }));

const xml = fs.readFileSync(path.join(site, "feed.xml"), "utf8");
const siteUrl = (yaml.load(fs.readFileSync(path.join(PROJECT_ROOT, "_data/site.yaml"), "utf8")) as { url: string }).url;
const chapterPages = htmlPages(site).filter((p) => p.startsWith("/chapitres/"));

const readers: Array<[string, (xml: string) => ReadFeed]> = [
  ["feedsmith", readWithFeedsmith],
  ["@extractus/feed-extractor", readWithFeedExtractor],
];

describe.each(readers)("read by %s", (_name, read) => {
  const feed = read(xml);

  it("has the site's title and one entry per chapter page", () => {
    expect(feed.title).toBe("Technopolice");
    expect(feed.entries).toHaveLength(chapterPages.length);
  });

  it("gives every entry an id, a title, an update date and its content", () => {
    for (const entry of feed.entries) {
      expect(entry.id, JSON.stringify(entry).slice(0, 200)).toMatch(/^https:\/\//);
      expect(entry.title.trim()).not.toBe("");
      expect(Number.isNaN(Date.parse(entry.updated)), entry.updated).toBe(false);
      expect(entry.content).toMatch(/<p>/);
      expect(entry.content.length).toBeGreaterThan(500);
    }
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
  });

  it("links every entry, absolutely, to a page the build wrote", () => {
    const linked = feed.entries.map((entry) => {
      const url = new URL(entry.link); // throws on a relative link
      expect(`${url.origin}`).toBe(siteUrl);
      expect(fs.existsSync(fileForUrl(site, url.pathname)), entry.link).toBe(true);
      return url.pathname;
    });
    expect([...linked].sort()).toEqual([...chapterPages].sort());
  });
});

it("both readers agree on every entry", () => {
  const a = readWithFeedsmith(xml).entries;
  const b = readWithFeedExtractor(xml).entries;
  expect(b.map((e) => [e.id, e.title, e.link])).toEqual(a.map((e) => [e.id, e.title, e.link]));
});

describe("the RSS 2.0 feed", () => {
  const rss = fs.readFileSync(path.join(site, "rss.xml"), "utf8");

  it.each(readers)("is read by %s with the same entries as the Atom feed", (_name, read) => {
    const atom = read(xml).entries;
    const items = read(rss).entries;
    expect(items.length).toBe(chapterPages.length);
    expect(items.map((e) => [e.id, e.title, e.link])).toEqual(atom.map((e) => [e.id, e.title, e.link]));
    expect(items.map((e) => Date.parse(e.updated))).toEqual(atom.map((e) => Date.parse(e.updated)));
    for (const [i, item] of items.entries()) expect(item.content, item.link).toBe(atom[i].content);
  });

  it.each(readers)("gives every item, read by %s, its plate as an enclosure whose length is the file's size", (_name, read) => {
    for (const item of read(rss).entries) {
      expect(item.enclosure, item.link).toBeDefined();
      const file = fileForUrl(site, new URL(item.enclosure!.url).pathname);
      expect(item.enclosure!.length, item.enclosure!.url).toBe(fs.statSync(file).size);
    }
  });

  it("is advertised next to the Atom feed in every page's <head>", () => {
    for (const page of htmlPages(site).filter((p) => !p.startsWith("/imprimer/") || p === "/imprimer/")) {
      const html = fs.readFileSync(fileForUrl(site, page), "utf8");
      expect(html, page).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/feed\.xml">/);
      expect(html, page).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/rss\.xml">/);
    }
  });
});
