/**
 * A throwaway copy of the project (content, templates, code; node_modules
 * linked) where a test can break one file and run the real build command.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COPIED = ["src", "_data", "_includes", "print", "scripts", "eleventy.config.ts", "package.json", "tsconfig.json"];

export function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-project-"));
  for (const entry of COPIED) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

export interface BuildRun {
  status: number | null;
  output: string;
}

/** Runs `npm run build:site`'s command in `dir`, with the output in `_site`. */
export function runSiteBuild(dir: string): BuildRun {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", "--only=site"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ZINE_OUTPUT: "_site" },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
