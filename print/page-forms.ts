/**
 * Pages of one PDF as form XObjects of another, each framed on a box of the
 * page (its trim for a booklet, its MediaBox for the offset file), to be
 * drawn where imposition puts them.
 *
 * A page whose content is one plain Flate stream keeps that stream, copied as
 * it is with its resources: pdf-lib's embedding (embedPages) would inflate it
 * in JavaScript and deflate it again, most of an imposition's time (a form is
 * drawn between q and Q by itself, so the stream needs nothing around it).
 * Any other page is embedded by pdf-lib, on the same box: the same drawing
 * either way (BBox the box, Matrix moving the box's corner to 0 0).
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFObjectCopier,
  PDFRawStream,
  PDFRef,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
  type PDFPage,
} from "pdf-lib";
import { isPlainFlate, lookup } from "./grey-ink.ts";

export interface FormBox {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/** A page as a form: where it is in `out`, and its size (its box's). */
export interface PageForm {
  ref: PDFRef;
  width: number;
  height: number;
}

/** `pages` (of one source document) as forms of `out`; `boxes[i]` frames page i (default: its MediaBox). */
export async function pageForms(out: PDFDocument, source: PDFDocument, pages: PDFPage[], boxes?: FormBox[]): Promise<PageForm[]> {
  // One copier for every page: each font is copied once.
  const copier = PDFObjectCopier.for(source.context, out.context);
  const forms: PageForm[] = [];
  for (const [i, page] of pages.entries()) {
    const media = page.getMediaBox();
    const box = boxes?.[i] ?? { left: media.x, bottom: media.y, right: media.x + media.width, top: media.y + media.height };
    const [width, height] = [box.right - box.left, box.top - box.bottom];
    const copied = copier.copy(page.node) as PDFDict;
    const contents = lookup(out.context, copied.get(PDFName.of("Contents")));
    const stream = contents instanceof PDFArray ? (contents.size() === 1 ? lookup(out.context, contents.get(0)) : undefined) : contents;
    if (stream instanceof PDFRawStream && isPlainFlate(stream)) {
      const dict = {
        Type: "XObject",
        Subtype: "Form",
        BBox: [box.left, box.bottom, box.right, box.top],
        Matrix: [1, 0, 0, 1, -box.left, -box.bottom],
        Resources: copied.get(PDFName.of("Resources")) ?? {},
        Filter: "FlateDecode",
      };
      forms.push({ ref: out.context.register(out.context.stream(stream.getContents(), dict)), width, height });
    } else {
      const [embedded] = await out.embedPages([page], [box]);
      forms.push({ ref: embedded.ref, width, height });
    }
  }
  return forms;
}

/** Draws `form` on `page` with its box's lower-left corner at (x, y), its own size. */
export function drawForm(page: PDFPage, form: PageForm, x: number, y: number): void {
  const name = page.node.newXObject("Page", form.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, x, y), drawObject(name), popGraphicsState());
}
