// @ts-check
/**
 * `node scripts/launch.mjs scripts/build.ts --only=site`: runs one of our
 * command-line entry points without a TypeScript loader, from its compiled
 * copy (scripts/lib/compile.mjs: esbuild, once, until a source changes). The
 * npm build scripts start here; `npm start`, the tests and the bench keep
 * tsx, which needs no compile step between a save and a run.
 *
 * Eleventy imports the config and the data files itself: they are compiled
 * with the entry point, so they share its modules (one markdown-it, one
 * cache), and the site build hands Eleventy the compiled config.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compile, ROOT } from "./lib/compile.mjs";

const [entry] = process.argv.splice(2, 1);
if (!entry || !/\.ts$/.test(entry)) {
  process.stderr.write("usage : node scripts/launch.mjs scripts/build.ts [options]\n");
  process.exit(2);
}

/** TypeScript that Eleventy reads as data: directory data files in src/, global data in _data/. */
function dataFiles() {
  return ["src", "_data"].flatMap((dir) => {
    const folder = path.join(ROOT, dir);
    if (!fs.existsSync(folder)) return [];
    return /** @type {string[]} */ (fs.readdirSync(folder, { recursive: true }))
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
      .map((file) => path.join(dir, file))
      .sort();
  });
}

const source = path.resolve(entry);
const companions = fs.existsSync(path.join(ROOT, "eleventy.config.ts")) ? ["eleventy.config.ts", ...dataFiles()] : [];
const { outputs } = await compile([path.relative(ROOT, source), ...companions]);
// A bug's stack names our TypeScript files and lines, as under tsx (measured: no cost at start).
process.setSourceMapsEnabled(true);
// Eleventy registers a module loader thread to re-import files a watcher saw change; a build
// imports each file once, so it goes without (Eleventy's own switch, documented for this).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
// The entry sees the command line as under tsx: argv[1] is its own file.
process.argv[1] = source;
await import(pathToFileURL(/** @type {string} */ (outputs.get(source))).href);
