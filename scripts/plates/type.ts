/**
 * Text as outlines, from the project's own fonts (the WOFF files of
 * @fontsource): plates and cards never depend on which fonts a machine has,
 * and librsvg (sharp) never substitutes one.
 */
import fs from "node:fs";
import path from "node:path";
import opentype, { type Font } from "opentype.js";

const FILES = {
  display: "space-grotesk/files/space-grotesk-latin-700-normal.woff",
  displayMedium: "space-grotesk/files/space-grotesk-latin-500-normal.woff",
  text: "literata/files/literata-latin-400-normal.woff",
  textItalic: "literata/files/literata-latin-400-italic.woff",
} as const;

export type Face = keyof typeof FILES;

const cache = new Map<Face, Font>();

export function font(face: Face): Font {
  let loaded = cache.get(face);
  if (!loaded) {
    const file = path.join(process.cwd(), "node_modules/@fontsource", FILES[face]);
    const bytes = fs.readFileSync(file);
    loaded = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    cache.set(face, loaded);
  }
  return loaded;
}

/** Path data of `text` with its baseline starting at (x, y). */
export function textPath(text: string, x: number, y: number, size: number, face: Face): string {
  return font(face).getPath(text, x, y, size, { kerning: true }).toPathData(1);
}

export function textWidth(text: string, size: number, face: Face): number {
  return font(face).getAdvanceWidth(text, size, { kerning: true });
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
