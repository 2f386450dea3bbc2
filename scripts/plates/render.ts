/**
 * The plates module's one entry point: a key and a variant in, an SVG
 * string out. Drawing is pure and seeded, so results are memoised.
 */
import { drawPlate, plates, type PlateSpec } from "./catalogue.ts";
import { toSvg, type Variant } from "./svg.ts";
import { platesFingerprint } from "./fingerprint.ts";
import { cachedSync } from "../lib/disk-cache.ts";

export type { Variant } from "./svg.ts";
export { plates, plateKeys, isPlateKey } from "./catalogue.ts";

const memo = new Map<string, string>();

/**
 * `printWidthMm`: how wide the plate is printed, when the print edition
 * knows better than the catalogue's default (the smallest place it is used);
 * print stroke widths are computed from it so none falls under 0.25 pt.
 */
export function plateSvg(key: string, variant: Variant = "web", printWidthMm?: number): string {
  const id = `${key}:${variant}:${printWidthMm ?? ""}`;
  let svg = memo.get(id);
  if (svg === undefined) {
    // Drawing is the costly part of a site build: on disk, keyed by the plates' code and fonts.
    svg = cachedSync("planches-svg", [platesFingerprint(), id], () => {
      const { spec, sheet } = drawPlate(key);
      return toSvg(sheet, { variant, title: spec.alt, printWidthMm: printWidthMm ?? spec.printWidthMm });
    }).toString("utf8");
    memo.set(id, svg);
  }
  return svg;
}

export function plateSpec(key: string): PlateSpec {
  const spec = plates[key];
  if (!spec) throw new Error(`planche inconnue « ${key} »`);
  return spec;
}
