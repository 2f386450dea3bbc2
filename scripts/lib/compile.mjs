// @ts-check
/**
 * Our TypeScript, compiled for Node by esbuild once and kept until a source
 * changes, so a build command starts without a TypeScript loader (tsx costs a
 * loader thread and compiles every module at every start).
 *
 * Entry points are bundled together (our modules only: packages stay imports
 * of node_modules), split into chunks so a module shared by two entries is one
 * module, and a dynamic `import()` stays lazy: the print chain loads only when
 * a stage prints. `import.meta.url`, `.dirname` and `.filename` keep naming
 * the source file, so paths computed from them are the same as under tsx.
 *
 * The compiled files live in node_modules/.cache/zine-build/<hash of the sources>/;
 * a manifest per set of entries lists every source file it was made from with
 * the hash of its content: a start reads and hashes them (a few ms), and
 * compiles again only when one differs. Plain JavaScript: it runs before any
 * TypeScript can.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const HERE = fileURLToPath(import.meta.url);
/** The project: compiled files import its node_modules, and name its sources. */
export const ROOT = path.resolve(path.dirname(HERE), "../..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "zine-build");
/** A compiled folder no manifest names any more is removed after this long (a build still running from it has finished). */
const STALE_MS = 60 * 60 * 1000;

/** Source file (absolute) → its compiled module, for this process. */
const compiledModules = new Map();

/** @param {string | Buffer} bytes */
const sha = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

/** What a compile depends on besides the sources: this file, esbuild's version, where the project is. */
function toolKey() {
  const esbuild = fs.readFileSync(path.join(ROOT, "node_modules/esbuild/package.json"), "utf8");
  return sha([fs.readFileSync(HERE, "utf8"), esbuild, ROOT].join("\n"));
}

/**
 * @typedef {{ key: string, root: string, inputs: [string, string][], folder: string, outputs: Record<string, string> }} Manifest
 * `root`: the project it was compiled for (a copy of the project has its own); `inputs`: every source file (relative to ROOT) and the hash of its content;
 * `outputs`: each entry (relative) → its compiled file (relative to the folder).
 */

/** @param {string} file @returns {Manifest | undefined} */
function readManifest(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined; // never compiled, or a manifest from an older layout
  }
}

/** True when every source the manifest lists still has the content it was compiled from. @param {Manifest} manifest */
function fresh(manifest, key = toolKey()) {
  if (manifest.key !== key || !fs.existsSync(path.join(CACHE, manifest.folder))) return false;
  for (const [file, hash] of manifest.inputs) {
    let bytes;
    try {
      bytes = fs.readFileSync(path.join(ROOT, file));
    } catch {
      return false; // a source was removed or renamed
    }
    if (sha(bytes) !== hash) return false;
  }
  return true;
}

/**
 * esbuild plugin: `import.meta.url` and its kin name the source file, not the
 * compiled chunk; this module stays one module (imported from where it is),
 * so the compiled code finds what the launcher compiled.
 * @returns {import("esbuild").Plugin}
 */
function sourcePaths() {
  return {
    name: "source-paths",
    setup(build) {
      build.onResolve({ filter: /compile\.mjs$/ }, (args) =>
        path.resolve(args.resolveDir, args.path) === HERE ? { path: pathToFileURL(HERE).href, external: true } : undefined,
      );
      build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.split(path.sep).includes("node_modules")) return undefined;
        const source = await fs.promises.readFile(args.path, "utf8");
        const meta = { url: pathToFileURL(args.path).href, dirname: path.dirname(args.path), filename: args.path };
        const contents = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, name) => JSON.stringify(meta[/** @type {keyof typeof meta} */ (name)]));
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * Removes the manifests of projects that are gone (temporary copies), and
 * compiled folders no manifest names once they are old enough that no build
 * still runs from them.
 */
function prune(key = toolKey()) {
  const named = new Set();
  const entries = fs.readdirSync(CACHE, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
    const manifest = readManifest(path.join(CACHE, entry.name));
    // Gone: a removed copy of the project, or this project compiled by an older launcher.
    const gone = !manifest?.root || !fs.existsSync(manifest.root) || (manifest.root === ROOT && manifest.key !== key);
    if (gone) fs.rmSync(path.join(CACHE, entry.name), { force: true });
    else named.add(manifest.folder);
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || named.has(entry.name)) continue;
    const folder = path.join(CACHE, entry.name);
    try {
      if (Date.now() - fs.statSync(folder).mtimeMs > STALE_MS) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // another build removed it first
    }
  }
}

/**
 * Compiles `entries` (paths relative to the project) into the cache, unless
 * their last compile is still fresh, and remembers where each went.
 * @param {string[]} entries
 * @returns {Promise<{ outputs: Map<string, string>, compiled: boolean }>} absolute source → absolute compiled file
 */
export async function compile(entries) {
  const key = toolKey();
  const manifestFile = path.join(CACHE, `${sha([key, ...entries].join("\n")).slice(0, 24)}.json`);
  let manifest = readManifest(manifestFile);
  const compiled = !manifest || !fresh(manifest, key);
  if (compiled) manifest = await build(entries, key, manifestFile);
  const outputs = new Map();
  for (const [entry, output] of Object.entries(/** @type {Manifest} */ (manifest).outputs)) {
    const file = path.join(CACHE, /** @type {Manifest} */ (manifest).folder, output);
    outputs.set(path.join(ROOT, entry), file);
    compiledModules.set(path.join(ROOT, entry), file);
  }
  return { outputs, compiled };
}

/** @param {string[]} entries @param {string} key @param {string} manifestFile @returns {Promise<Manifest>} */
async function build(entries, key, manifestFile) {
  const esbuild = await import("esbuild");
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE, "tmp-"));
  try {
    const result = await esbuild.build({
      entryPoints: entries,
      absWorkingDir: ROOT,
      outdir: staging,
      outbase: ".",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      outExtension: { ".js": ".mjs" },
      entryNames: "[dir]/[name]",
      chunkNames: "chunks/[name]-[hash]",
      // Stack traces of a bug name our source lines when Node reads the maps (the launcher turns them on).
      sourcemap: "linked",
      sourcesContent: false,
      metafile: true,
      logLevel: "silent",
      plugins: [sourcePaths()],
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((file) => !file.includes("node_modules/") && !file.startsWith("file:"))
      .sort()
      .map((file) => /** @type {[string, string]} */ ([file, sha(fs.readFileSync(path.join(ROOT, file)))]));
    const folder = sha(JSON.stringify([key, inputs])).slice(0, 24);
    const outputs = /** @type {Record<string, string>} */ ({});
    for (const [output, meta] of Object.entries(result.metafile.outputs)) {
      if (meta.entryPoint) outputs[meta.entryPoint] = path.relative(staging, path.join(ROOT, output));
    }
    const target = path.join(CACHE, folder);
    // Two builds compiling the same sources at once: the first rename wins, the second's copy is the same.
    if (!fs.existsSync(target)) {
      try {
        fs.renameSync(staging, target);
      } catch (error) {
        if (!fs.existsSync(target)) throw error;
      }
    }
    fs.utimesSync(target, new Date(), new Date());
    /** @type {Manifest} */
    const manifest = { key, root: ROOT, inputs, folder, outputs };
    const temporary = `${manifestFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(manifest, null, 1) + "\n");
    fs.renameSync(temporary, manifestFile);
    prune(key);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The module of a TypeScript file: its compiled chunk when the launcher
 * compiled it (one module with the rest of the build), the file itself under
 * a TypeScript loader (tsx, vitest), otherwise compiled on demand.
 * @param {string} file
 * @returns {Promise<any>}
 */
export async function importTypeScript(file) {
  const source = path.resolve(file);
  const compiled = compiledModules.get(source);
  if (compiled) return import(pathToFileURL(compiled).href);
  try {
    return await import(pathToFileURL(source).href);
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    const { outputs } = await compile([path.relative(ROOT, source)]);
    return import(pathToFileURL(/** @type {string} */ (outputs.get(source))).href);
  }
}

/** The compiled module of `file` in this process, if the launcher compiled it (else undefined). @param {string} file */
export function compiledModule(file) {
  return compiledModules.get(path.resolve(file));
}
