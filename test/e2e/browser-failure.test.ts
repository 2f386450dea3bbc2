/**
 * When the browser fails, the build says so in one French sentence (which
 * stage, what to try), keeps Chromium's output and stack traces for --verbose,
 * and publishes nothing. Two fake browsers (test/fixtures/fake-browsers/) set
 * as CHROME_PATH: one that never answers, one that dies mid-render.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, runBuild } from "./support/build.ts";
import { findChromium } from "../../scripts/lib/browser.ts";
import { writeGeneratedZine } from "../../scripts/lib/generate-zine.ts";

const FAKES = path.join(PROJECT_ROOT, "test/fixtures/fake-browsers");
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** An output folder holding a "previous site" that must come out untouched. */
function previousOutput(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-browser-failure-"));
  folders.push(dir);
  const output = path.join(dir, "_site");
  fs.mkdirSync(output);
  fs.writeFileSync(path.join(output, "index.html"), "le site d’avant");
  return output;
}

function expectOneSentence(stderr: string, stage: RegExp) {
  const message = stderr.slice(stderr.indexOf("✗"));
  expect(message).toMatch(stage);
  for (const advice of ["CHROME_PATH", "fermez d’autres programmes", "--verbose"]) expect(message).toContain(advice);
  // One sentence: no call log, no browser output, no stack trace.
  expect(message.trim().split("\n")).toHaveLength(2);
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/Call log|bus\.cc|browserType\.launch|Target page/);
}

describe("a browser that fails", { timeout: 240_000 }, () => {
  it("hangs at launch: stopped after ZINE_BROWSER_TIMEOUT, one sentence, nothing published", async () => {
    const output = previousOutput();
    const run = await runBuild({ output, env: { CHROME_PATH: path.join(FAKES, "hangs.sh"), ZINE_BROWSER_TIMEOUT: "3" } });
    expect(run.exitCode).not.toBe(0);
    expectOneSentence(run.stderr, /Le navigateur \(.*hangs\.sh\) n’a pas démarré en 3 s → .*ZINE_BROWSER_TIMEOUT=6/);
    expect(fs.readdirSync(output)).toEqual(["index.html"]);
    expect(fs.readFileSync(path.join(output, "index.html"), "utf8")).toBe("le site d’avant");
  });

  it("dies mid-render: one sentence naming the document, details only with --verbose", async () => {
    // A long zine, so the render is still under way when the fake browser dies (a short one can finish first).
    const long = fs.mkdtempSync(path.join(os.tmpdir(), "zine-browser-failure-long-"));
    folders.push(long);
    writeGeneratedZine(long, { pages: 150 });
    const env = { CHROME_PATH: path.join(FAKES, "dies.sh"), REAL_CHROME: findChromium(), FAKE_BROWSER_LIFETIME: "3", ZINE_DIR: long };
    const output = previousOutput();
    const run = await runBuild({ output, env });
    expect(run.exitCode).not.toBe(0);
    expectOneSentence(run.stderr, /Le navigateur s’est arrêté pendant la mise en page de \/imprimer\/[a-z-]+\/ \(plantage ou mémoire épuisée\) →/);
    expect(fs.readdirSync(output)).toEqual(["index.html"]);

    const verbose = await runBuild({ output, env, args: ["--verbose"] });
    expect(verbose.exitCode).not.toBe(0);
    expect(verbose.stderr).toContain("Détails (--verbose)");
    expect(verbose.stderr).toMatch(/closed|crash/i);
    expect(fs.readFileSync(path.join(output, "index.html"), "utf8")).toBe("le site d’avant");
  });
});
