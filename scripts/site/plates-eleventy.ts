/**
 * The plates' side of the build: the contact sheet's data, the sharing card
 * of every page (asked for by base.njk through the `carte` filter, written
 * once the pages exist) and each plate as PNG and SVG files (the feed's
 * images, and the files a reviewer can download).
 */
import fs from "node:fs";
import path from "node:path";
import { plateKeys, plateSpec, plateSvg } from "../plates/render.ts";
import { renderCard, renderPlatePng, cardInputs, platePngInputs, type Card } from "../plates/cards.ts";
import { cached } from "../lib/disk-cache.ts";
import { typographie } from "./typography.ts";

type EleventyConfig = import("@11ty/eleventy/UserConfig").default;

export const CARDS_DIR = "assets/cartes";
export const PLATES_DIR = "assets/planches";
const PLATE_PNG_WIDTH = 960;

/** "/" → "accueil", "/chapitres/flux/" → "chapitres-flux", "/404.html" → "404". */
export function cardSlug(url: string): string {
  const slug = url.replace(/\.html$/, "").replace(/^\/+|\/+$/g, "").replace(/\//g, "-");
  return slug || "accueil";
}

/** The cards the pages of this build asked for, by slug. */
const requested = new Map<string, Card>();

/** `{{ page.url | carte(title, plate, kicker, site.url) }}` → the card's URL; the card is drawn after the build. */
export function carte(url: string, title: string, plate: string, kicker: string, siteUrl: string): string {
  const slug = cardSlug(String(url));
  const footer = new URL(String(siteUrl)).host;
  // Titles may carry Markdown emphasis (*Technopolice*): a card has no italics to show it with.
  const plain = String(title).replace(/(^|\W)[*_]+|[*_]+(?=\W|$)/g, "$1");
  requested.set(slug, { title: typographie(plain), plate: String(plate), kicker: String(kicker), footer });
  return `/${CARDS_DIR}/${slug}.png`;
}

/** `{{ key | planche_alt }}`: a plate's alternative text, with French spacing. */
export function plancheAlt(key: string): string {
  return typographie(plateSpec(String(key)).alt);
}

/** `{{ key | planche_png }}`: the plate's PNG, site-relative. */
export function planchePng(key: string): string {
  return `/${PLATES_DIR}/${String(key)}.png`;
}

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * `{{ key | planche_figure(site.url) }}`: the plate as an HTML figure with an
 * absolute PNG, for the feed (readers strip inline SVG and relative URLs).
 */
export function plancheFigure(key: string, base: string): string {
  const spec = plateSpec(String(key));
  const src = new URL(planchePng(key), String(base)).href;
  const height = Math.round((PLATE_PNG_WIDTH * spec.height) / spec.width);
  return (
    `<figure><img src="${src}" alt="${escapeHtml(typographie(spec.alt))}" width="${PLATE_PNG_WIDTH}" height="${height}">` +
    `<figcaption>${escapeHtml(typographie(spec.title))}</figcaption></figure>`
  );
}

/** What the contact sheet (/planches/) lists. */
export function contactSheet(): { key: string; title: string; kind: string; webKb: string; printKb: string }[] {
  const kb = (svg: string): string => (Buffer.byteLength(svg) / 1024).toFixed(1).replace(".", ",");
  return plateKeys.map((key) => ({
    key,
    title: typographie(plateSpec(key).title),
    kind: plateSpec(key).kind,
    webKb: kb(plateSvg(key, "web")),
    printKb: kb(plateSvg(key, "print")),
  }));
}

/** Runs `jobs` two at a time: sharp is fast, the CI has two cores. */
async function twoAtATime(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all([worker(), worker()]);
}

/** Each plate as files: SVG for the screen and for paper, PNG for the feed. They depend on no page. */
export async function writePlateFiles(outputDir: string): Promise<number> {
  const dir = path.join(outputDir, PLATES_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const jobs = plateKeys.map((key) => async () => {
    fs.writeFileSync(path.join(dir, `${key}.svg`), plateSvg(key, "web"));
    fs.writeFileSync(path.join(dir, `${key}-impression.svg`), plateSvg(key, "print"));
    fs.writeFileSync(path.join(dir, `${key}.png`), await cached("planches", platePngInputs(key, PLATE_PNG_WIDTH), () => renderPlatePng(key, PLATE_PNG_WIDTH)));
  });
  await twoAtATime(jobs);
  return plateKeys.length;
}

/** The cards the pages of this build asked for, in a stable order. */
export async function writeCards(outputDir: string): Promise<number> {
  const dir = path.join(outputDir, CARDS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const cards = [...requested].sort(([a], [b]) => a.localeCompare(b));
  await twoAtATime(cards.map(([slug, card]) => async () => fs.writeFileSync(path.join(dir, `${slug}.png`), await cached("cartes", cardInputs(card), () => renderCard(card)))));
  return cards.length;
}

/** Output folders this process already wrote the plate files into. */
const platesWritten = new Set<string>();

/** One line in eleventy.config.ts: everything the plates need from Eleventy. */
export function registerPlates(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("planches", contactSheet);
  eleventyConfig.addFilter("carte", carte);
  eleventyConfig.addFilter("planche_alt", plancheAlt);
  eleventyConfig.addFilter("planche_png", planchePng);
  eleventyConfig.addFilter("planche_figure", plancheFigure);
  // Plate files first: pages link to them, and the link check runs after the build.
  eleventyConfig.on("eleventy.before", async ({ directories, incremental }: { directories: { output: string }; incremental: boolean }) => {
    requested.clear();
    // npm start: the plates depend on no page, so a save rewrites none of them (a code change restarts the build).
    if (incremental && platesWritten.has(directories.output)) return;
    await writePlateFiles(directories.output);
    platesWritten.add(directories.output);
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeCards(directories.output);
  });
}
