/**
 * Every built page through a real HTML validator (html-validate, its
 * recommended rules plus our .htmlvalidate.json): 0 errors.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HtmlValidate, FileSystemConfigLoader, type ConfigData } from "html-validate";
import { buildInto, fileForUrl, htmlPages, PROJECT_ROOT } from "./support/build.ts";

const site = await buildInto("validity", { args: ["--only=site"] });
const pages = htmlPages(site);
const validator = new HtmlValidate(new FileSystemConfigLoader());

afterAll(() => fs.rmSync(path.dirname(site), { recursive: true, force: true }));

it("checks every page the build wrote", () => {
  expect(pages.length).toBeGreaterThanOrEqual(10);
});

// A print document holds the whole zine in one HTML page, one <h1> per chapter: Paged.js starts a
// chapter and its running head at each. Reading pages keep the one-<h1> rule.
const PRINT_DOCUMENT_RULES: ConfigData = { rules: { "heading-level": ["error", { allowMultipleH1: true }] } };
const isPrintDocument = (html: string) => html.includes('<meta name="zine-slug"');

describe.each(pages)("%s", (urlPath) => {
  it("is valid HTML", async () => {
    const html = fs.readFileSync(fileForUrl(site, urlPath), "utf8");
    // Validated as if it lived in the project, so the project's .htmlvalidate.mjs applies.
    const filename = path.join(PROJECT_ROOT, "_site", urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath);
    const report = isPrintDocument(html)
      ? await validator.validateString(html, filename, PRINT_DOCUMENT_RULES)
      : await validator.validateString(html, filename);
    const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  });
});
