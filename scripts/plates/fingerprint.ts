/**
 * What every plate's drawing depends on, for the disk cache
 * (scripts/lib/disk-cache.ts): the drawing code in this folder and the fonts
 * its labels are set in. Editing either invalidates every cached plate.
 */
import fs from "node:fs";
import path from "node:path";
import { filesFingerprint } from "../lib/disk-cache.ts";

const HERE = path.dirname(new URL(import.meta.url).pathname);

export function platesFingerprint(): string {
  const code = fs.readdirSync(HERE).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(HERE, f));
  const fonts = path.join(process.cwd(), "node_modules/@fontsource");
  return filesFingerprint([
    ...code,
    ...["space-grotesk/files/space-grotesk-latin-700-normal.woff", "space-grotesk/files/space-grotesk-latin-500-normal.woff", "literata/files/literata-latin-400-normal.woff", "literata/files/literata-latin-400-italic.woff"].map((f) => path.join(fonts, f)),
  ]);
}
