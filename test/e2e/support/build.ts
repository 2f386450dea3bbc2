/**
 * Runs the real build command (`tsx scripts/build.ts`) as a child process, the
 * way a person or CI runs `npm run build`, into an output folder of our choice.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { listFiles } from "../../../scripts/lib/site-files.ts";

export { listFiles, fileForUrl } from "../../../scripts/lib/site-files.ts";
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");

const TSX = path.join(PROJECT_ROOT, "node_modules/.bin/tsx");

export interface BuildRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface BuildOptions {
  /** Where the project lives (a copy of it for bad-input cases). */
  cwd?: string;
  /** The folder the build publishes to (ZINE_OUTPUT). */
  output: string;
  /** Extra build arguments, e.g. ["--only=site"]. */
  args?: string[];
  env?: Record<string, string>;
}

/** Runs `program` to its end, collecting what it printed. */
export function runProgram(program: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
  });
}

export function runBuild({ cwd = PROJECT_ROOT, output, args = [], env = {} }: BuildOptions): Promise<BuildRun> {
  return runProgram(TSX, ["scripts/build.ts", ...args], { cwd, env: { ...process.env, ...env, ZINE_OUTPUT: output, FORCE_COLOR: "0", NO_COLOR: "1" } });
}

/** Builds into a fresh temp folder and fails loudly if the build does. */
export async function buildInto(prefix: string, options: Omit<BuildOptions, "output"> = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zine-${prefix}-`));
  const output = path.join(dir, "_site");
  const run = await runBuild({ ...options, output });
  if (run.exitCode !== 0) throw new Error(`build failed (exit ${run.exitCode}):\n${run.stderr}\n${run.stdout}`);
  return output;
}

/** The HTML pages of a built site, as URL paths ("/", "/chapitres/x/", "/404.html"). */
export function htmlPages(siteDir: string): string[] {
  return listFiles(siteDir)
    .filter((file) => file.endsWith(".html"))
    .map((file) => "/" + file.split(path.sep).join("/").replace(/(^|\/)index\.html$/, "$1"));
}

