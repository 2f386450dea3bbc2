/**
 * `npm run build`: every stage in order into a staging folder, then the
 * finished site replaces _site in one move. `--only=site` runs the site stage;
 * `--only=print` rebuilds and replaces only _site/imprimer/; `--creep=0.3`
 * sets the booklet's creep compensation in mm. A site build with nothing
 * changed since the last one says so and stops (scripts/lib/up-to-date.ts);
 * `--force` renders it again all the same.
 */
import path from "node:path";
import { prepareOutput, publishOutput, discardOutput, keepPrintFiles } from "./lib/output.ts";
import { step, seconds, formatBytes } from "./lib/log.ts";
import { listFiles } from "./lib/site-files.ts";
import { reportBuildError } from "./lib/errors.ts";
import fs from "node:fs";
import { inputsKey, isUpToDate, recordBuild } from "./lib/up-to-date.ts";

const OUTPUT = process.env.ZINE_OUTPUT ?? "_site";
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);

/** What distinguishes two builds into the same folder: the kind of build and its options (--force aside). */
const command = [only ?? "all", ...process.argv.slice(2).filter((a) => !a.startsWith("--only=") && a !== "--force" && a !== "--verbose")];

/** The summary every build ends with: files, size, time. */
function summary(started: number): void {
  const files = listFiles(OUTPUT);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(path.join(OUTPUT, f)).size, 0);
  step(`terminé : ${files.length} fichiers, ${formatBytes(bytes)} dans ${OUTPUT}/ en ${seconds(started)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  let printRefused: Error | undefined;
  // Site builds only: a full build also depends on Chromium and the PDF tools, which the inputs don't cover.
  const key = only === "site" ? inputsKey(OUTPUT, command) : undefined;
  if (key && !process.argv.includes("--force") && isUpToDate(OUTPUT, key)) {
    step(`site : rien n’a changé depuis la dernière construction, ${OUTPUT}/ est à jour (--force la refait)`);
    summary(started);
    return;
  }
  const output = prepareOutput(OUTPUT);
  // The print chain (Chromium driver, PDF library) is loaded only by the builds that print — a site build never
  // pays for it — and at once: Chromium (another process) starts while Eleventy renders the site. A failure to
  // start is this build's print stage's, said after the site (print/build-print.ts awaits it); on a content error
  // the process ends and playwright-core stops the browser with it.
  const printChain = only === "site" ? undefined : import("../print/build-print.ts");
  const launching = only === "site" ? undefined : import("./lib/browser.ts").then(({ launchBrowser }) => launchBrowser());
  // Awaited later, where its error is said: not an unhandled rejection meanwhile.
  printChain?.catch(() => {});
  launching?.catch(() => {});
  try {
    // A site-only build keeps the last full build's PDFs, and /imprimer/ and the feed still offer them.
    const kept = only === "site" ? keepPrintFiles(output) : { printFiles: [] };
    if (kept.printFiles.length) step(`site : ${kept.printFiles.length} PDF de la dernière construction complète gardés dans imprimer/ (npm run build les refait)`);
    const t = performance.now();
    step("site : Eleventy construit les pages et le flux…");
    const { buildSite } = await import("./site/build-site.ts");
    const site = await buildSite(output.staging, kept);
    step(`site : ${site.files} fichiers en ${seconds(t)}`);
    if (only === "site") {
      // Likewise its preview: the zine's pages as that build laid them out, not Eleventy's live one.
      const { keepStaticPreview } = await import("../print/static-preview.ts");
      if (keepStaticPreview(output.final, output.staging)) step("site : l’aperçu de la dernière construction complète gardé dans imprimer/apercu/ (npm run build le refait)");
      publishOutput(output);
      if (key) recordBuild(OUTPUT, key);
    } else {
      const { printStages, creepFromArgs, publishPrintFolder } = await printChain!;
      // The print edition: PDFs into the staging imprimer/, then /imprimer/ and the feed rendered with their facts.
      // One site render: the same Eleventy then renders again only the pages that list the PDFs.
      const { refused } = await printStages(output.staging, { creepMm: creepFromArgs(process.argv), launching }, undefined, site);
      // The preflight refused the PDFs: the site is still published, without them.
      if (refused) printRefused = refused;
      // --only=print (npm run build:print) replaces only _site/imprimer/.
      if (only === "print") publishPrintFolder(output.staging, output.final);
      else publishOutput(output);
    }
  } catch (error) {
    discardOutput(output);
    reportBuildError(error);
    // End now: work still in flight (image writes, copies) would only fill a staging folder
    // that is thrown away (discardOutput removes it as the process exits).
    process.exit(1);
  }
  summary(started);
  if (printRefused) {
    process.stderr.write(
      `\n✗ Le site est publié, mais pas les fichiers à imprimer : ${printRefused.message}\n` +
        `  Le détail est dans ${OUTPUT}/imprimer/preflight.json. La page /imprimer/ l’indique aux lecteurs.\n`,
    );
    process.exitCode = 1;
  }
}

await main();
