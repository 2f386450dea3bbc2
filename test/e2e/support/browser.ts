/**
 * The tests drive the same Chromium as the print render (scripts/lib/browser.ts:
 * Debian's chromium, no sandbox, no GPU, none of Chromium's own calls home), so
 * any request a test sees comes from the page.
 */
import type { Browser } from "playwright-core";
import { launchBrowser } from "../../../scripts/lib/browser.ts";

export function launchChromium(): Promise<Browser> {
  return launchBrowser();
}
