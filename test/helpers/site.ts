/** Builds the real site once into a temp folder and reads what came out. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../../scripts/site/build-site.ts";
import { fileForUrl, listFiles } from "../../scripts/lib/site-files.ts";

export async function buildSiteToTemp(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-site-"));
  await buildSite(dir);
  return dir;
}

export function readPage(outputDir: string, url: string): string {
  return fs.readFileSync(fileForUrl(outputDir, url), "utf8");
}

export function htmlFiles(outputDir: string): string[] {
  return listFiles(outputDir).filter((f) => f.endsWith(".html"));
}
