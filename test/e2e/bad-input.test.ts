/**
 * The bad-input corpus (test/fixtures/bad/): each case breaks a copy of the
 * real project and runs the real build command. A refused case must exit
 * non-zero, name the file and say what to do, and leave the previous output
 * exactly as it was; an escaped case must build and show the text, never run it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { buildInto, fileForUrl, PROJECT_ROOT, runBuild } from "./support/build.ts";
import { copyProject, snapshot } from "./support/project-copy.ts";
import { applyEdits, loadBadCases, ZINE_FOLDER, type BadCase } from "./support/bad-cases.ts";

const cases = loadBadCases();
let goodSite: string;
const temporary: string[] = [];

beforeAll(async () => {
  // One good build: every refused case starts from a copy of it as "the previous output".
  goodSite = await buildInto("bad-previous", { args: ["--only=site"] });
  temporary.push(path.dirname(goodSite));
});

afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

it("has at least 12 cases", () => {
  expect(cases.length).toBeGreaterThanOrEqual(12);
});

/** At most one build per core at a time: more only fight over the CPU and memory. */
const slots = { free: Math.max(2, os.availableParallelism()), waiting: [] as (() => void)[] };
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

async function runCase(badCase: BadCase) {
  const project = copyProject(`bad-${badCase.name}`);
  temporary.push(project);
  applyEdits(badCase, project);
  // A zine-folder case builds mon-zine/ (ZINE_DIR); the others the project's own content, whatever the caller exports.
  const env = { ZINE_DIR: badCase.zine ? ZINE_FOLDER : "" };
  return { project, output: path.join(project, "_site"), env };
}

describe.concurrent.each(cases)("$name", (badCase) => {
  const { expect: expected } = badCase;
  if ("refused" in expected) {
    it(`${badCase.why}: refused, with the file and what to do, the previous site intact`, async () => {
      const { project, output, env } = await runCase(badCase);
      fs.cpSync(goodSite, output, { recursive: true });
      const before = snapshot(output);
      // The real build command, whole (not --only=site): a content error must stop it before any print stage.
      const run = await withSlot(() => runBuild({ cwd: project, output: "_site", env }));
      // What a person sees, kept for review: test-output/bad-input/<case>.txt.
      fs.mkdirSync(path.join(PROJECT_ROOT, "test-output/bad-input"), { recursive: true });
      fs.writeFileSync(path.join(PROJECT_ROOT, "test-output/bad-input", `${badCase.name}.txt`), run.stderr);
      expect(run.exitCode, run.stderr).not.toBe(0);
      expect(run.stderr).toContain(expected.refused.file);
      for (const words of expected.refused.says) expect(run.stderr).toContain(words);
      expect(run.stderr).not.toMatch(/^(\[11ty\])?\s+at .+:\d+:\d+\)?$/m); // a message for people, not a stack trace
      // In French, naming the real file: no virtual ./src/ path for a zine folder's file, no library's English.
      if (badCase.zine) expect(run.stderr).not.toContain("src/chapitres");
      expect(run.stderr).not.toMatch(/Invalid input|expected|Data cascade|Having trouble|Benchmark/);
      const after = snapshot(output);
      expect([...after.keys()]).toEqual([...before.keys()]);
      expect(after).toEqual(before);
    });
  } else if ("resolved" in expected) {
    it(`${badCase.why}: built, the reference resolved to the site's address`, async () => {
      const { project, output, env } = await runCase(badCase);
      const run = await withSlot(() => runBuild({ cwd: project, output: "_site", args: ["--only=site"], env }));
      expect(run.exitCode, run.stderr).toBe(0);
      const { page, attribute, value, print } = expected.resolved;
      const doc = parse(fs.readFileSync(fileForUrl(output, page), "utf8"));
      expect(doc.querySelectorAll(`main [${attribute}]`).map((e) => e.getAttribute(attribute))).toContain(value);
      if (attribute === "src") expect(fs.existsSync(fileForUrl(output, value))).toBe(true);
      if (print) expect(fs.readFileSync(fileForUrl(output, "/imprimer/zine/"), "utf8")).toContain(print);
    });
  } else {
    it(`${badCase.why}: built, shown as text, never run`, async () => {
      const { project, output, env } = await runCase(badCase);
      const run = await withSlot(() => runBuild({ cwd: project, output: "_site", args: ["--only=site"], env }));
      expect(run.exitCode, run.stderr).toBe(0);
      const html = fs.readFileSync(fileForUrl(output, expected.escaped.page), "utf8");
      const doc = parse(html);
      expect(doc.querySelectorAll("script")).toHaveLength(0);
      expect(doc.querySelector("main")?.textContent ?? "").toContain(expected.escaped.text);
      // Everywhere the text travels (the feed, /citations/, the home page), it stays text.
      for (const file of ["feed.xml", "index.html"]) {
        expect(fs.readFileSync(path.join(output, file), "utf8")).not.toContain("<script");
      }
    });
  }
});
