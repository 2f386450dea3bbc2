/**
 * The build commands start without a TypeScript loader (scripts/launch.mjs):
 * our code compiled by esbuild into node_modules/.cache/zine-build/, kept
 * while no source changes. In a fresh copy of the project (a clean checkout:
 * nothing compiled for it yet): the site comes out byte for byte as under
 * tsx; a second start compiles nothing; an edited entry point or data file
 * is compiled again and shows. And a site build loads nothing of the print
 * chain (the browser driver, the PDF library; with a warm cache, not even
 * hyphenation, the QR code or esbuild).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { listFiles, PROJECT_ROOT, runProgram, type BuildRun } from "./support/build.ts";
import { copyProject } from "./support/project-copy.ts";

const project = copyProject("lanceur");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-lanceur-"));
afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});
const cache = path.join(work, "cache");

/**
 * Written to a file by a module given to `node --import`: every module the
 * process resolved (ES modules, through a resolve hook) and required (CommonJS).
 */
const loadedLog = path.join(work, "modules.log");
const hook = path.join(work, "modules.mjs");
fs.writeFileSync(
  hook,
  `import fs from "node:fs";
import { register, createRequire } from "node:module";
const log = ${JSON.stringify(loadedLog)};
register("data:text/javascript," + encodeURIComponent(\`import fs from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  fs.appendFileSync(\${JSON.stringify(log)}, result.url + "\\\\n");
  return result;
}\`));
const require = createRequire(import.meta.url);
process.on("exit", () => fs.appendFileSync(log, Object.keys(require.cache).join("\\n") + "\\n"));
`,
);

/** `npm run build:site` as package.json says, in the copy; `command` replaces the launcher (tsx, for the reference). */
function siteBuild(output: string, options: { command?: string[]; watchModules?: boolean } = {}): Promise<BuildRun> {
  const script = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")).scripts["build:site"] as string;
  const [node, ...args] = script.split(/\s+/);
  expect(node).toBe("node");
  const command = options.command ?? [...(options.watchModules ? ["--import", hook] : []), ...args];
  fs.rmSync(loadedLog, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ZINE_OUTPUT: path.join(work, output, "_site"), ZINE_CACHE: cache, ZINE_DIR: "", FORCE_COLOR: "0", NO_COLOR: "1" };
  delete env.NODE_OPTIONS;
  return runProgram(process.execPath, command, { cwd: project, env });
}

/** The packages (node_modules/<name>) a build loaded, from the log above. */
function loadedPackages(): Set<string> {
  const lines = fs.readFileSync(loadedLog, "utf8").split("\n");
  return new Set(lines.map((line) => /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//.exec(line)?.[1]).filter((name): name is string => Boolean(name)));
}

/** The manifests of compiles made for this copy (compile.mjs names its project in each). */
function manifests(): { file: string; folder: string; bytes: string; mtime: number }[] {
  const dir = path.join(PROJECT_ROOT, "node_modules/.cache/zine-build");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8"), mtime: fs.statSync(path.join(dir, f)).mtimeMs }))
    .filter(({ text }) => (JSON.parse(text) as { root?: string }).root === project)
    .map(({ file, text, mtime }) => ({ file, folder: (JSON.parse(text) as { folder: string }).folder, bytes: text, mtime }));
}

const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const fingerprint = (dir: string) => new Map(listFiles(dir).map((f) => [f, digest(path.join(dir, f))]));

const PRINT_CHAIN = ["playwright-core", "pdf-lib", "pagedjs"];

const first = await siteBuild("premier", { watchModules: true });
const firstPackages = first.exitCode === 0 ? loadedPackages() : new Set<string>();
const afterFirst = manifests();

it("builds the site from a clean checkout without tsx, compiling our code once", () => {
  expect(first.exitCode, first.stderr).toBe(0);
  const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  for (const name of ["build", "build:site", "build:print"]) expect(scripts[name]).toMatch(/^node scripts\/launch\.mjs scripts\/build\.ts\b/);
  expect(firstPackages.has("tsx")).toBe(false);
  expect(firstPackages.has("@11ty/eleventy")).toBe(true); // the log does see packages
  expect(afterFirst).toHaveLength(1);
  const folder = path.join(PROJECT_ROOT, "node_modules/.cache/zine-build", afterFirst[0].folder);
  expect(fs.existsSync(path.join(folder, "scripts/build.mjs"))).toBe(true);
  expect(fs.existsSync(path.join(folder, "eleventy.config.mjs"))).toBe(true);
  expect(fs.existsSync(path.join(folder, "src/chapitres/chapitres.11tydata.mjs"))).toBe(true);
});

it("writes the same bytes as the same build run under tsx", async () => {
  const reference = await siteBuild("tsx", { command: ["--import", "tsx", "scripts/build.ts", "--only=site"] });
  expect(reference.exitCode, reference.stderr).toBe(0);
  expect(fingerprint(path.join(work, "premier/_site"))).toEqual(fingerprint(path.join(work, "tsx/_site")));
});

it("loads nothing of the print chain for a site build", () => {
  for (const name of PRINT_CHAIN) expect(firstPackages.has(name), name).toBe(false);
});

it("compiles nothing when no source changed, and a warm site build loads no hyphenation, QR code or esbuild", async () => {
  const second = await siteBuild("second", { watchModules: true });
  expect(second.exitCode, second.stderr).toBe(0);
  expect(manifests()).toEqual(afterFirst);
  const packages = loadedPackages();
  for (const name of [...PRINT_CHAIN, "hyphen", "qrcode", "esbuild", "tsx"]) expect(packages.has(name), name).toBe(false);
});

it("compiles again when the entry point or a data file changes, and the change shows", async () => {
  const build = path.join(project, "scripts/build.ts");
  fs.writeFileSync(build, fs.readFileSync(build, "utf8").replace("Eleventy construit les pages et le flux", "Eleventy construit (lanceur) les pages et le flux"));
  const data = path.join(project, "src/chapitres/chapitres.11tydata.ts");
  const source = fs.readFileSync(data, "utf8");
  expect(source).toContain("docId: (data: PageData) => chapterSlug(data.page.fileSlug)");
  fs.writeFileSync(data, source.replace("docId: (data: PageData) => chapterSlug(data.page.fileSlug)", "docId: (data: PageData) => `lanceur-${chapterSlug(data.page.fileSlug)}`"));
  const third = await siteBuild("troisieme");
  expect(third.exitCode, third.stderr).toBe(0);
  expect(third.stdout + third.stderr).toContain("Eleventy construit (lanceur) les pages");
  const chapter = listFiles(path.join(work, "troisieme/_site/chapitres")).find((f) => /index\.html$/.test(f) && /id="fn-/.test(fs.readFileSync(path.join(work, "troisieme/_site/chapitres", f), "utf8")))!;
  expect(fs.readFileSync(path.join(work, "troisieme/_site/chapitres", chapter), "utf8")).toMatch(/id="fn-lanceur-[a-z-]+-1"/);
  const now = manifests();
  expect(now).toHaveLength(1);
  expect(now[0].folder).not.toBe(afterFirst[0].folder);
});
