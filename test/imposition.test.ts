/** The imposition arithmetic, without a PDF: page order, creep, mini-zine panels, padding. */
import { describe, it, expect } from "vitest";
import {
  paddingNeeded,
  saddleStitchSheets,
  saddleStitchSides,
  creepShifts,
  miniZinePanels,
  mmToPt,
  ptToMm,
} from "../print/imposition.ts";

describe("paddingNeeded", () => {
  it("brings any page count to the next multiple of 4", () => {
    expect([1, 2, 3, 4, 5, 25, 26, 27, 28].map((n) => paddingNeeded(n))).toEqual([3, 2, 1, 0, 3, 3, 2, 1, 0]);
  });
  it("refuses nonsense", () => {
    expect(() => paddingNeeded(0)).toThrow(RangeError);
    expect(() => paddingNeeded(2.5)).toThrow(RangeError);
  });
});

describe("saddleStitchSheets", () => {
  it("imposes 4 pages on one sheet: 4|1 then 2|3", () => {
    expect(saddleStitchSheets(4)).toEqual([{ index: 0, front: { left: 4, right: 1 }, back: { left: 2, right: 3 } }]);
  });

  it("imposes 8 pages on two nested sheets", () => {
    expect(saddleStitchSides(8)).toEqual([
      { left: 8, right: 1 },
      { left: 2, right: 7 },
      { left: 6, right: 3 },
      { left: 4, right: 5 },
    ]);
  });

  it("imposes 12 and 16 pages", () => {
    expect(saddleStitchSides(12).map((s) => [s.left, s.right])).toEqual([
      [12, 1], [2, 11], [10, 3], [4, 9], [8, 5], [6, 7],
    ]);
    expect(saddleStitchSides(16).map((s) => [s.left, s.right])).toEqual([
      [16, 1], [2, 15], [14, 3], [4, 13], [12, 5], [6, 11], [10, 7], [8, 9],
    ]);
  });

  for (const pages of [4, 8, 12, 16, 28, 32]) {
    it(`${pages} pages: every page once, facing pages sum to N+1, the centre spread is N/2 | N/2+1`, () => {
      const sides = saddleStitchSides(pages);
      expect(sides).toHaveLength(pages / 2);
      const all = sides.flatMap((s) => [s.left, s.right]).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
      for (const side of sides) expect(side.left + side.right).toBe(pages + 1);
      // The innermost sheet's back is the centre spread, read flat.
      expect(sides.at(-1)).toEqual({ left: pages / 2, right: pages / 2 + 1 });
      // Odd pages are always on the right of the spread they end up in once folded.
      const sheets = saddleStitchSheets(pages);
      for (const sheet of sheets) {
        expect(sheet.front.right % 2).toBe(1);
        expect(sheet.back.left % 2).toBe(0);
      }
    });
  }

  it("refuses a page count that is not a multiple of 4", () => {
    expect(() => saddleStitchSheets(6)).toThrow(/multiple de 4/);
    expect(() => saddleStitchSheets(0)).toThrow(RangeError);
  });
});

describe("creepShifts", () => {
  it("moves nothing on the outer sheet and the full amount on the innermost", () => {
    expect(creepShifts(7, 0.6)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((v) => expect.closeTo(v, 10)));
  });
  it("is linear in between and zero without creep", () => {
    expect(creepShifts(8, 0)).toEqual(Array(8).fill(0));
    expect(creepShifts(1, 0.5)).toEqual([0]);
    const shifts = creepShifts(4, 0.3);
    expect(shifts[1] - shifts[0]).toBeCloseTo(shifts[3] - shifts[2], 10);
  });
  it("refuses a negative or missing amount", () => {
    expect(() => creepShifts(4, -1)).toThrow(/chasse/);
    expect(() => creepShifts(4, Number.NaN)).toThrow(/chasse/);
  });
});

describe("miniZinePanels", () => {
  const panels = miniZinePanels();
  it("has 8 panels, every page once, 4 per row", () => {
    expect(panels).toHaveLength(8);
    expect(panels.map((p) => p.page).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(panels.filter((p) => p.row === 0)).toHaveLength(4);
  });
  it("puts 5 4 3 2 upside down on top and 6 7 8 1 upright below", () => {
    const row = (r: 0 | 1) => panels.filter((p) => p.row === r).sort((a, b) => a.column - b.column);
    expect(row(0).map((p) => p.page)).toEqual([5, 4, 3, 2]);
    expect(row(0).every((p) => p.rotation === 180)).toBe(true);
    expect(row(1).map((p) => p.page)).toEqual([6, 7, 8, 1]);
    expect(row(1).every((p) => p.rotation === 0)).toBe(true);
  });
  it("keeps the covers side by side and each spread's pages next to each other", () => {
    const at = (page: number) => panels.find((p) => p.page === page)!;
    // Front and back covers share the bottom row, back cover just left of the front.
    expect(at(8).column + 1).toBe(at(1).column);
    // Spreads 2|3 and 4|5 sit side by side on the top row (mirrored: upside down).
    expect(Math.abs(at(2).column - at(3).column)).toBe(1);
    expect(Math.abs(at(4).column - at(5).column)).toBe(1);
    // Spread 6|7 sits side by side on the bottom row.
    expect(at(7).column - at(6).column).toBe(1);
  });
});

describe("units", () => {
  it("converts A5 and A4 between mm and points", () => {
    expect(mmToPt(148)).toBeCloseTo(419.53, 2);
    expect(mmToPt(210)).toBeCloseTo(595.28, 2);
    expect(ptToMm(841.89)).toBeCloseTo(297, 2);
  });
});
