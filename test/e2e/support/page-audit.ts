/**
 * Opens one page of the built site the way a reader does and records what
 * happened: every request (anything not on the local server is blocked and
 * reported), console errors, uncaught exceptions and Content-Security-Policy
 * violations (reported by the page itself through a binding).
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export interface PageVisit {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for. */
  requests: string[];
  /** Requests to anything but the local server (blocked before they leave). */
  foreignRequests: string[];
  consoleErrors: string[];
  cspViolations: string[];
  close(): Promise<void>;
}

export interface VisitOptions {
  width: number;
  colorScheme: "light" | "dark";
}

/** Switches an open page to another width and colour scheme, as a reader resizing or changing theme would. */
export async function showAs(page: Page, { width, colorScheme }: VisitOptions): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme });
}

export async function visit(browser: Browser, origin: string, urlPath: string, { width, colorScheme }: VisitOptions): Promise<PageVisit> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, reducedMotion: "reduce" });
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const cspViolations: string[] = [];

  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
    foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  await context.exposeBinding("__reportCspViolation", (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });

  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));

  const response = await page.goto(`${origin}${urlPath}`, { waitUntil: "load" });
  if (!response) throw new Error(`no response for ${urlPath}`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));

  return { page, context, requests, foreignRequests, consoleErrors, cspViolations, close: () => context.close() };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2.2 A/AA rules on the page as it is now. `exclude` leaves out
 * what the browser itself adds to a page (never our markup).
 */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds for the page itself.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ tags, exclude }) => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const context = exclude.length ? { include: [["html"]], exclude: exclude.map((selector) => [selector]) } : document;
    const result = await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(" ")) }));
  }, { tags: WCAG_22_AA, exclude });
}
