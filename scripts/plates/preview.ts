/**
 * For looking at the plates while drawing them:
 *   npx tsx scripts/plates/preview.ts /tmp/planches [key…]
 * writes every plate (or the ones named) as PNG, on screen paper and on
 * white paper for print, plus one contact sheet of all of them, and prints
 * each plate's size and the time to draw them all.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { plateKeys, plateSvg, INK, PAPER } from "./index.ts";

const [dir = "/tmp/planches", ...only] = process.argv.slice(2);
const keys = only.length ? only : plateKeys;
fs.mkdirSync(dir, { recursive: true });

const started = performance.now();
for (const key of plateKeys) for (const variant of ["web", "print"] as const) plateSvg(key, variant);
console.log(`${plateKeys.length} planches × 2 variantes dessinées en ${Math.round(performance.now() - started)} ms`);

async function toPng(svg: string, width: number, background: string): Promise<Buffer> {
  const [, w, h] = svg.match(/viewBox="0 0 (\d+) (\d+)"/)!.map(Number);
  const height = Math.round((width * h) / w);
  const sized = svg.replace("<svg ", `<svg width="${width}" height="${height}" color="${INK}" `);
  return sharp(Buffer.from(sized)).flatten({ background }).png().toBuffer();
}

const tiles: Buffer[] = [];
for (const key of keys) {
  const web = plateSvg(key, "web");
  const print = plateSvg(key, "print");
  fs.writeFileSync(path.join(dir, `${key}.png`), await toPng(web, 1000, PAPER));
  fs.writeFileSync(path.join(dir, `${key}-impression.png`), await toPng(print, 1000, "#ffffff"));
  tiles.push(await sharp(await toPng(web, 480, PAPER)).resize({ width: 480, height: 360, fit: "contain", background: PAPER }).png().toBuffer());
  console.log(`${key.padEnd(20)} écran ${(Buffer.byteLength(web) / 1024).toFixed(1)} Ko · papier ${(Buffer.byteLength(print) / 1024).toFixed(1)} Ko`);
}
const cols = 4;
await sharp({ create: { width: cols * 480, height: Math.ceil(tiles.length / cols) * 360, channels: 3, background: PAPER } })
  .composite(tiles.map((input, i) => ({ input, left: (i % cols) * 480, top: Math.floor(i / cols) * 360 })))
  .png()
  .toFile(path.join(dir, "planche-contact.png"));
console.log(`→ ${dir}/planche-contact.png`);
