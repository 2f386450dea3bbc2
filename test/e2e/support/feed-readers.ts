/**
 * The feeds (Atom /feed.xml, RSS 2.0 /rss.xml) as two independent feed readers see it: feedsmith and
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
  /** The enclosure's URL and length in bytes (RSS says its length; Atom may). */
  enclosure?: { url: string; length: number };
}

export interface ReadFeed {
  title: string;
  entries: ReadEntry[];
}

const text = (value: unknown): string =>
  typeof value === "string" ? value : value && typeof value === "object" && "value" in value ? String((value as { value: unknown }).value ?? "") : value && typeof value === "object" && "#text" in value ? String((value as { "#text": unknown })["#text"]) : "";

export function readWithFeedsmith(xml: string): ReadFeed {
  const parsed = parseFeed(xml);
  if (parsed.format === "rss") {
    const feed = parsed.feed;
    return {
      title: text(feed.title),
      entries: (feed.items ?? []).map((item) => ({
        id: text(item.guid?.value ?? item.guid),
        title: text(item.title),
        updated: item.pubDate ? new Date(text(item.pubDate)).toISOString() : "",
        content: text(item.description),
        link: text(item.link),
        enclosure: item.enclosures?.[0] ? { url: text(item.enclosures[0].url), length: Number(item.enclosures[0].length) } : undefined,
      })),
    };
  }
  if (parsed.format !== "atom") throw new Error(`feedsmith reads ${parsed.format}, not atom or rss`);
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
    getExtraEntryFields: (raw) => ({
      updated: text(raw.updated),
      content: text(raw.content ?? raw.description),
      enclosure: raw.enclosure ? { url: String((raw.enclosure as Record<string, unknown>)["@_url"] ?? ""), length: Number((raw.enclosure as Record<string, unknown>)["@_length"]) } : undefined,
    }),
  });
  return {
    title: text(feed.title),
    entries: (feed.entries ?? []).map((entry) => ({
      id: text(entry.id),
      title: text(entry.title),
      updated: String(entry.updated || (entry.published ? new Date(String(entry.published)).toISOString() : "")),
      content: String(entry.content ?? ""),
      link: text(entry.link),
      enclosure: (entry as { enclosure?: { url: string; length: number } }).enclosure,
    })),
  };
}
