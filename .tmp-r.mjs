import sharp from "sharp";
import fs from "node:fs";
const [a, b, out, width] = process.argv.slice(2);
const r = (f) => sharp(Buffer.from(fs.readFileSync(f, "utf8").replace(/currentColor/g, "#141414")), { density: 72 * Number(width) / 480 }).flatten({ background: "#fbfaf6" }).resize(Number(width)).png().toBuffer();
const [A, B] = [await r(a), await r(b)];
const meta = await sharp(A).metadata();
await sharp({ create: { width: meta.width * 2 + 10, height: meta.height, channels: 3, background: "#ff0000" } }).composite([{ input: A, left: 0, top: 0 }, { input: B, left: meta.width + 10, top: 0 }]).png().toFile(out);
const [ra, rb] = [await sharp(A).greyscale().raw().toBuffer(), await sharp(B).greyscale().raw().toBuffer()];
let diff = 0, big = 0; for (let i = 0; i < ra.length; i++) { const d = Math.abs(ra[i] - rb[i]); diff += d; if (d > 64) big++; }
console.log("mean abs diff", (diff / ra.length).toFixed(3), "pixels >25%", big, "of", ra.length);
