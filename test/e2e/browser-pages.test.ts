/**
 * The print browser (scripts/lib/browser.ts) holds our pages and nothing of its
 * own: no page of Chromium's interface (chrome://…), such as the address bar's
 * suggestion popup, which Chromium 156 loads in a renderer of its own for
 * every window, 37 to 80 MB beside the zine's layout. Read from the browser's
 * own list of targets, so a Chromium that brings it back under another
 * feature name fails here.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../../scripts/lib/browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("opens two contexts as the print stage does, and Chromium holds no page but ours", { timeout: 60_000 }, async () => {
  const pages = await Promise.all(
    [1, 2].map(async (n) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(`<p>document ${n}</p>`);
      return page;
    }),
  );
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send("Target.getTargets");
  await session.detach();
  const theirs = targetInfos.filter((t) => t.url.startsWith("chrome://") || t.type === "browser_ui");
  expect(theirs.map((t) => `${t.type} ${t.url}`)).toEqual([]);
  // Our two pages are there: the list is the real one, not an empty answer.
  expect(targetInfos.filter((t) => t.type === "page")).toHaveLength(pages.length);
});
