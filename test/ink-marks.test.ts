/**
 * One print, three files: the marks print/encres.css paints the riso drums'
 * parts with, and how print/grey-ink.ts cuts a content stream to the reading
 * edition, the black drum or the pink drum. The e2e riso tests check the
 * drums of real zines; these check the cut on streams written by hand.
 */
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { paintOf, hasMark, separateContent, MARK_BASE, MARK_FILES } from "../print/grey-ink.ts";

/** A mark as Skia writes it: rgb(v, 255 − v, MARK_BASE + files), 4 decimals. */
const mark = (v: number, files: number, op = "rg") => [v, 255 - v, MARK_BASE + files].map((c) => Number((c / 255).toFixed(4))).join(" ") + ` ${op}`;
const { lecture, noir, rose } = MARK_FILES;

describe("the marks", () => {
  it("tell a grey (reading edition and black drum) from a mark (its grey and files) and from a colour", () => {
    expect(paintOf(0.5, 0.5, 0.5)).toEqual({ grey: 0.5, files: lecture | noir });
    const [r, g, b] = mark(191, rose).split(" ").map(Number);
    expect(paintOf(r, g, b)).toEqual({ grey: 0.749, files: rose });
    expect(paintOf(1, 0, 0.5)).toBeUndefined();
    expect(hasMark(`0 0 0 rg 1 1 1 RG`)).toBe(false);
    expect(hasMark(`0 0 0 rg ${mark(0, lecture | rose)}`)).toBe(true);
  });

  it("are the ones print/encres.css paints with", () => {
    const css = fs.readFileSync(path.resolve("print/encres.css"), "utf8");
    const marks = [...css.matchAll(/--riso-[a-z-]+:\s*rgb\((\d+) (\d+) (\d+)\)/g)].map((m) => paintOf(...(m.slice(1, 4).map((c) => Number(c) / 255) as [number, number, number])));
    expect(marks).toEqual([
      { grey: 0, files: lecture },
      { grey: 0, files: rose },
      { grey: 0.749, files: rose },
      { grey: 0, files: lecture | rose },
      { grey: 1, files: lecture | noir | rose },
    ]);
  });
});

describe("cutting the one print", () => {
  // A black line, a dashed line for the reading edition only, a pink tint, a white knock-out on every file, a clip.
  const content = [
    "q 0 0 100 100 re W n",
    "0 0 0 RG 0 0 m 10 10 l S",
    `${mark(0, lecture, "RG")} 0 5 m 10 15 l S`,
    `${mark(191, rose)} 0 0 m 5 5 l 5 0 l h f`,
    `${mark(255, lecture | noir | rose)} 1 1 2 2 re f`,
    "Q",
  ].join("\n");

  it("keeps in each file only its paints, every colour in grey, the clip everywhere", () => {
    const reading = separateContent(content, "lecture");
    expect(reading).toContain("0 0 100 100 re W n");
    expect(reading).toContain("0 G 0 0 m 10 10 l S");
    expect(reading).toContain("0 G 0 5 m 10 15 l S");
    expect(reading).not.toContain("5 0 l h f");
    expect(reading).toContain("1 g 1 1 2 2 re f");
    expect(reading).not.toMatch(/\brg\b|\bRG\b/);

    const pink = separateContent(content, "rose");
    expect(pink).toContain("0 0 100 100 re W n");
    expect(pink).not.toContain("10 10 l S");
    expect(pink).not.toContain("10 15 l S");
    expect(pink).toContain("0.749 g 0 0 m 5 5 l 5 0 l h f");
    expect(pink).toContain("1 1 2 2 re f");

    const black = separateContent(content, "noir");
    expect(black).toContain("0 0 m 10 10 l S");
    expect(black).not.toContain("10 15 l S");
    expect(black).not.toContain("5 0 l h f");
    expect(black).toContain("1 1 2 2 re f");
  });

  it("drops text the file does not show with its text object, and names a font only before text that uses it", () => {
    const text = [
      "/P <</MCID 0 >>BDC BT /F1 10 Tf 1 0 0 -1 10 20 Tm 0 0 0 rg <0001> Tj ET EMC",
      `/P <</MCID 1 >>BDC BT /F2 64 Tf 1 0 0 -1 50 20 Tm ${mark(0, rose)} <0002> Tj ET EMC`,
      "BT /F1 10 Tf 1 0 0 -1 10 40 Tm 0 0 0 rg <0003> Tj /Span<</ActualText <feff00ad> >> BDC 5 0 Td <0004> Tj EMC ET",
    ].join("\n");
    const pink = separateContent(text, "rose", { untagged: true });
    expect(pink).toContain("<0002> Tj");
    expect(pink).toContain("/F2 64 Tf");
    expect(pink).not.toMatch(/<000[134]>|\/F1|MCID|ActualText/);
    const black = separateContent(text, "noir", { untagged: true });
    expect(black).not.toMatch(/<0002>|\/F2|MCID/);
    // A soft hyphen's ActualText stays with its glyph: text extraction reads the drum as the reading edition.
    expect(black).toContain("/Span<</ActualText <feff00ad> >> BDC 5 0 Td <0004> Tj EMC");
    const reading = separateContent(text, "lecture");
    expect(reading).toContain("/P <</MCID 1 >>BDC");
    expect(reading).not.toContain("<0002>");
    // The font is still F1 when the third text object shows: named once.
    expect(reading.match(/\/F1 10 Tf/g)).toHaveLength(1);
  });

  it("collects a colour that is neither a grey nor a mark (a drum refuses it)", () => {
    const colours = new Set<string>();
    separateContent("1 0 0.5 rg 0 0 5 5 re f", "noir", { colours });
    expect([...colours]).toEqual(["rgb(1 0 0.5)"]);
  });
});
