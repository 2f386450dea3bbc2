/**
 * The Atom feed as two independent feed readers see it: feedsmith and
 * @extractus/feed-extractor. Each gives its entries in one common shape, so
 * tests can hold both to the same rules.
 */
import { parseFeed } from "feedsmith";
import { extractFromXml } from "@extractus/feed-extractor";

export interface ReadEntry {
  id: string;
  title: string;
  updated: string;
  content: string;
  link: string;
}

export interface ReadFeed {
  title: string;
  entries: ReadEntry[];
}

const text = (value: unknown): string =>
  typeof value === "string" ? value : value && typeof value === "object" && "value" in value ? String((value as { value: unknown }).value ?? "") : value && typeof value === "object" && "#text" in value ? String((value as { "#text": unknown })["#text"]) : "";

export function readWithFeedsmith(xml: string): ReadFeed {
  const parsed = parseFeed(xml);
  if (parsed.format !== "atom") throw new Error(`feedsmith reads ${parsed.format}, not atom`);
  const feed = parsed.feed;
  return {
    title: text(feed.title),
    entries: (feed.entries ?? []).map((entry) => ({
      id: text(entry.id),
      title: text(entry.title),
      updated: text(entry.updated),
      content: text(entry.content),
      link: entry.links?.find((l) => !l.rel || l.rel === "alternate")?.href ?? "",
    })),
  };
}

export function readWithFeedExtractor(xml: string): ReadFeed {
  const feed = extractFromXml(xml, {
    descriptionMaxLen: 0,
    // Normalised entries keep link, title and id; ask for the Atom fields they drop.
    getExtraEntryFields: (raw) => ({ updated: text(raw.updated), content: text(raw.content) }),
  });
  return {
    title: text(feed.title),
    entries: (feed.entries ?? []).map((entry) => ({
      id: text(entry.id),
      title: text(entry.title),
      updated: String(entry.updated ?? ""),
      content: String(entry.content ?? ""),
      link: text(entry.link),
    })),
  };
}
