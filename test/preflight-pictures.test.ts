/**
 * The preflight's two kit checks, on real PDFs: a picture's resolution at its
 * printed size (read from the PDF's objects, checked against poppler's
 * pdfimages), and fonts the project ships.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, degrees } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkPictures, isShippedFont, pictureResolutions, unshippedFontProblem } from "../print/preflight-pictures.ts";

/** A one-page PDF with a 300 × 200 pixel picture drawn `inches` wide. */
async function pdfWithPicture(inches: number): Promise<Uint8Array> {
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#808080" } }).png().toBuffer();
  const doc = await PDFDocument.create();
  const page = doc.addPage([420, 595]);
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: 20, y: 20, width: inches * 72, height: (inches * 72 * 200) / 300 });
  return doc.save({ useObjectStreams: false });
}

describe("pictures at their printed size", () => {
  it("reads the resolution of each picture on its page", async () => {
    expect(await pictureResolutions(await pdfWithPicture(1))).toEqual([{ page: 1, width: 300, height: 200, ppi: 300 }]);
  });

  it("reads it as poppler's pdfimages does, for a picture in an imposed page, turned upside down and scaled", async () => {
    const source = await PDFDocument.load(await pdfWithPicture(1.3));
    const sheet = await PDFDocument.create();
    const [embedded] = await sheet.embedPdf(source, [0]);
    sheet.addPage([842, 595]).drawPage(embedded, { x: 800, y: 580, xScale: 0.5, yScale: 0.5, rotate: degrees(180) });
    const bytes = await sheet.save({ useObjectStreams: false });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zine-pictures-")), "sheet.pdf");
    fs.writeFileSync(file, bytes);
    const poppler = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[2] === "image")
      .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), ppi: Math.min(Number(cols[12]), Number(cols[13])) }));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(poppler).toEqual([{ page: 1, width: 300, height: 200, ppi: 462 }]);
    expect(await pictureResolutions(bytes)).toEqual(poppler);
  });

  it("passes 300 dpi, warns under 200 dpi, refuses under 100 dpi, in French", async () => {
    expect(await checkPictures(await pdfWithPicture(1))).toEqual({ problems: [], warnings: [] });
    const soft = await checkPictures(await pdfWithPicture(2));
    expect(soft.problems).toEqual([]);
    expect(soft.warnings.join()).toMatch(/150 dpi.*→/);
    const blocky = await checkPictures(await pdfWithPicture(4));
    expect(blocky.problems.join()).toMatch(/page 1 : 75 dpi.*→ remplacez-la/);
  });
});

describe("fonts", () => {
  it("accepts the faces the project ships and refuses any other, saying what to do", () => {
    for (const name of ["ABCDEF+Literata-Regular", "Literata-BoldItalic", "SpaceGroteskLight-Medium", "QWERTY+IBMPlexMono"]) expect(isShippedFont(name), name).toBe(true);
    for (const name of ["NotoSansMono-Regular", "ABCDEF+DejaVuSans", "LiberationSerif"]) expect(isShippedFont(name), name).toBe(false);
    expect(unshippedFontProblem("NotoSansMono-Regular")).toMatch(/NotoSansMono-Regular.*→/);
  });
});
