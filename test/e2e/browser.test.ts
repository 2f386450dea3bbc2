/**
 * Every page of the built site in Debian's Chromium, as readers meet it: at
 * 375 px and 1280 px, light and dark. axe-core's WCAG 2.2 A/AA rules, no
 * request to anything but our own server, no console error, no CSP violation,
 * a skip link that works and focus that shows. Screenshots go to
 * test-output/screenshots/ (CI keeps them as artefacts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildInto, fileForUrl, htmlPages, PROJECT_ROOT } from "./support/build.ts";
import { serveFolder, type StaticServer } from "../../scripts/lib/server.ts";
import { launchChromium } from "./support/browser.ts";
import { axeViolations, showAs, visit, type AxeViolation } from "./support/page-audit.ts";
import { focused } from "./support/focus.ts";

const SCREENSHOTS = path.join(PROJECT_ROOT, "test-output/screenshots");
// Built once for the whole file, before the tests are listed: one test per built page.
const site = await buildInto("browser", { args: ["--only=site"] });
// Print documents (the HTML Paged.js lays out into PDFs, and its preview: they carry the PDFs' facts in
// <meta name="zine-…">) are not reading pages: they are checked for requests, console and CSP only;
// every other page gets the full reader checks.
const isPrintDocument = (urlPath: string) => /<meta name="zine-slug"/.test(fs.readFileSync(fileForUrl(site, urlPath), "utf8"));
const pages = htmlPages(site).filter((p) => !isPrintDocument(p));
const printDocuments = htmlPages(site).filter(isPrintDocument);
const VARIANTS = [
  { width: 375, colorScheme: "light" },
  { width: 375, colorScheme: "dark" },
  { width: 1280, colorScheme: "light" },
  { width: 1280, colorScheme: "dark" },
] as const;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveFolder(site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

function screenshotName(urlPath: string, width: number, scheme: string): string {
  const name = urlPath.replace(/^\/|\/$/g, "").replace(/\.html$/, "").replace(/\//g, "-") || "accueil";
  return `${name}-${width}-${scheme}.png`;
}

it("the built site has the pages we mean to check", () => {
  expect(pages).toEqual(expect.arrayContaining(["/", "/404.html", "/a-propos/", "/citations/", "/ressources/", "/imprimer/"]));
  expect(pages.filter((p) => p.startsWith("/chapitres/")).length).toBeGreaterThanOrEqual(6);
});

describe.concurrent.each(pages)("%s in Chromium", (urlPath) => {
  it("at 375 and 1280 px, light and dark: WCAG 2.2 A/AA, nothing from another host, no console error, no CSP violation", async () => {
    const visited = await visit(browser, server.origin, urlPath, VARIANTS[0]);
    try {
      const violations: Record<string, AxeViolation[]> = {};
      for (const variant of VARIANTS) {
        await showAs(visited.page, variant);
        const found = await axeViolations(visited.page);
        if (found.length) violations[`${variant.width}px ${variant.colorScheme}`] = found;
        await visited.page.screenshot({ path: path.join(SCREENSHOTS, screenshotName(urlPath, variant.width, variant.colorScheme)), fullPage: true });
      }
      expect(violations, JSON.stringify(violations, null, 2)).toEqual({});
      expect(visited.requests.length).toBeGreaterThan(1); // the page and at least its stylesheet were seen
      expect(visited.foreignRequests).toEqual([]);
      expect(visited.consoleErrors).toEqual([]);
      expect(visited.cspViolations).toEqual([]);
    } finally {
      await visited.close();
    }
  });

  it("the skip link is the first Tab stop, shows, and moves focus to the main content; every Tab stop shows", async () => {
    const visited = await visit(browser, server.origin, urlPath, { width: 375, colorScheme: "light" });
    const { page } = visited;
    try {
      await page.keyboard.press("Tab");
      expect(await focused(page)).toMatchObject({ className: expect.stringContaining("skip-link"), href: "#contenu", onScreen: true, indicator: true });
      await page.keyboard.press("Enter");
      expect(await focused(page)).toMatchObject({ tag: "main", id: "contenu" });
      expect(new URL(page.url()).hash).toBe("#contenu");
      // The next Tab continues from the main content, not from the top of the page.
      await page.keyboard.press("Tab");
      const next = await focused(page);
      if (next) expect(["inside-main", "after-main"]).toContain(next.whereToMain);

      // Then walk every Tab stop from the top: each one must be on screen with an outline or a shadow.
      await page.goto(`${server.origin}${urlPath}`);
      const invisible: string[] = [];
      let stops = 0;
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press("Tab");
        const element = await focused(page);
        if (!element || (i > 0 && element.className.includes("skip-link"))) break; // left the page, or wrapped around
        stops++;
        if (!element.indicator || !element.onScreen) invisible.push(`${element.tag} « ${element.text} » (${element.href ?? ""})`);
      }
      expect(stops).toBeGreaterThan(1);
      expect(invisible).toEqual([]);
    } finally {
      await visited.close();
    }
  });
});

// One at a time: each runs Paged.js, and four at once on two cores can starve the network-idle wait.
describe.each(printDocuments)("%s (print document) in Chromium", (urlPath) => {
  it("loads with nothing from another host, no console error, no CSP violation", async () => {
    const visited = await visit(browser, server.origin, urlPath, { width: 1280, colorScheme: "light" });
    try {
      await visited.page.waitForLoadState("networkidle");
      expect(visited.requests.length).toBeGreaterThan(1);
      expect(visited.foreignRequests).toEqual([]);
      expect(visited.consoleErrors).toEqual([]);
      expect(visited.cspViolations).toEqual([]);
    } finally {
      await visited.close();
    }
  });
});

describe("/feed.xml (styled by feed.xsl) in Chromium", () => {
  it.each(VARIANTS)("at $width px, $colorScheme: WCAG 2.2 A/AA, nothing from another host, no console error, no CSP violation", async (variant) => {
    const visited = await visit(browser, server.origin, "/feed.xml", variant);
    try {
      // Chromium paints its own banner over XSLT pages (XSLT is being removed from the browser):
      // that banner is the browser's, not ours, so axe leaves it out.
      const violations = await axeViolations(visited.page, ["xslt-warning-banner"]);
      await visited.page.screenshot({ path: path.join(SCREENSHOTS, screenshotName("/feed", variant.width, variant.colorScheme)), fullPage: true });
      expect(await visited.page.locator("h1").count()).toBe(1); // the XSL sheet did turn the feed into a page
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(visited.foreignRequests).toEqual([]);
      expect(visited.consoleErrors).toEqual([]);
      expect(visited.cspViolations).toEqual([]);
    } finally {
      await visited.close();
    }
  });
});

describe("/imprimer/apercu/ after pagination", () => {
  it("names every note call link (axe link-name): Paged.js's links carry « Note N »", async () => {
    const visited = await visit(browser, server.origin, "/imprimer/apercu/", { width: 1280, colorScheme: "light" });
    try {
      // print/handlers.ts sets zineReport.pages once Paged.js has laid out every page.
      await visited.page.waitForFunction(() => ((window as unknown as { zineReport?: { pages: number } }).zineReport?.pages ?? 0) > 0, undefined, { timeout: 120_000 });
      const calls = await visited.page.$$eval("a[data-footnote-call]", (links) => links.map((a) => a.getAttribute("aria-label")));
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((label) => /^Note \d+$/.test(label ?? ""))).toBe(true);
      const violations = (await axeViolations(visited.page)).filter((v) => v.id === "link-name");
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    } finally {
      await visited.close();
    }
  });
});
