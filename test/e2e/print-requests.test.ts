/**
 * The print render asks nothing of anyone: the real print stage
 * (print/build-print.ts) lays out and prints every PDF in a Chromium
 * whose every request is recorded; all of them go to the local server, and any
 * other would be blocked before it left.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { buildInto, listFiles } from "./support/build.ts";
import { launchChromium } from "./support/browser.ts";
import { buildPrint } from "../../print/build-print.ts";

const site = await buildInto("print-requests", { args: ["--only=site"] });
const requests: string[] = [];
const foreign: string[] = [];

/** The same browser, but every context it opens records (and fences) its requests. */
function recording(browser: Browser): Browser {
  return new Proxy(browser, {
    get(target, property, receiver) {
      if (property !== "newContext") return Reflect.get(target, property, receiver);
      return async (...args: Parameters<Browser["newContext"]>): Promise<BrowserContext> => {
        const context = await target.newContext(...args);
        await context.route("**/*", (route) => {
          const url = route.request().url();
          requests.push(url);
          if (/^http:\/\/127\.0\.0\.1:\d+\//.test(url) || url.startsWith("data:")) return route.continue();
          foreign.push(url);
          return route.abort("blockedbyclient");
        });
        return context;
      };
    },
  });
}

const browser = await launchChromium();
const summary = await buildPrint(site, { browser: recording(browser), quiet: true }).finally(() => browser.close());
afterAll(() => fs.rmSync(path.dirname(site), { recursive: true, force: true }));

it("printed the PDFs", () => {
  expect(summary.problems).toEqual([]);
  expect(listFiles(site).filter((f) => f.endsWith(".pdf")).length).toBeGreaterThanOrEqual(3);
});

it("fetched everything from the local server and nothing from any other host", () => {
  expect(requests.length).toBeGreaterThan(3); // documents, stylesheets, fonts, Paged.js
  expect(requests.some((url) => url.endsWith(".woff2"))).toBe(true);
  expect(foreign).toEqual([]);
});
