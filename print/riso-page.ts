/**
 * What /imprimer/ says about the riso edition, from the print stage's report
 * (kept apart from print/riso.ts so the site build doesn't load pdf-lib,
 * sharp and Ghostscript's helpers).
 */
import fs from "node:fs";
import path from "node:path";
import { PREFLIGHT_FILE } from "./editions.ts";
import { saddleStitchSides } from "./imposition.ts";

/** The `riso` entry of preflight.json (written by scripts/print/build-print.ts). */
export interface RisoReport {
  /** Every proof page, /imprimer/… URLs, page 1 first. */
  proof: string[];
  /** Pages (1-based) where the pink drum inks something, and where it inks the plates' spot elements. */
  pinkPages: number[];
  platePages: number[];
}

export interface RisoEdition {
  /** The proof pages /imprimer/ shows: the cover and the first page with a plate's pink. */
  shown: { url: string; page: number }[];
  proofCount: number;
  pinkPages: number;
  /** The plates have no spot element: the pink drum carries only the type accents. */
  accentsOnly: boolean;
  /** Masters the studio makes for the booklet, one per drum and sheet side (a side with no pink needs no pink master). */
  masters: { rose: number; noir: number };
}

/** The riso edition as /imprimer/ shows it, from the print stage's report (undefined: no riso files). */
export function risoEdition(riso: RisoReport | undefined): RisoEdition | undefined {
  if (!riso?.proof.length) return undefined;
  const pages = [1, riso.platePages.find((p) => p > 1) ?? riso.pinkPages.find((p) => p > 1)].filter((p): p is number => p !== undefined);
  return {
    shown: pages.map((page) => ({ url: riso.proof[page - 1], page })),
    proofCount: riso.proof.length,
    pinkPages: riso.pinkPages.length,
    accentsOnly: riso.platePages.length === 0,
    masters: masters(riso.proof.length, riso.pinkPages),
  };
}

/** `npm start` has no print stage: the last full build's report, in serve mode only. */
export function lastBuildRisoEdition(outputDir: string, env: NodeJS.ProcessEnv = process.env): RisoEdition | undefined {
  if (env.ELEVENTY_RUN_MODE !== "serve") return undefined;
  const file = path.join(outputDir, PREFLIGHT_FILE);
  if (!fs.existsSync(file)) return undefined;
  return risoEdition((JSON.parse(fs.readFileSync(file, "utf8")) as { riso?: RisoReport }).riso);
}

/** Masters per drum for the booklet's sheet sides. */
export function masters(pages: number, pinkPages: number[]): { rose: number; noir: number } {
  const sides = saddleStitchSides(pages);
  const pink = new Set(pinkPages);
  return { noir: sides.length, rose: sides.filter((side) => pink.has(side.left) || pink.has(side.right)).length };
}
