/** A built site as files: what is in it, and which file a URL path is. */
import fs from "node:fs";
import path from "node:path";

/** Every file under `dir`, relative to it, in a stable order. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The file a URL path is served from, as a static host does: /x/ → /x/index.html. */
export function fileForUrl(siteDir: string, urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  return path.join(siteDir, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
}
