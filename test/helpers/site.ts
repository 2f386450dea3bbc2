/** Builds the real site once into a temp folder and reads what came out. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../../scripts/site/build-site.ts";

export async function buildSiteToTemp(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-site-"));
  await buildSite(dir);
  return dir;
}

export function readPage(outputDir: string, url: string): string {
  const file = url.endsWith("/") ? path.join(outputDir, url, "index.html") : path.join(outputDir, url);
  return fs.readFileSync(file, "utf8");
}

export function htmlFiles(outputDir: string): string[] {
  return fs
    .readdirSync(outputDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .sort();
}
