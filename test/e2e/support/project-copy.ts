/**
 * A throwaway copy of the whole project (everything but node_modules, which is
 * linked, and build output, tests and VCS), where a case can break files and
 * run the real build command.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./build.ts";

const LEFT_OUT = new Set(["node_modules", ".git", "_site", ".build", ".cache", "test", "test-output"]);

export function copyProject(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zine-${prefix}-`));
  for (const entry of fs.readdirSync(PROJECT_ROOT)) {
    if (LEFT_OUT.has(entry) || entry.startsWith(".") && entry.endsWith(".ts")) continue; // scratch probes at the root
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A fingerprint of every file under `dir` (path and bytes), to show a folder was left as it was. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), fs.readFileSync(full).toString("base64"));
  }
  return files;
}
