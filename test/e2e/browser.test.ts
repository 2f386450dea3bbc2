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
import { buildInto, htmlPages, PROJECT_ROOT } from "./support/build.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import { launchChromium } from "./support/browser.ts";
import { axeViolations, visit } from "./support/page-audit.ts";
import { focused } from "./support/focus.ts";

const SCREENSHOTS = path.join(PROJECT_ROOT, "test-output/screenshots");
const site = await buildInto("browser", { args: ["--only=site"] });
const pages = htmlPages(site);
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
  server = await serveStatic(site);
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

describe("the built site in Chromium", () => {
  it("has the pages we expect to check", () => {
    expect(pages).toEqual(expect.arrayContaining(["/", "/404.html", "/a-propos/", "/citations/", "/ressources/", "/imprimer/"]));
    expect(pages.filter((p) => p.startsWith("/chapitres/")).length).toBeGreaterThanOrEqual(6);
  });

  describe.each(pages)("%s", (urlPath) => {
    it.each(VARIANTS)("at $width px, $colorScheme: WCAG 2.2 AA, no foreign request, no console error, no CSP violation", async ({ width, colorScheme }) => {
      const visited = await visit(browser, server.origin, urlPath, { width, colorScheme });
      try {
        const violations = await axeViolations(visited.page);
        await visited.page.screenshot({ path: path.join(SCREENSHOTS, screenshotName(urlPath, width, colorScheme)), fullPage: true });
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(visited.foreignRequests).toEqual([]);
        expect(visited.requests.length).toBeGreaterThan(0);
        expect(visited.consoleErrors).toEqual([]);
        expect(visited.cspViolations).toEqual([]);
      } finally {
        await visited.close();
      }
    });

    it("the skip link is the first Tab stop, visible, and moves focus to the main content", async () => {
      const visited = await visit(browser, server.origin, urlPath, { width: 1280, colorScheme: "light" });
      const { page } = visited;
      try {
        await page.keyboard.press("Tab");
        const skip = await focused(page);
        expect(skip).toMatchObject({ className: expect.stringContaining("skip-link"), href: "#contenu", onScreen: true, indicator: true });
        await page.keyboard.press("Enter");
        expect(await focused(page)).toMatchObject({ tag: "main", id: "contenu" });
        expect(new URL(page.url()).hash).toBe("#contenu");
        // The next Tab continues from the main content, not from the top of the page.
        await page.keyboard.press("Tab");
        const next = await focused(page);
        if (next) expect(["inside-main", "after-main"]).toContain(next.whereToMain);
      } finally {
        await visited.close();
      }
    });

    it.each(["light", "dark"] as const)("every Tab stop shows where focus is (%s)", async (colorScheme) => {
      const visited = await visit(browser, server.origin, urlPath, { width: 375, colorScheme });
      const { page } = visited;
      try {
        const invisible: string[] = [];
        let stops = 0;
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press("Tab");
          const element = await focused(page);
          if (!element) break; // focus left the document: every stop was seen
          if (i > 0 && element.className.includes("skip-link")) break; // wrapped around
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
});
