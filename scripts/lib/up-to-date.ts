/**
 * `npm run build:site` when nothing changed since the last one: the output is
 * already what the build would write (builds are reproducible), so it says so
 * and stops, as make does, instead of rendering every page again.
 *
 * "Nothing changed" is decided on content, never on dates:
 * - the inputs: every file of the project a build can read (content, data,
 *   templates, CSS, our code, package.json and the lock file of what npm
 *   installed), the zine folder of ZINE_DIR, Node's version, the settings a
 *   build reads from the environment, and the command's options — all hashed;
 * - the output: the folder holds exactly the files that build left, each with
 *   the same size and modification time (a hand edit, `npm start`, another
 *   build or a deleted file all make it build again).
 * The record lives beside the output, in the `.build/` folder where the build
 * stages its work (scripts/lib/output.ts). `--force` builds all the same.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { cacheFolder } from "./disk-cache.ts";
import { listFiles } from "./site-files.ts";

/** Top-level folders of the project that no build reads: the tests, outputs, caches, installed packages. */
const NOT_INPUTS = new Set([".git", ".build", ".cache", "node_modules", "test", "test-output", "_site"]);

/**
 * The settings a build is given through the environment: all of ours start
 * with ZINE_, Eleventy's with ELEVENTY_, and SOURCE_DATE_EPOCH. (The tests
 * clear them, test/setup-env.ts: the caller's shell never changes a build under test.)
 */
export const isBuildSetting = (name: string): boolean => /^(ZINE_|ELEVENTY_)/.test(name) || name === "SOURCE_DATE_EPOCH";

/** What a build's output may also depend on in the environment: the process's mode, time zone and locale. */
const PROCESS_SETTING = /^(NODE_ENV|TZ|LANG|LC_ALL)$/;

/** Input files under `dir` (relative paths, sorted), leaving out `skip`ped absolute folders and logs. */
function filesUnder(dir: string, skip: Set<string>, topLevelSkip: Set<string>): string[] {
  const found: string[] = [];
  const walk = (folder: string, relative: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const absolute = path.join(folder, entry.name);
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip.has(absolute) || (!relative && topLevelSkip.has(entry.name))) continue;
      if (entry.isDirectory()) walk(absolute, name);
      else if (entry.isFile() && !entry.name.endsWith(".log")) found.push(name);
    }
  };
  walk(dir, "");
  return found.sort();
}

/**
 * The hash of everything a site build into `outputDir` is made from. `root`:
 * the project (the build's working folder); `command`: what distinguishes two
 * kinds of build writing the same folder (a full build leaves the PDFs' pages).
 */
export function inputsKey(outputDir: string, command: string[], env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  const add = (...parts: (string | Buffer)[]) => {
    for (const part of parts) hash.update(part).update("\0");
  };
  const cache = cacheFolder(env);
  const skip = new Set([path.resolve(outputDir), path.join(path.dirname(path.resolve(outputDir)), ".build"), ...(cache ? [cache] : [])]);
  add("node", process.version, process.platform, process.arch, ...command);
  for (const [name, value] of Object.entries(env).filter(([name]) => isBuildSetting(name) || PROCESS_SETTING.test(name)).sort(([a], [b]) => a.localeCompare(b))) add(name, value ?? "");
  const folders: [string, Set<string>][] = [[path.resolve(root), NOT_INPUTS]];
  const zine = env.ZINE_DIR?.trim();
  if (zine) folders.push([path.resolve(root, zine), new Set([".git", "node_modules"])]);
  for (const [folder, topLevel] of folders) {
    add("folder", folder);
    if (!fs.existsSync(folder)) continue; // the build says what is missing
    for (const file of filesUnder(folder, skip, topLevel)) add(file, fs.readFileSync(path.join(folder, file)));
  }
  // What npm installed (npm writes this list at every install): another version of a package builds again.
  const installed = path.join(root, "node_modules", ".package-lock.json");
  add("installed", fs.existsSync(installed) ? fs.readFileSync(installed) : "");
  return hash.digest("hex");
}

interface Stamp {
  key: string;
  /** Every file of the output: relative path, size, modification time (ms). */
  files: [string, number, number][];
}

function stampFile(outputDir: string): string {
  const output = path.resolve(outputDir);
  return path.join(path.dirname(output), ".build", `${path.basename(output)}-construction.json`);
}

function outputFiles(outputDir: string): [string, number, number][] {
  return listFiles(outputDir).map((file) => {
    const stat = fs.statSync(path.join(outputDir, file));
    return [file, stat.size, stat.mtimeMs];
  });
}

/** True when `outputDir` holds exactly what the last build with these inputs left there. */
export function isUpToDate(outputDir: string, key: string): boolean {
  const file = stampFile(outputDir);
  if (!fs.existsSync(file) || !fs.existsSync(outputDir)) return false;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(file, "utf8")) as Stamp;
  } catch {
    return false;
  }
  if (stamp.key !== key) return false;
  const now = outputFiles(outputDir);
  return now.length === stamp.files.length && now.every((entry, i) => entry.every((value, j) => value === stamp.files[i][j]));
}

/** Records what this build left in `outputDir`, for the next one. */
export function recordBuild(outputDir: string, key: string): void {
  const file = stampFile(outputDir);
  const stamp: Stamp = { key, files: outputFiles(outputDir) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(stamp));
  fs.renameSync(temporary, file);
}
