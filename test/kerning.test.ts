/**
 * The web cuts' kerning (scripts/site/kerning.ts): the pairs the pages set
 * side by side, read from the face's own GPOS by HarfBuzz, written as a
 * `kern` table in place of the GPOS. Read back here with opentype.js; in
 * Chromium, test/e2e/fonts.test.ts lays every page out with both cuts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import opentype from "opentype.js";
import { kerningPairs, withKernTable } from "../scripts/site/kerning.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const LITERATA = path.join(ROOT, "node_modules/@fontsource/literata/files/literata-latin-400-normal.woff2");

/** The tables of an sfnt: tag → bytes. */
function tables(sfnt: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(at + 8);
    out.set(sfnt.toString("latin1", at, at + 4), sfnt.subarray(offset, offset + sfnt.readUInt32BE(at + 12)));
  }
  return out;
}

async function cut(text: string): Promise<Buffer> {
  const { default: subsetFont } = await import("subset-font");
  return Buffer.from(await subsetFont(fs.readFileSync(LITERATA), text, { targetFormat: "truetype", noHinting: true, keepFeatures: ["kern", "liga"] }));
}

describe("the kerning the pages use", () => {
  it("finds the pairs the GPOS kerns in the runs, and only those", async () => {
    const sfnt = await cut("ATVaoouvt ");
    const pairs = (await kerningPairs(sfnt, ["Tout va", "AVATAR"], ["kern", "liga"]))!;
    const font = opentype.parse(sfnt.buffer.slice(sfnt.byteOffset, sfnt.byteOffset + sfnt.byteLength) as ArrayBuffer);
    const id = (c: string) => font.charToGlyphIndex(c);
    // « To » and « AV » kern in Literata; « ou », never set apart, is not asked for; « R » is not in the cut.
    expect(pairs.get(id("T") * 65536 + id("o"))).toBeLessThan(0);
    expect(pairs.get(id("A") * 65536 + id("V"))).toBeLessThan(0);
    // Every pair kept is a pair the runs set side by side (R, not in the cut, is glyph 0).
    const adjacent = new Set(["To", "ou", "ut", "t ", " v", "va", "AV", "VA", "AT", "TA", "AR"].map((p) => id(p[0]) * 65536 + id(p[1])));
    expect([...pairs.keys()].filter((key) => !adjacent.has(key))).toEqual([]);
  });

  it("writes them as a kern table in place of the GPOS: same glyphs and tables, checksums right", async () => {
    const sfnt = await cut("ATVaoouvt ");
    const pairs = (await kerningPairs(sfnt, ["Tout va", "AVATAR", "tout À vous"], ["kern", "liga"]))!;
    expect(pairs.size).toBeGreaterThan(2);
    const out = withKernTable(sfnt, pairs)!;
    const before = tables(sfnt);
    const after = tables(out);
    expect(before.has("GPOS")).toBe(true);
    expect(after.has("GPOS")).toBe(false);
    for (const [tag, data] of before) if (tag !== "GPOS" && tag !== "head") expect(after.get(tag)!.equals(data), tag).toBe(true);
    // The head differs only by its checksum adjustment; the whole font then sums to OpenType's magic number.
    expect(after.get("head")!.subarray(12).equals(before.get("head")!.subarray(12))).toBe(true);
    const words = Buffer.concat([out, Buffer.alloc((4 - (out.length % 4)) % 4)]);
    let sum = 0;
    for (let i = 0; i < words.length; i += 4) sum = (sum + words.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
    // opentype.js reads the table back: every pair, its value.
    const font = opentype.parse(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer) as unknown as { kerningPairs: Record<string, number> };
    expect(Object.keys(font.kerningPairs)).toHaveLength(pairs.size);
    for (const [key, value] of pairs) expect(font.kerningPairs[`${Math.floor(key / 65536)},${key % 65536}`]).toBe(value);
  });

  it("leaves a face its GPOS when its pairs would not fit one format 0 subtable", async () => {
    const sfnt = await cut("ATVaoouvt ");
    expect(withKernTable(sfnt, new Map(Array.from({ length: 10_001 }, (_, i) => [i, 1])))).toBeUndefined();
  });
});
