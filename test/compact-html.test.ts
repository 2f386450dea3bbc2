/**
 * Reading pages lose their templates' indentation, never a space a reader
 * sees: inside <pre> and <textarea> every space stays.
 */
import { describe, expect, it } from "vitest";
import { compactHtml } from "../scripts/site/compact-html.ts";

describe("compactHtml", () => {
  it("drops the spaces that start a line, keeps the line breaks (they still part words)", () => {
    expect(compactHtml("<ul>\n    <li>un\n      deux</li>\n\t<li>trois</li>\n</ul>")).toBe("<ul>\n<li>un\ndeux</li>\n<li>trois</li>\n</ul>");
  });

  it("leaves the inside of <pre> and <textarea> as written", () => {
    const code = "<pre><code>if (x) {\n    y();\n}\n</code></pre>";
    const field = '<textarea name="t">\n  indenté\n</textarea>';
    expect(compactHtml(`<main>\n  ${code}\n  <p>a</p>\n  ${field}\n</main>`)).toBe(`<main>\n${code}\n<p>a</p>\n${field}\n</main>`);
  });

  it("keeps spaces inside a line", () => {
    expect(compactHtml("<p>a  b <em>c</em> d</p>")).toBe("<p>a  b <em>c</em> d</p>");
  });
});
