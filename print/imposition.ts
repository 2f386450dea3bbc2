/**
 * The arithmetic of imposition, without a PDF in sight: which page goes where
 * on which sheet. Pure functions, so every case can be unit-tested and the
 * PDF code in print/impose.ts only has to draw what these decide.
 *
 * Page numbers are 1-based, as printed on the pages; `null` is a blank slot.
 */

/** How many blank pages bring `pages` to a multiple of `multiple` (4 for a folded booklet). */
export function paddingNeeded(pages: number, multiple = 4): number {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`nombre de pages invalide : ${pages}`);
  return (multiple - (pages % multiple)) % multiple;
}

/** One side of a sheet: the page on the left half and the page on the right half. */
export interface SheetSide {
  left: number;
  right: number;
}

export interface Sheet {
  /** 0 for the outermost sheet (the one that carries the covers). */
  index: number;
  front: SheetSide;
  back: SheetSide;
}

/**
 * Saddle-stitch order: sheets nested inside each other, folded once and
 * stapled in the fold. For N pages, sheet i carries N−2i | 2i+1 on the front
 * and 2i+2 | N−2i−1 on the back, so the reader meets 1, 2, 3… in order.
 * The back is printed duplex flipping on the short edge: no rotation needed.
 */
export function saddleStitchSheets(pages: number): Sheet[] {
  if (pages % 4 !== 0 || pages < 4) {
    throw new RangeError(`un livret piqué demande un multiple de 4 pages, pas ${pages}`);
  }
  const sheets: Sheet[] = [];
  for (let i = 0; i < pages / 4; i++) {
    sheets.push({
      index: i,
      front: { left: pages - 2 * i, right: 2 * i + 1 },
      back: { left: 2 * i + 2, right: pages - 2 * i - 1 },
    });
  }
  return sheets;
}

/** The sheet sides in printing order (front, back, front, back…), as a flat list. */
export function saddleStitchSides(pages: number): SheetSide[] {
  return saddleStitchSheets(pages).flatMap((sheet) => [sheet.front, sheet.back]);
}

/**
 * Creep: in a thick booklet the inner sheets stick out at the fore-edge once
 * folded, so after trimming their outer margin is smaller. We move each sheet's
 * pages toward the fold, nothing for the outermost sheet and `innermostMm` for
 * the innermost one, linearly in between (a good model for uniform paper).
 * Returns the shift of each sheet, in mm, outermost first.
 */
export function creepShifts(sheets: number, innermostMm: number): number[] {
  if (!Number.isInteger(sheets) || sheets < 1) throw new RangeError(`nombre de feuilles invalide : ${sheets}`);
  if (!Number.isFinite(innermostMm) || innermostMm < 0) {
    throw new RangeError(`chasse invalide : ${innermostMm} mm (un nombre de millimètres ≥ 0, par exemple 0.3)`);
  }
  if (sheets === 1) return [0];
  return Array.from({ length: sheets }, (_, i) => (innermostMm * i) / (sheets - 1));
}

/** A panel of the one-sheet mini-zine: which page, where on the sheet, turned or not. */
export interface Panel {
  page: number;
  /** 0 = top row, 1 = bottom row, on an A4 sheet in landscape. */
  row: 0 | 1;
  /** 0…3 from the left. */
  column: 0 | 1 | 2 | 3;
  /** The top row is printed upside down: it ends up upright once folded behind. */
  rotation: 0 | 180;
}

/**
 * The classic 8-page mini-zine: one A4 sheet in landscape, 4 columns × 2 rows.
 * Fold it in half along the long side with the print outside, cut the middle
 * half of that fold, push the ends together and fold into a booklet. Working
 * the folds out gives the top row 5 4 3 2 (upside down) and the bottom row
 * 6 7 8 1 (upright), the front cover bottom right and the back cover beside it.
 */
export function miniZinePanels(): Panel[] {
  const top = [5, 4, 3, 2];
  const bottom = [6, 7, 8, 1];
  const panels: Panel[] = [];
  top.forEach((page, column) => panels.push({ page, row: 0, column: column as Panel["column"], rotation: 180 }));
  bottom.forEach((page, column) => panels.push({ page, row: 1, column: column as Panel["column"], rotation: 0 }));
  return panels;
}

export const MM = 72 / 25.4;

/** Millimetres to PDF points. */
export function mmToPt(mm: number): number {
  return mm * MM;
}

/** PDF points to millimetres. */
export function ptToMm(pt: number): number {
  return pt / MM;
}
