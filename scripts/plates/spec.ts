/**
 * What a plate of the generated series is: how it is drawn, at which size.
 * Its words (caption, alt text, legend) belong to the content that uses it
 * (a chapter's front matter, site.yaml's cover; the printing diagrams'
 * words are in the language tables), never to this code.
 */
import type { Sheet } from "./sheet.ts";
import type { View } from "./projection.ts";

export interface PlateSpec {
  width: number;
  height: number;
  view: View;
  /**
   * Printed width on paper by default: the smallest place the plate is used
   * (the cover also sits on the mini-zine), so the 0.25 pt floor holds there;
   * bigger prints get bolder lines, or pass their width to the shortcode.
   */
  printWidthMm: number;
  /** The kind of plate, for the contact sheet. */
  kind: "couverture" | "chapitre" | "vignette" | "schéma";
  draw(s: Sheet): void;
}
