/**
 * Kerning for the web cuts, only as much of it as the pages use. A face cut
 * to the characters of the site still carries its kerning for every pair of
 * those characters (its GPOS: 1 to 2,3 KB of a Literata face, 4,6 KB of the
 * three faces a chapter loads), while the pages put only a few hundred of
 * those pairs side by side. Here each run of text a face shows is shaped by
 * HarfBuzz twice, kerning on and off: the pairs of glyphs whose advance
 * changes are the kerning the pages see, and the cut keeps exactly those, in
 * a `kern` table (the legacy table HarfBuzz, so Chromium, applies when a font
 * has no GPOS kerning), without its GPOS. The glyphs, their advances and the
 * pairs the text shows are the same numbers as before: the text sits where
 * the GPOS put it (tested in Chromium, page by page, against the cut with
 * its GPOS). A cut whose kerning is more than pairs (a glyph moved rather
 * than spaced, a feature that changes glyphs) keeps its GPOS as it is.
 */
import type * as Harfbuzz from "harfbuzzjs";

/** A pair of glyphs as one number: first glyph × 65536 + second glyph. */
export type Pairs = Map<number, number>;

let harfbuzz: Promise<typeof Harfbuzz> | undefined;
const load = (): Promise<typeof Harfbuzz> => (harfbuzz ??= import("harfbuzzjs"));

/** A face's shaper, kerning on or off, and the other features as the site sets them. */
export interface Shaper {
  /** The kerned pairs of glyphs in `text`, added to `pairs`; false when the kerning does more than space pairs. */
  add(text: string, pairs: Pairs): boolean;
}

export async function shaper(sfnt: Uint8Array, features: string[]): Promise<Shaper> {
  const hb = await load();
  const font = new hb.Font(new hb.Face(new hb.Blob(sfnt)));
  const others = features.filter((f) => f !== "kern").map((tag) => new hb.Feature(tag, 1));
  const shape = (text: string, kern: boolean) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer, [new hb.Feature("kern", kern ? 1 : 0), ...others]);
    return buffer.getGlyphInfosAndPositions();
  };
  return {
    add(text, pairs) {
      const kerned = shape(text, true);
      const plain = shape(text, false);
      if (kerned.length !== plain.length) return false;
      for (let i = 0; i < kerned.length; i++) {
        const [k, p] = [kerned[i], plain[i]];
        if (k.codepoint !== p.codepoint || k.xOffset !== p.xOffset || k.yOffset !== p.yOffset || k.yAdvance !== p.yAdvance) return false;
        const delta = (k.xAdvance ?? 0) - (p.xAdvance ?? 0);
        if (!delta) continue;
        // Pair kerning changes the first glyph's advance; a last glyph that moves is kerned by something else.
        if (i + 1 === kerned.length) return false;
        const key = k.codepoint * 65536 + kerned[i + 1].codepoint;
        if (pairs.has(key) && pairs.get(key) !== delta) return false;
        pairs.set(key, delta);
      }
      return true;
    },
  };
}

/** The pairs a face kerns in these runs of text, or undefined when its kerning is more than pairs. */
export async function kerningPairs(sfnt: Uint8Array, runs: Iterable<string>, features: string[]): Promise<Pairs | undefined> {
  const face = await shaper(sfnt, features);
  const pairs: Pairs = new Map();
  for (const run of runs) if (!face.add(run, pairs)) return undefined;
  return pairs;
}

/** A format 0 `kern` table (OpenType's legacy one, version 0): one horizontal subtable of sorted pairs. */
function kernTable(pairs: Pairs): Buffer {
  const entries = [...pairs].sort((a, b) => a[0] - b[0]);
  const n = entries.length;
  let power = 1;
  let log = 0;
  while (power * 2 <= n) [power, log] = [power * 2, log + 1];
  const table = Buffer.alloc(4 + 14 + 6 * n);
  table.writeUInt16BE(0, 0); // version
  table.writeUInt16BE(1, 2); // one subtable
  table.writeUInt16BE(0, 4); // subtable version
  table.writeUInt16BE(14 + 6 * n, 6); // its length
  table.writeUInt16BE(0x0001, 8); // horizontal kerning, format 0
  table.writeUInt16BE(n, 10);
  table.writeUInt16BE(n ? power * 6 : 0, 12);
  table.writeUInt16BE(n ? log : 0, 14);
  table.writeUInt16BE(n ? (n - power) * 6 : 0, 16);
  entries.forEach(([key, value], i) => {
    table.writeUInt16BE(Math.floor(key / 65536), 18 + 6 * i);
    table.writeUInt16BE(key % 65536, 20 + 6 * i);
    table.writeInt16BE(value, 22 + 6 * i);
  });
  return table;
}

const padded = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);

function checksum(data: Buffer): number {
  const words = padded(data);
  let sum = 0;
  for (let i = 0; i < words.length; i += 4) sum = (sum + words.readUInt32BE(i)) >>> 0;
  return sum;
}

/**
 * The font (an sfnt: TrueType or OpenType tables) without its GPOS and with
 * a `kern` table of `pairs`: same glyph ids, same other tables, checksums and
 * the head's adjustment computed again. The 16-bit pair count of a format 0
 * subtable caps it: more pairs than fit keep the GPOS (undefined).
 */
export function withKernTable(sfnt: Uint8Array, pairs: Pairs): Buffer | undefined {
  if (pairs.size > 10_000) return undefined;
  const font = Buffer.from(sfnt);
  const count = font.readUInt16BE(4);
  const tables: { tag: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = font.toString("latin1", at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    if (tag !== "GPOS" && tag !== "kern") tables.push({ tag, data: Buffer.from(font.subarray(offset, offset + font.readUInt32BE(at + 12))) });
  }
  if (pairs.size) tables.push({ tag: "kern", data: kernTable(pairs) });
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const head = tables.find((t) => t.tag === "head");
  if (!head) return undefined;
  head.data.writeUInt32BE(0, 8); // checkSumAdjustment, computed below over the whole font
  let power = 1;
  let log = 0;
  while (power * 2 <= tables.length) [power, log] = [power * 2, log + 1];
  const directory = Buffer.alloc(12 + 16 * tables.length);
  directory.writeUInt32BE(font.readUInt32BE(0), 0);
  directory.writeUInt16BE(tables.length, 4);
  directory.writeUInt16BE(power * 16, 6);
  directory.writeUInt16BE(log, 8);
  directory.writeUInt16BE(tables.length * 16 - power * 16, 10);
  let offset = directory.length;
  tables.forEach(({ tag, data }, i) => {
    const at = 12 + 16 * i;
    directory.write(tag, at, "latin1");
    directory.writeUInt32BE(checksum(data), at + 4);
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(data.length, at + 12);
    offset += padded(data).length;
  });
  const out = Buffer.concat([directory, ...tables.map(({ data }) => padded(data))]);
  const headAt = directory.readUInt32BE(12 + 16 * tables.indexOf(head) + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headAt + 8);
  return out;
}
