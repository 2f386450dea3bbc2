/**
 * Finds and starts the one headless Chromium every render shares. The
 * browser is the system's (Debian's `chromium`), never a download: CHROME_PATH
 * first, then the usual install paths.
 */
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export class BrowserNotFoundError extends Error {
  override name = "BrowserNotFoundError";
  /** The message says what to do: no stack trace under it (same convention as ContentError). */
  readonly skipOriginalStack = true;
}

/** The path of a Chromium to drive, or an error that says how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(
      `CHROME_PATH=${fromEnv} n’existe pas → corrigez le chemin, ou retirez CHROME_PATH pour chercher ${CANDIDATES[0]}`,
    );
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  throw new BrowserNotFoundError(
    "aucun Chromium trouvé pour fabriquer les PDF (cherché : " +
      CANDIDATES.join(", ") +
      ") → installez-en un (Debian/Ubuntu : sudo apt-get install -y chromium) ou indiquez son chemin : CHROME_PATH=/chemin/vers/chrome npm run build",
  );
}

/** Flags measured to work headless as root in a container, with no network chatter. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ executablePath, args: FLAGS, timeout: 60_000 });
}
