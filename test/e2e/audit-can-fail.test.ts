/**
 * The browser checks are only worth something if they can fail: a page that is
 * wrong on purpose (test/fixtures/broken-page/) must trip every one of them.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { PROJECT_ROOT } from "./support/build.ts";
import { serveFolder, type StaticServer } from "../../scripts/lib/server.ts";
import { launchChromium } from "./support/browser.ts";
import { axeViolations, visit } from "./support/page-audit.ts";
import { focused } from "./support/focus.ts";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveFolder(path.join(PROJECT_ROOT, "test/fixtures/broken-page"));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("a broken page trips axe, the request count, the CSP listener and the focus check", async () => {
  const visited = await visit(browser, server.origin, "/", { width: 375, colorScheme: "light" });
  try {
    const ids = (await axeViolations(visited.page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(["html-has-lang", "color-contrast", "image-alt"]));
    expect(visited.foreignRequests).toEqual(["http://example.invalid/pixel.png"]);
    expect(visited.cspViolations.join("\n")).toMatch(/script-src/);
    expect(visited.consoleErrors.join("\n")).toMatch(/Content Security Policy/);
    await visited.page.keyboard.press("Tab");
    expect(await focused(visited.page)).toMatchObject({ tag: "a", indicator: false });
  } finally {
    await visited.close();
  }
});
