/**
 * Keyboard checks: what has focus after a Tab, and whether a reader can see it.
 */
import type { Page } from "playwright-core";

export interface FocusedElement {
  tag: string;
  id: string;
  className: string;
  text: string;
  href: string | null;
  /** Inside the visible viewport, not clipped away. */
  onScreen: boolean;
  /** Draws an outline or a box-shadow while focused. */
  indicator: boolean;
  /** "inside-main", "after-main" or "before-main" in document order. */
  whereToMain: "inside-main" | "after-main" | "before-main" | "main";
}

export function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const main = document.querySelector("main");
    let where: "inside-main" | "after-main" | "before-main" | "main" = "before-main";
    if (main === element) where = "main";
    else if (main?.contains(element)) where = "inside-main";
    else if (main && main.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) where = "after-main";
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      className: typeof element.className === "string" ? element.className : "",
      text: (element.textContent ?? "").trim().slice(0, 60),
      href: element.getAttribute("href"),
      onScreen: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
      indicator: outline || shadow,
      whereToMain: where,
    };
  });
}
