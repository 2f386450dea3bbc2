/**
 * Render stage: one print document (HTML served locally) → one PDF, laid out
 * by Paged.js in the shared headless Chromium. Paged.js is driven directly
 * (not pagedjs-cli): faster, and the boxes are fixed later by finish.ts.
 */
import path from "node:path";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { NoteFact, HyphenFact } from "./layout-checks.ts";
import { chapterSlug } from "../scripts/site/filters.ts";
import { zineFolder } from "../scripts/site/zine-folder.ts";
import { browserFailure, timeLimitMs } from "../scripts/lib/browser.ts";
import { HANDLERS_URL } from "./editions.ts";
import { markInks, printInks, type InkPrints, type Ink } from "./riso.ts";
import { KEEP_SCRIPT, CAPTURE_SCRIPT, type LaidOutPreview } from "./static-preview.ts";

/** Paged.js by file path: the package's exports map hides dist/ from require.resolve. */
export const PAGED_JS_FILE = path.resolve("node_modules/pagedjs/dist/paged.js");
/** Where the local server exposes it (see scripts/lib/server.ts). */
export const PAGED_JS_URL = "/__print/paged.js";

export interface Overflow {
  page: number;
  element: string;
  text: string;
  /** The chapter's Markdown file and the sentence that doesn't fit (print/layout-checks.ts words the message). */
  file?: string;
  sentence?: string;
}

/** A paragraph split with a single line on one page (what KeepTwoLines could not avoid). */
export interface LoneLine {
  page: number;
  /** « page creuse »: a page that holds that one line and nothing else. */
  kind: "veuve" | "orpheline" | "page creuse";
  text: string;
}

export interface RenderResult {
  pdf: Uint8Array;
  pages: number;
  /** Notes pages added to reach a multiple of 4. */
  padded: number;
  overflows: Overflow[];
  loneLines: LoneLine[];
  /** Note calls with their notes, and lines ending on a hyphen, for print/layout-checks.ts. */
  notes: NoteFact[];
  hyphens: HyphenFact[];
  /** Paged.js's own console warnings (overflow on…, unable to layout…). */
  warnings: string[];
  /** The content date the document declares (<meta name="date">), YYYY-MM-DD. */
  date: string;
  /** Its <title>, <meta name="author">, <meta name="description"> and <meta name="zine-lang">, for the PDF's info. */
  meta: { title: string; author: string; subject: string; lang: string };
  /** The zine's title as a slug (<meta name="zine-slug">): the start of the PDF names. */
  slug: string;
  /** The title of each PDF made from the document, in the zine's language, by edition key (<meta name="zine-pdf-…">). */
  pdfTitles: Record<string, string>;
  /** What each riso drum inks, and the one marked print each drum is cut from (print/riso.ts), when asked for. */
  inks?: InkPrints;
}

/** What the caller hears while a document is rendered, to work on each PDF while Chromium prints the next. */
export interface RenderHooks {
  /** The document's page is open and asked for the document: the moment another document can be opened beside it. */
  opened?: () => void;
  /** The laid-out document and its PDF, before the riso drums' inventory is taken. */
  printed?: (laidOut: RenderResult) => void;
  /** The print a riso drum is cut from, for each drum, as soon as it is printed. */
  inkPrinted?: (ink: Ink, pdf: Uint8Array) => void;
  /** The laid-out pages for the static /imprimer/apercu/ (print/static-preview.ts), read once the PDFs are printed. */
  previewed?: (preview: LaidOutPreview) => void;
}

export class RenderError extends Error {
  override name = "RenderError";
  /** The message names the document and the fix: no stack trace under it. */
  readonly skipOriginalStack = true;
}

/** The Markdown file of the chapter printed as <article id="chapitre-<slug>">, for messages. */
function chapterFile(anchor: string | null): string | undefined {
  const slug = anchor?.replace(/^chapitre-/, "");
  if (!slug) return undefined;
  const dir = path.relative(process.cwd(), path.join(zineFolder() ?? "src", "chapitres"));
  const name = fs.readdirSync(dir).find((f) => f.endsWith(".md") && chapterSlug(f.slice(0, -3)) === slug);
  return name && path.join(dir, name);
}

/** A file the print document asked for and didn't get (HTTP 404…), said with the file that cites it. */
async function missingResources(page: Page, failed: Map<string, string>): Promise<string | undefined> {
  if (!failed.size) return undefined;
  const sentences: string[] = [];
  for (const [pathname, why] of failed) {
    const cited = await page
      .evaluate((wanted) => {
        const element = [...document.querySelectorAll("[src],[href]")].find((e) => {
          const value = e.getAttribute("src") ?? e.getAttribute("href") ?? "";
          return new URL(value, location.href).pathname === wanted;
        });
        // Paged.js splits a chapter across pages: every fragment keeps data-fichier (print/zine.njk), not always the id.
        const chapter = element?.closest("article.chapitre");
        return element ? { anchor: chapter?.id ?? "", file: chapter?.getAttribute("data-fichier") ?? "", source: element.getAttribute("data-source") } : null;
      }, pathname)
      .catch(() => null);
    const file = cited?.file || chapterFile(cited?.anchor ?? null);
    // A picture's grey print copy: name the address the person wrote (scripts/site/pictures.ts).
    const wrote = cited?.source || pathname;
    sentences.push(
      file
        ? `${file} cite « ${wrote} », introuvable à l’impression (${why}) → ajoutez le fichier ou corrigez le chemin dans ${file}`
        : `le document d’impression demande « ${pathname} », introuvable (${why}) → ajoutez le fichier ou corrigez le chemin (dans print/ si ce n’est pas dans un chapitre)`,
    );
  }
  return sentences.join(" ; ");
}

/** Rejects after `ms` with a message that names the document. */
function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderError(`${what} : pas fini après ${ms / 1000} s → cherchez une boucle de mise en page (élément plus haut qu’une page ?) dans print/`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * `work`, unless the browser goes away first (a crash, killed for memory):
 * then whatever the page was waiting for will never come, and a step that
 * doesn't notice (a request being served to the page, a script awaited in it)
 * would hold the build until the time limit. Said as the browser stopping.
 */
function unlessGone<T>(browser: Browser, work: Promise<T>): Promise<T> {
  let heard: (() => void) | undefined;
  const gone = new Promise<never>((_, reject) => {
    heard = () => reject(new Error("Browser closed: the browser process disconnected"));
    if (!browser.isConnected()) heard();
    else browser.once("disconnected", heard);
  });
  gone.catch(() => {});
  return Promise.race([work, gone]).finally(() => browser.off("disconnected", heard!));
}

type Layout = Pick<RenderResult, "pages" | "padded" | "overflows" | "loneLines" | "notes" | "hyphens">;
type Declared = Pick<RenderResult, "date" | "meta" | "slug" | "pdfTitles">;

/** What the document says about itself in its <meta> tags and <title>, for the PDF's info and names. */
async function declared(page: Page): Promise<Declared> {
  return page.evaluate(() => {
    const named: Record<string, string> = {};
    document.querySelectorAll("meta[name]").forEach((m) => {
      named[m.getAttribute("name") ?? ""] = m.getAttribute("content") ?? "";
    });
    const meta = { title: document.title, author: named.author ?? "", subject: named.description ?? "", lang: named["zine-lang"] || "fr-FR" };
    const pdfTitles: Record<string, string> = {};
    for (const name of Object.keys(named)) if (name.startsWith("zine-pdf-")) pdfTitles[name.slice("zine-pdf-".length)] = named[name];
    return { date: named.date ?? "", meta, slug: named["zine-slug"] || "zine", pdfTitles };
  });
}

/**
 * From this many pages on, the renderer's garbage is collected before Chromium prints (`collectGarbage`). Paged.js
 * leaves behind the DOM nodes of every overflow it tried, and the collector, with memory to spare, lets them pile up:
 * measured on a 156-page zine, 60 to 100 MB of the renderer's 290 to 400 MB, at the moment the renderer is largest
 * (printing) and Node finishes the PDFs beside it. A shorter zine's renderer stays near 150 MB, and there the
 * collection (80 to 130 ms on a busy machine for 28 pages) would only slow the print down.
 */
const COLLECT_FROM_PAGES = 32;

/** Asks the page's renderer for a full collection (JavaScript and DOM); the page itself is untouched: same PDF bytes. */
async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Keeps a copy of the laid-out pages for the static preview, as they are before the riso marks (a few ms); the
 * function returned reads it, once Chromium has printed (print/static-preview.ts).
 */
async function keepPreview(page: Page): Promise<() => Promise<LaidOutPreview>> {
  await page.evaluate(KEEP_SCRIPT);
  return () => page.evaluate(CAPTURE_SCRIPT) as Promise<LaidOutPreview>;
}

/** A document Chromium prints as it is (no Paged.js): its fonts loaded, nothing laid out by us. */
async function fixedPages(page: Page): Promise<Layout> {
  await page.evaluate(() => document.fonts.ready);
  return { pages: 0, padded: 0, overflows: [], loneLines: [], notes: [], hyphens: [] };
}

/** Where Paged.js looks for the content to lay out before it takes it from <body> itself (its Previewer's wrapContent). */
const PAGED_CONTENT = "pagedjs-content";

/**
 * The document as Chromium receives it for Paged.js: its body's content
 * already inside the <template data-ref="pagedjs-content"> Paged.js would
 * move it into, and `scripts` (Paged.js and our handlers) after it. Served as
 * it is, Chromium lays the whole unpaginated
 * document out on load, and again when the fonts arrive, only for Paged.js
 * to take it out of the page: a third of the renderer's layout time for our
 * zine (traced). A template's content is parsed, never laid out; Paged.js
 * lays it out page by page, the fonts load with its first measure (the
 * handlers wait for them), and the PDF is the same, byte for byte.
 * The scripts load and compile with the document's stylesheets and fonts,
 * instead of one after the other once it has loaded (two round trips and a
 * megabyte of Paged.js fetched and compiled while nothing else happened:
 * 100 to 150 ms on our zine). Neither runs anything on its own: Paged.js
 * starts when paginate() asks it to.
 * The file on disk is untouched (WeasyPrint, the tests and a person read it as it is).
 */
export function inPagedTemplate(html: string, scripts: string[] = []): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.lastIndexOf("</body>");
  if (!open || close < open.index) return html;
  const start = open.index + open[0].length;
  const tags = scripts.map((src) => `<script src="${src}"></script>`).join("");
  return `${html.slice(0, start)}<template data-ref="${PAGED_CONTENT}">${html.slice(start, close)}</template>${tags}${html.slice(close)}`;
}

/** What the print document loads beside its own files: Paged.js, then the handlers that register with it. */
const PAGED_SCRIPTS = [PAGED_JS_URL, HANDLERS_URL];

/** Serves `url` to `page` with its content in Paged.js's template, Paged.js and the handlers after it (inPagedTemplate). */
async function serveInTemplate(page: Page, url: string): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    await route.fulfill({ response, body: inPagedTemplate(await response.text(), PAGED_SCRIPTS) });
  });
}

async function paginate(page: Page): Promise<Layout> {
  // One evaluate, once the document has loaded with Paged.js and the handlers (serveInTemplate): each round trip to
  // the browser waits for this process, which finishes the mini-zine meanwhile.
  return page.evaluate(async (name) => {
    const template = document.body.querySelector(`:scope > template[data-ref='${name}']`);
    const content = template instanceof HTMLTemplateElement ? template.content : document.body;
    // Paged.js gives every element a random data-ref, and those ids reach the
    // PDF as destination names: number the elements ourselves, in document order.
    content.querySelectorAll("*").forEach((element, index) => element.setAttribute("data-ref", `z${index}`));
    // The pictures load first, as they did with the document laid out on load: Paged.js measures them loaded, and the
    // handlers' measure (which takes the content into the page and out again) never cancels a picture half-loaded.
    const sources = new Set([...content.querySelectorAll("img[src]")].map((img) => new URL(img.getAttribute("src") ?? "", document.baseURI).href));
    await Promise.all(
      [...sources].map((source) => {
        const picture = new Image();
        picture.src = source;
        // A picture that doesn't load is reported with the file that cites it (missingResources).
        return picture.decode().catch(() => {});
      }),
    );
    await document.fonts.ready;
    const w = window as unknown as {
      Paged: { Previewer: new () => { chunker?: { q?: { tick: (next: () => void) => void } }; preview(): Promise<{ total: number }> } };
      zineReport: { pages: number; padded: number; overflows: Overflow[]; loneLines: LoneLine[]; notes: NoteFact[]; hyphens: HyphenFact[] };
    };
    const previewer = new w.Paged.Previewer();
    // Paged.js lays out a page per animation frame (its queue's tick is requestAnimationFrame), so that a person sees
    // the pages come. Nobody watches a print: the renderer only idled until the next frame (traced on our zine: 130 of
    // the 540 ms of layout). Here the next page starts as soon as the last is done, in a task of its own (a message to
    // itself), the layout unchanged: the same PDF, byte for byte.
    const queue = previewer.chunker?.q;
    if (queue) {
      const channel = new MessageChannel();
      const next: (() => void)[] = [];
      channel.port1.onmessage = () => next.shift()?.();
      queue.tick = (task) => {
        next.push(task);
        channel.port2.postMessage(null);
      };
    }
    const flow = await previewer.preview();
    const r = w.zineReport;
    return { pages: r.pages || flow.total, padded: r.padded, overflows: r.overflows, loneLines: r.loneLines ?? [], notes: r.notes ?? [], hyphens: r.hyphens ?? [] };
  }, PAGED_CONTENT);
}

/**
 * Lays out `url` (with Paged.js, unless `paginated` is false) and prints it to PDF. `onPage` hears each page as Paged.js
 * lays it out (progress). Nothing is written to disk here.
 */
export async function renderDocument(
  browser: Browser,
  url: string,
  onPage: (pages: number) => void = () => {},
  limitMs = timeLimitMs("ZINE_RENDER_TIMEOUT"),
  /** false: Chromium prints the document's own pages (a document of fixed pages needs no Paged.js). */
  paginated = true,
  /** Also hand the print to each riso drum and take their inventory (print/riso.ts). */
  withInks = false,
  /** Hears each PDF as soon as Chromium has printed it: the caller finishes it while the next is printed. */
  hooks: RenderHooks = {},
): Promise<RenderResult> {
  const document = new URL(url).pathname;
  try {
    return await renderIn(browser, url, onPage, limitMs, paginated, withInks, hooks);
  } catch (error) {
    // Ours (a missing file, an empty document) as they are; the browser's (crash, hang) in one sentence.
    if (error instanceof RenderError && !/pas fini après/.test(error.message)) throw error;
    throw browserFailure(error, "render", document, limitMs);
  }
}

async function renderIn(
  browser: Browser,
  url: string,
  onPage: (pages: number) => void,
  limitMs: number,
  paginated: boolean,
  withInks: boolean,
  hooks: RenderHooks,
): Promise<RenderResult> {
  // Bounded too: a browser wedged before the page opens would otherwise hold the build with no time limit.
  const context = await timeout(browser.newContext(), limitMs, url);
  const page = await timeout(context.newPage(), limitMs, url).catch(async (error) => {
    await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    throw error;
  });
  page.setDefaultTimeout(limitMs);
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    const progress = /^zine:page (\d+)$/.exec(text);
    if (progress) onPage(Number(progress[1]));
    else if ((message.type() === "warning" || message.type() === "error") && !text.startsWith("Failed to load resource")) warnings.push(text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  // Every file the document needs must load: a missing picture would print as a broken-image icon.
  const failed = new Map<string, string>();
  page.on("requestfailed", (request) => failed.set(new URL(request.url()).pathname, request.failure()?.errorText ?? "échec"));
  page.on("response", (response) => {
    if (response.status() >= 400) failed.set(new URL(response.url()).pathname, `HTTP ${response.status()}`);
  });
  try {
    return await timeout(
      unlessGone(browser, (async () => {
        if (paginated) await serveInTemplate(page, url);
        // Laid out as it is printed: Chromium switching the whole laid-out zine from screen to print at page.pdf
        // recomputed every element's style three times over (traced: 360 of the print's 460 ms). The layout doesn't
        // depend on it (the same PDF, byte for byte), the print starts from styles already computed.
        await page.emulateMedia({ media: "print" });
        const loading = page.goto(url, { waitUntil: "load" });
        hooks.opened?.();
        const response = await loading;
        if (!response?.ok()) throw new RenderError(`${url} : HTTP ${response?.status()} → le document d’impression n’a pas été construit (voir print/eleventy.ts)`);
        const laidOut = { ...(paginated ? await paginate(page) : await fixedPages(page)), ...(await declared(page)) };
        const missing = await missingResources(page, failed);
        if (missing) throw new RenderError(missing);
        if (errors.length) throw new RenderError(`${url} : ${errors.join(" ; ")}`);
        const preview = paginated && hooks.previewed ? await keepPreview(page) : undefined;
        // One print for every file: a document with riso drums has their parts marked (print/riso.ts).
        if (paginated) await markInks(page);
        if (laidOut.pages >= COLLECT_FROM_PAGES) await collectGarbage(page);
        // Tagged (structure for screen readers) and with an outline (bookmarks from the headings).
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
        const result: RenderResult = { pdf: new Uint8Array(pdf), ...laidOut, warnings };
        hooks.printed?.(result);
        const done = withInks ? { ...result, inks: await printInks(page, result.pdf, hooks.inkPrinted) } : result;
        if (preview) hooks.previewed?.(await preview());
        return done;
      })()),
      limitMs,
      url,
    );
  } finally {
    // A browser that hangs would hang its close too: give it a few seconds.
    await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}
