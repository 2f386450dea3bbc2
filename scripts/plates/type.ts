/**
 * Text as outlines, from the project's own fonts (the WOFF files of
 * @fontsource): plates and cards never depend on which fonts a machine has,
 * and librsvg (sharp) never substitutes one.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Font, PathCommand } from "opentype.js";

// Loaded when a font is first needed: a build whose plates and cards all come from the disk cache never loads it.
const require = createRequire(import.meta.url);

const FILES = {
  display: "space-grotesk/files/space-grotesk-latin-700-normal.woff",
  displayMedium: "space-grotesk/files/space-grotesk-latin-500-normal.woff",
  text: "literata/files/literata-latin-400-normal.woff",
  textItalic: "literata/files/literata-latin-400-italic.woff",
} as const;

export type Face = keyof typeof FILES;

const cache = new Map<Face, Font>();

/**
 * Only kerning and standard ligatures: opentype.js 2.0 applies the fonts'
 * other default features wrongly (Space Grotesk loses the text after « li »).
 */
const SHAPING = { kerning: true, features: { liga: true, rlig: true } };

export function font(face: Face): Font {
  let loaded = cache.get(face);
  if (!loaded) {
    const file = path.join(process.cwd(), "node_modules/@fontsource", FILES[face]);
    const bytes = fs.readFileSync(file);
    const opentype = require("opentype.js") as typeof import("opentype.js").default;
    loaded = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    cache.set(face, loaded);
  }
  return loaded;
}

type Command = PathCommand;

/**
 * opentype.js 2.0 leaves NaN in some composite glyphs (é, i: a letter and its
 * accent or dot) at the on-curve point TrueType implies between two
 * off-curve points; librsvg then stops drawing the rest of the text. That
 * point is, by definition, the midpoint of the two control points.
 */
function repair(commands: Command[]): Command[] {
  return commands.map((c, i) => {
    if (c.type === "Z" || (Number.isFinite(c.x) && Number.isFinite(c.y))) return c;
    const next = commands[i + 1];
    const prev = commands[i - 1];
    const fix = (key: "x" | "y"): number => {
      const value = c[key] as number;
      if (Number.isFinite(value)) return value;
      const k1 = key === "x" ? "x1" : "y1";
      if (c.type === "Q" && next?.type === "Q") return ((c[k1] as number) + (next[k1] as number)) / 2;
      return ((prev?.[key] as number) + (next?.[key] as number)) / 2;
    };
    return { ...c, x: fix("x"), y: fix("y") };
  });
}

const n1 = (v: number | undefined): string => String(Math.round((v ?? 0) * 10) / 10);

/** The outline commands of `text` with its baseline starting at (x, y), repaired. */
export function textCommands(text: string, x: number, y: number, size: number, face: Face): PathCommand[] {
  return repair(font(face).getPath(text, x, y, size, SHAPING).commands);
}

/** Path data of `text` with its baseline starting at (x, y). */
export function textPath(text: string, x: number, y: number, size: number, face: Face): string {
  return repair(font(face).getPath(text, x, y, size, SHAPING).commands)
    .map((c) => {
      switch (c.type) {
        case "M":
        case "L":
          return `${c.type}${n1(c.x)} ${n1(c.y)}`;
        case "Q":
          return `Q${n1(c.x1)} ${n1(c.y1)} ${n1(c.x)} ${n1(c.y)}`;
        case "C":
          return `C${n1(c.x1)} ${n1(c.y1)} ${n1(c.x2)} ${n1(c.y2)} ${n1(c.x)} ${n1(c.y)}`;
        default:
          return "Z";
      }
    })
    .join("");
}

export function textWidth(text: string, size: number, face: Face): number {
  return font(face).getAdvanceWidth(text, size, SHAPING);
}

/** Greedy line breaking by measured width (French text has spaces where it may break). */
export function wrap(text: string, size: number, face: Face, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    const tryLine = line ? `${line} ${word}` : word;
    if (line && textWidth(tryLine, size, face) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = tryLine;
  }
  if (line) lines.push(line);
  return lines;
}
