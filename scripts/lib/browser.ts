/**
 * Finds and starts the one headless Chromium every render shares. The
 * browser is the system's (Debian's `chromium-headless-shell`, else its
 * `chromium`), never a download: CHROME_PATH first, then the usual install paths.
 */
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { isVerbose } from "./verbose.ts";

/**
 * Chromium's headless shell first: the build of the same Chromium made for
 * automation (no windows, no browser interface; what Playwright itself runs
 * for a headless browser), Debian's `chromium-headless-shell`. Same Blink,
 * same Skia: the same PDF bytes as the full browser, and the print stage in
 * 1,4–1,55 s instead of 1,8–2,1 s on our zine (it starts and opens pages
 * faster). Then the full browsers.
 */
const HEADLESS_SHELLS = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell"];
const FULL_BROWSERS = [
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

/**
 * The path of a Chromium to drive, or an error that says how to get one.
 * `full`: a whole browser, never the headless shell (Lighthouse drives Chrome's own interface; a page's
 * weight counts the icon a reader's browser asks for, which the shell never does).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, { full = false }: { full?: boolean } = {}): string {
  const candidates = full ? FULL_BROWSERS : [...HEADLESS_SHELLS, ...FULL_BROWSERS];
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(
      `CHROME_PATH=${fromEnv} n’existe pas → corrigez le chemin, ou retirez CHROME_PATH pour chercher ${candidates[0]}`,
    );
  }
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  throw new BrowserNotFoundError(
    "aucun Chromium trouvé pour fabriquer les PDF (cherché : " +
      candidates.join(", ") +
      ") → installez-en un (Debian/Ubuntu : sudo apt-get install -y chromium-headless-shell chromium) ou indiquez son chemin : CHROME_PATH=/chemin/vers/chrome npm run build",
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
  // Fewer processes, less memory (measured on a 150-page zine: about 60 MB less at the peak), same pages: the
  // GPU and network services live in the browser process, and no spare renderer waits for a tab we never open.
  "--in-process-gpu",
  "--enable-features=NetworkServiceInProcess2",
  // Each window (one per context) also loads the address bar's suggestion popup, a page of Chromium's own
  // (chrome://omnibox-popup.top-chrome/) in a renderer of its own, 35 to 80 MB that a headless print never shows:
  // the three features that make that popup a web page are off (Chromium 156; an unknown name is ignored).
  "--disable-features=SpareRendererForSitePerProcess,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
];

// In its own module: the site build reads it without loading the browser driver.
export { isVerbose } from "./verbose.ts";

/**
 * Time limits, in seconds, from the environment: ZINE_BROWSER_TIMEOUT for the
 * browser's start (default 30 s), ZINE_RENDER_TIMEOUT for laying out one print
 * document (default 300 s: the A5 zine takes ~30 s on a busy laptop).
 */
export function timeLimitMs(name: "ZINE_BROWSER_TIMEOUT" | "ZINE_RENDER_TIMEOUT", env: NodeJS.ProcessEnv = process.env): number {
  const fallback = name === "ZINE_BROWSER_TIMEOUT" ? 30 : 300;
  const written = env[name]?.trim();
  if (!written) return fallback * 1000;
  const seconds = Number(written.replace(",", "."));
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new BrowserFailure(`${name}=${written} n’est pas une durée → écrivez un nombre de secondes, par exemple ${name}=${fallback}`);
  }
  return seconds * 1000;
}

/** The browser failed (hang, crash, out of memory): one sentence for people, the details under --verbose. */
export class BrowserFailure extends Error {
  override name = "BrowserFailure";
  readonly skipOriginalStack = true;
  /** `died`: the browser stopped (crash, killed for memory), as opposed to a time limit reached or a wrong setting. */
  constructor(message: string, readonly died = false) {
    super(message);
  }
}

const TRY = "essayez un autre navigateur avec CHROME_PATH=/chemin/vers/chromium, fermez d’autres programmes pour libérer de la mémoire, et relancez avec --verbose pour voir les détails";

/**
 * `error` from the browser during `stage` ("le démarrage", "la mise en page de
 * /imprimer/zine/"), said in one sentence. Playwright's call log, the
 * browser's own output and the stack are appended only under --verbose.
 */
export function browserFailure(error: unknown, stage: "launch" | "render", what: string, limitMs: number): BrowserFailure | BrowserNotFoundError {
  if (error instanceof BrowserFailure || error instanceof BrowserNotFoundError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = (error instanceof Error && error.name === "TimeoutError") || /Timeout \d+ms exceeded|pas fini après/.test(message);
  const limit = `${Math.round(limitMs / 1000)} s`;
  const variable = stage === "launch" ? "ZINE_BROWSER_TIMEOUT" : "ZINE_RENDER_TIMEOUT";
  const sentence =
    stage === "launch"
      ? timedOut
        ? `Le navigateur (${what}) n’a pas démarré en ${limit} → ${TRY} ; sur une machine lente, allongez le délai : ${variable}=${Math.round((limitMs * 2) / 1000)}.`
        : `Le navigateur (${what}) s’est arrêté dès le démarrage → ${TRY}.`
      : timedOut
        ? `La mise en page de ${what} n’était pas finie après ${limit} (navigateur bloqué, ou boucle de mise en page dans print/) → ${TRY} ; sur une machine lente, allongez le délai : ${variable}=${Math.round((limitMs * 2) / 1000)}.`
        : `Le navigateur s’est arrêté pendant la mise en page de ${what} (plantage ou mémoire épuisée) → ${TRY}.`;
  const failure = new BrowserFailure(isVerbose() ? `${sentence}\n\nDétails (--verbose) :\n${error instanceof Error ? (error.stack ?? message) : message}` : sentence, !timedOut);
  return failure;
}

/** `full`: a whole browser (findChromium), for what only it does as a reader's does: ask for the page's icon. */
export async function launchBrowser({ full = false }: { full?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium(process.env, { full });
  const limitMs = timeLimitMs("ZINE_BROWSER_TIMEOUT");
  try {
    return await chromium.launch({ executablePath, args: FLAGS, timeout: limitMs });
  } catch (error) {
    throw browserFailure(error, "launch", executablePath, limitMs);
  }
}
