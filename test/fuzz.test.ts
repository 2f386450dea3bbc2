/**
 * Property-based test (fast-check): thousands of chapter files a person might
 * write — random types, missing and extra fields, odd Unicode, huge strings,
 * nested containers, unbalanced `:::`, footnotes without definitions, raw HTML —
 * go through the real parsing and rendering code: the front matter parser
 * (scripts/site/front-matter.ts), the chapter schema with its French messages
 * (_data/schema.ts, scripts/site/content-error.ts), the one markdown-it instance
 * and the French typography. Each either renders, with every value that reached
 * the output equal to what was written, or is refused with a ContentError that
 * names the file and the field. Never another error, never a stack, never a hang.
 */
import fs from "node:fs";
import fc from "fast-check";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../scripts/site/front-matter.ts";
import { checkContent, ContentError } from "../scripts/site/content-error.ts";
import { chapterSchema } from "../_data/schema.ts";
import { markdown } from "../scripts/site/markdown.ts";
import { texte, isoDate } from "../scripts/site/filters.ts";

const FILE = "mon-zine/chapitres/04-essai.md";
const FIELDS = ["title", "order", "summary", "plate", "date"];
/** Time bound for one case: parsing and rendering a chapter, huge or not. */
const BOUND_MS = 2000;

// ---------- what a person writes ----------

const oddText = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 8, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 8, arbitrary: fc.constantFrom("", " ", "\u202F", "l'État", "« citation »", "Quoi ?!", "a: b", "- x", "#", "'", '"', "\\", "é\u0301", "👩‍👩‍👧", "\u200B", "\uFEFF", "%E9", "{{ x }}", "{% raw %}", "<script>alert(1)</script>") },
  // Huge: a pasted book in a field (rare, or the run would last minutes).
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 20_000, maxLength: 60_000 }) },
);

const nested: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, oddText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), tie("value"), { maxKeys: 3 })),
})).value;

const dateText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 })).map(
    ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  ),
  fc.constantFrom("2026-31-03", "2026-13-24", "2026-03-32", "2025-02-29", "2024-02-29", "2026-03-1O", "2026-3-1", "mardi dernier", "2026-03-10T12:00:00Z", "20260310", "Last Modified"),
);

/** A field's value: right, wrong type, odd text, nested, or the date forms. */
const realDate = fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const fieldValue = (key: string) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary:
        key === "order" ? fc.integer({ min: -3, max: 40 }) : key === "plate" ? fc.constantFrom("flux", "a-b", "Flux", "") : key === "date" ? realDate : fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), oddText),
    },
    oddText,
    nested,
    key === "date" ? dateText : fc.constant(undefined),
  );

/** Front matter as YAML text: dumped from values (quoted as needed), with a raw `date:` line, or raw junk. */
const frontMatter = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    fields: fc.record(Object.fromEntries(FIELDS.map((k) => [k, fc.option(fieldValue(k), { nil: undefined, freq: 20 })]))),
    extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), nested, { maxKeys: 3 }),
    rawDate: fc.option(fc.oneof(realDate, dateText), { nil: undefined }),
  }).map(({ fields, extra, rawDate }) => {
    const written: Record<string, unknown> = { ...extra, ...fields };
    for (const key of Object.keys(written)) if (written[key] === undefined) delete written[key];
    if (rawDate !== undefined) delete written.date;
    const text = yaml.dump(written, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }) + (rawDate !== undefined ? `date: ${rawDate}\n` : "");
    if (rawDate !== undefined) written.date = rawDate;
    return { text, written };
  }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }).map((text) => ({ text, written: undefined })) },
);

const MARKDOWN_PIECES = [
  ":::", "::: citation", "::: citation Autrice, *Titre*", "::: citation\n::: citation\n", "[^1]", "[^note]", "[^1]: une note", "[^]: vide",
  "<script>alert(1)</script>", "<b>gras</b>", "<!-- commentaire -->", "# Titre", "## Titre", "- item", "1. item", "> citation",
  "[lien](/chapitres/x/)", "[autre](02-autre.md)", "![plan](../images/plan.svg)", "[ancre](#titre)", "![image](/images/x.png)", "[ext](https://exemple.org)", "`code`", "```\nbloc\n```",
  "**gras**", "_ital_", "|a|b|\n|-|-|\n|1|2|", "---", "\\", "*", "[", "]", "(", "<", "&amp;", "&#0;", "\u0000", "…", "l'État", "« il dit »",
];
const body = fc.array(fc.oneof(fc.constantFrom(...MARKDOWN_PIECES), oddText), { maxLength: 25 }).map((parts) => parts.join("\n"));

// ---------- what must hold ----------

/** Text as a reader compares it: spaces of any kind dropped, typographic apostrophes straight. */
const comparable = (text: string) => text.replace(/[\s\u00A0\u202F]+/gu, "").replace(/’/g, "'");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const decodeHtml = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]);

function attempt(text: string, content: string) {
  if (process.env.FUZZ_TRACE) fs.writeFileSync(process.env.FUZZ_TRACE, JSON.stringify({ text, content }));
  const started = performance.now();
  try {
    const data = parseFrontMatter(text, FILE);
    const chapter = checkContent(chapterSchema, data, FILE);
    // The env Eleventy gives markdown-it: the page being rendered (references and notes name its file).
    const html = markdown.render(content, { page: { inputPath: FILE } });
    return { chapter, data, html, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

function expectRefusedForPeople(error: unknown) {
  // Refused: our ContentError, naming the file and a field (or the header as a whole), in French, with what to do.
  expect(error, String((error as Error)?.stack)).toBeInstanceOf(ContentError);
  const refusal = error as ContentError;
  expect(refusal.file).toBe(FILE);
  // The field, or for the text: the header, the note, the link or the picture.
  expect(refusal.message).toMatch(/champs? « [^»]+ »|l’en-tête|note|le lien|l’image/);
  for (const problem of refusal.problems) expect(problem).toContain("→");
  expect(refusal.message).not.toMatch(/Invalid input|expected|Required|received|\bat .+:\d+:\d+/);
}

describe("fuzzing the chapter pipeline (fast-check)", () => {
  it("1,000 generated chapters: rendered with every value as written, or refused with the file and the field", () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(frontMatter, body, ({ text, written }, content) => {
        const result = attempt(text, content);
        expect(result.ms).toBeLessThan(BOUND_MS);
        if ("error" in result) {
          refused++;
          expectRefusedForPeople(result.error);
          return;
        }
        rendered++;
        const { chapter, html } = result;
        // Every value that reaches the page is the one written.
        expect(written).toBeDefined();
        const w = written as Record<string, unknown>;
        expect(chapter.title).toBe(String(w.title).trim());
        expect(`${chapter.title}${chapter.summary}`).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        expect(chapter.summary).toBe(String(w.summary).trim());
        expect(chapter.plate).toBe(w.plate);
        expect(chapter.order).toBe(w.order);
        expect(isoDate(chapter.date)).toBe(String(w.date));
        expect(comparable(texte(chapter.title))).toBe(comparable(chapter.title));
        // Raw HTML is shown, never run; the text's letters all reach the page.
        expect(html).not.toMatch(/<script|<b>|<!--/);
        const page = comparable(decodeHtml(html));
        // (Markdown's own invisible parts aside: note labels, link reference definitions « [x]: url »,
        // and character references like &amp;, which Markdown turns into the character.)
        const visible = content.replace(/&#?[a-z0-9]+;/gi, " ").replace(/^ {0,3}\[[^\]]+\]:.*$/gmu, " ").replace(/\[\^[^\]]*\]/g, " ");
        const words = visible.match(/\p{L}+/gu) ?? [];
        for (const word of words.slice(0, 200)) expect(page, word).toContain(word);
      }),
      // A failure is shrunk for at most 20 s (shrinking huge strings could otherwise take minutes).
      { numRuns: 1000, seed: Number(process.env.FUZZ_SEED ?? 20261128), interruptAfterTimeLimit: 50_000, markInterruptAsFailure: true, skipAllAfterTimeLimit: 20_000 },
    );
    // Both branches really ran (a generator that only makes refusals would test nothing).
    expect(rendered).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
  }, 60_000);

  it("every written date is kept to the day, or refused with the value and an example", () => {
    fc.assert(
      fc.property(dateText, (date) => {
        const result = attempt(`title: T\norder: 1\nsummary: S\nplate: flux\ndate: ${date}\n`, "Texte.");
        const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
        const parsed = day && new Date(`${date}T00:00:00Z`);
        const valid = !!parsed && Number(day[1]) >= 1000 && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
        if (valid) {
          expect("error" in result ? String(result.error) : "").toBe("");
          expect(isoDate((result as { chapter: { date: Date } }).chapter.date)).toBe(date);
        } else {
          expectRefusedForPeople((result as { error: unknown }).error);
          const message = (result as { error: ContentError }).error.message;
          expect(message).toContain("« date »");
          expect(message).toContain(date);
          expect(message).toContain("par exemple date: 2026-11-20");
        }
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });
});
