/**
 * Debian's Chromium through playwright-core, started the same way everywhere:
 * no sandbox (containers), no GPU, and none of Chromium's own calls home, so
 * any request we see comes from the page.
 */
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
  if (!found) throw new Error("Chromium introuvable : installez-le (apt-get install chromium) ou indiquez CHROMIUM_PATH.");
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
