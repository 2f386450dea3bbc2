/**
 * Impose stage: finished pages placed on printer sheets with pdf-lib, in the
 * order print/imposition.ts decides.
 * - the booklet: two A5 pages per side of an A4 landscape sheet, saddle-stitch
 *   order, optional creep compensation;
 * - the mini-zine: eight small pages on one side of one A4 landscape sheet,
 *   the top row upside down, with a dashed line where to cut.
 */
import { PDFDocument, degrees, grayscale, type PDFEmbeddedPage, type PDFPage } from "pdf-lib";
import { saddleStitchSheets, creepShifts, miniZinePanels, mmToPt } from "./imposition.ts";
import { setStableMetadata, setPrintDialog, saveStable, readPdf } from "./finish.ts";
import { deflatingWithZlib } from "./deflate.ts";
import { drawForm, pageForms } from "./page-forms.ts";
import { edition, type Size } from "./editions.ts";

const points = (size: Size): [number, number] => [mmToPt(size.widthMm), mmToPt(size.heightMm)];

/** The page's trim box as pdf-lib's embedding box. */
function trimOf(page: PDFPage) {
  const { x, y, width, height } = page.getTrimBox();
  return { x, y, width, height };
}

export interface ImposeMeta {
  date: Date;
  title: string;
  author: string;
  subject: string;
  lang?: string;
}

/**
 * The booklet. `creepMm` is how far the innermost sheet's pages move toward
 * the fold (0 for a thin zine; about 0.1 mm per sheet of 80 g paper).
 */
export async function imposeBooklet(a5: Uint8Array | PDFDocument, meta: ImposeMeta, creepMm = 0): Promise<Uint8Array> {
  // Its pages are only read: an A5 already loaded (to be checked) serves as it is.
  const source = await readPdf(a5);
  const count = source.getPageCount();
  const sheets = saddleStitchSheets(count);
  const shifts = creepShifts(sheets.length, creepMm).map(mmToPt);
  const out = deflatingWithZlib(await PDFDocument.create({ updateMetadata: false }));
  const [sheetW, sheetH] = points(edition("livret").sheet);
  const pages = source.getPages();

  // Where each page goes; every page appears once, and one copier (pageForms)
  // copies the fonts once for the whole booklet.
  const placements = sheets.flatMap((sheet) =>
    [sheet.front, sheet.back].flatMap((side, sideIndex) =>
      (["left", "right"] as const).map((half) => ({
        side: sheet.index * 2 + sideIndex,
        page: half === "left" ? side.left : side.right,
        half,
        shift: shifts[sheet.index],
      })),
    ),
  );
  const byPage = [...placements].sort((a, b) => a.page - b.page);
  const boxes = byPage.map(({ page, half, shift }) => {
    const { x, y, width, height } = trimOf(pages[page - 1]);
    // Creep: crop `shift` off the fold side of the page, then move it toward the fold.
    return half === "left"
      ? { left: x, bottom: y, right: x + width - shift, top: y + height }
      : { left: x + shift, bottom: y, right: x + width, top: y + height };
  });
  const forms = await pageForms(out, source, byPage.map(({ page }) => pages[page - 1]), boxes);
  const formByPage = new Map(byPage.map(({ page }, i) => [page, forms[i]]));

  const sides = Array.from({ length: sheets.length * 2 }, () => out.addPage([sheetW, sheetH]));
  for (const { side, page, half, shift } of placements) {
    const { width, height } = trimOf(pages[page - 1]);
    const x = half === "left" ? sheetW / 2 - width + shift : sheetW / 2;
    drawForm(sides[side], formByPage.get(page)!, x, (sheetH - height) / 2);
  }
  setStableMetadata(out, meta);
  setPrintDialog(out, { duplex: true });
  return saveStable(out);
}

/** The mini-zine: the 8 pages of `small`, imposed on one A4 sheet. */
export async function imposeMiniZine(small: Uint8Array, meta: ImposeMeta): Promise<Uint8Array> {
  const source = await readPdf(small);
  if (source.getPageCount() !== 8) {
    throw new Error(`le mini-zine doit faire exactement 8 pages, il en fait ${source.getPageCount()} → raccourcissez les textes de print/mini-zine.njk ou réduisez print/mini-zine.css`);
  }
  const out = deflatingWithZlib(await PDFDocument.create({ updateMetadata: false }));
  const [sheetW, sheetH] = points(edition("mini").sheet);
  const target = out.addPage([sheetW, sheetH]);
  const embedded: PDFEmbeddedPage[] = await out.embedPages(
    source.getPages(),
    source.getPages().map((page) => {
      const { x, y, width, height } = trimOf(page);
      return { left: x, bottom: y, right: x + width, top: y + height };
    }),
  );
  const cellW = sheetW / 4;
  const cellH = sheetH / 2;

  for (const panel of miniZinePanels()) {
    const page = embedded[panel.page - 1];
    const scale = Math.min(cellW / page.width, cellH / page.height);
    const w = page.width * scale;
    const h = page.height * scale;
    // PDF y goes up: the top row is row 0, at the top of the sheet.
    const x = panel.column * cellW + (cellW - w) / 2;
    const y = (panel.row === 0 ? cellH : 0) + (cellH - h) / 2;
    if (panel.rotation === 180) {
      // Rotating turns the page around its origin: draw from the opposite corner.
      target.drawPage(page, { x: x + w, y: y + h, xScale: scale, yScale: scale, rotate: degrees(180) });
    } else {
      target.drawPage(page, { x, y, xScale: scale, yScale: scale });
    }
  }

  // The one cut: the middle half of the horizontal fold, dashed in 100 % black.
  target.drawLine({
    start: { x: cellW, y: cellH },
    end: { x: 3 * cellW, y: cellH },
    thickness: 0.5,
    color: grayscale(0),
    dashArray: [3, 3],
  });
  setStableMetadata(out, meta);
  setPrintDialog(out);
  return saveStable(out);
}
