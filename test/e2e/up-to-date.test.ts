/**
 * `npm run build:site` with nothing changed (scripts/lib/up-to-date.ts):
 * through the real build command on a copy of the kit fixture, a second build
 * says the site is up to date and writes nothing; any change of content, of
 * a setting, of the output folder, or `--force`, builds again; and what an
 * up-to-date build leaves is byte for byte what a full render writes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { listFiles, PROJECT_ROOT, runBuild } from "./support/build.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zine-a-jour-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const zine = path.join(work, "zine");
fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), zine, { recursive: true });
const site = path.join(work, "sortie", "_site");
const UP_TO_DATE = /rien n’a changé depuis la dernière construction/;
const RENDERS = /Eleventy construit les pages/;

async function siteBuild(args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const run = await runBuild({ output: site, args: ["--only=site", ...args], env: { ZINE_DIR: zine, ZINE_CACHE: path.join(work, "cache"), SOURCE_DATE_EPOCH: "", ...env } });
  if (run.exitCode !== 0) throw new Error(`build failed (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout}`);
  // The steps are said on stderr, under Eleventy's own lines.
  return run.stdout + run.stderr;
}

/** Every file of the output with its bytes' digest and modification time. */
const state = () =>
  new Map(listFiles(site).map((f) => [f, `${crypto.createHash("sha256").update(fs.readFileSync(path.join(site, f))).digest("hex")} ${fs.statSync(path.join(site, f)).mtimeMs}`]));

const first = await siteBuild();
const afterFirst = state();
const second = await siteBuild();
const afterSecond = state();

it("renders the first time, then says the site is up to date and writes nothing", () => {
  expect(first).toMatch(RENDERS);
  expect(second).toMatch(UP_TO_DATE);
  expect(second).not.toMatch(RENDERS);
  // The summary still ends the run: files, size, time.
  expect(second).toMatch(/terminé : \d+ fichiers/);
  expect(afterSecond).toEqual(afterFirst);
});

it("leaves exactly what a full render writes (--force renders it all the same)", async () => {
  const digests = (files: Map<string, string>) => new Map([...files].map(([f, v]) => [f, v.split(" ")[0]]));
  expect(await siteBuild(["--force"])).toMatch(RENDERS);
  expect(digests(state())).toEqual(digests(afterFirst));
  // --force records what it wrote: the next build is up to date again.
  expect(await siteBuild()).toMatch(UP_TO_DATE);
});

it("builds again when a chapter changes, and not when only its date on disk does", async () => {
  const chapter = path.join(zine, "chapitres/02-le-voyage.md");
  const text = fs.readFileSync(chapter, "utf8");
  fs.utimesSync(chapter, new Date(), new Date(Date.now() + 5000));
  expect(await siteBuild()).toMatch(UP_TO_DATE);
  fs.writeFileSync(chapter, text.replace("## Au Surinam", "Une phrase ajoutée pour voir.\n\n## Au Surinam"));
  expect(await siteBuild()).toMatch(RENDERS);
  const page = listFiles(site).find((f) => f.endsWith("index.html") && fs.readFileSync(path.join(site, f), "utf8").includes("Une phrase ajoutée pour voir."));
  expect(page).toBeDefined();
  expect(await siteBuild()).toMatch(UP_TO_DATE);
});

it("builds again when the output was touched by hand or lost a file", async () => {
  const home = path.join(site, "index.html");
  const original = fs.readFileSync(home);
  fs.appendFileSync(home, "<!-- à la main -->");
  expect(await siteBuild()).toMatch(RENDERS);
  expect(fs.readFileSync(home)).toEqual(original);
  const some = listFiles(site).find((f) => f.endsWith(".css"))!;
  fs.rmSync(path.join(site, some));
  expect(await siteBuild()).toMatch(RENDERS);
  expect(fs.existsSync(path.join(site, some))).toBe(true);
  fs.writeFileSync(path.join(site, "en-trop.txt"), "?");
  expect(await siteBuild()).toMatch(RENDERS);
  expect(fs.existsSync(path.join(site, "en-trop.txt"))).toBe(false);
});

it("builds again when a setting the build reads changes", async () => {
  expect(await siteBuild([], { ZINE_VERBOSE: "1" })).toMatch(RENDERS);
  expect(await siteBuild([], { ZINE_VERBOSE: "1" })).toMatch(UP_TO_DATE);
  expect(await siteBuild([], { SOURCE_DATE_EPOCH: "1700000000" })).toMatch(RENDERS);
});
