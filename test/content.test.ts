/**
 * The content against its only source, the blog post in /work/shared/source/
 * (copied into test/fixtures/source/ so a clean clone can run this):
 * - every quotation (`::: citation` blocks and every « … » in the chapters, the
 *   about page and the site's texts) is something the post itself quotes, word
 *   for word, unless it carries a visible [sic] or a bracketed insertion;
 * - outside quotations and titles, no run of eight words is copied from the post.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import yaml from "js-yaml";

const ROOT = path.resolve(import.meta.dirname, "..");
const POST = fs.readFileSync(path.join(ROOT, "test/fixtures/source/billet-technopolice.txt"), "utf8");

/** Apostrophes, no-break and thin spaces, line breaks: the same text however it was typed. */
function normalise(s: string): string {
  return s
    .replace(/[’‘ʼ]/g, "'")
    .replace(/[\s\u00A0\u202F\u2009\u2007]+/g, " ")
    .trim();
}

/** The inside of every « … » in a text. */
function guillemets(s: string): string[] {
  return [...s.matchAll(/«([^«»]*)»/g)].map((m) => normalise(m[1]));
}

/** What the post quotes: its « … » spans (the useful part, before the Mediapart page chrome). */
const postQuotations = guillemets(POST.slice(0, POST.indexOf("Bienvenue dans le Club de Mediapart")));

const LETTER = /[\p{L}\p{N}]/u;

/** Is `fragment` inside `haystack`, starting and ending on word boundaries? */
function containsAsWords(haystack: string, fragment: string): boolean {
  for (let at = haystack.indexOf(fragment); at !== -1; at = haystack.indexOf(fragment, at + 1)) {
    const before = haystack[at - 1] ?? " ";
    const after = haystack[at + fragment.length] ?? " ";
    const startsInWord = LETTER.test(fragment[0] ?? "") && LETTER.test(before);
    const endsInWord = LETTER.test(fragment.at(-1) ?? "") && LETTER.test(after);
    if (!startsInWord && !endsInWord) return true;
  }
  return false;
}

/**
 * Why a quotation is not what the post quotes, or null when it is. « [sic] »
 * is a visible mark and is read past; any other [bracketed] text is ours, so
 * the quotation is checked piece by piece around it.
 */
function quotationProblem(quotation: string): string | null {
  const pieces = normalise(quotation.replace(/\*/g, ""))
    .replace(/\s*\[sic\]/gi, "")
    .split(/\s*\[[^\]]*\]\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (pieces.length === 0) return "citation vide";
  for (const piece of pieces) {
    if (!postQuotations.some((q) => containsAsWords(q, piece))) return `absent des citations du billet : « ${piece} »`;
  }
  return null;
}

interface Text {
  file: string;
  text: string;
}

/** Every text a reader sees from a content file: front matter strings and the Markdown body. */
function contentTexts(): Text[] {
  const texts: Text[] = [];
  const fromMarkdown = (file: string) => {
    const raw = fs.readFileSync(path.join(ROOT, file), "utf8");
    const [, front, body] = raw.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/) ?? [];
    const data = yaml.load(front) as Record<string, unknown>;
    for (const key of ["title", "summary"]) if (typeof data[key] === "string") texts.push({ file: `${file} (${key})`, text: data[key] as string });
    texts.push({ file, text: body });
  };
  const chapters = fs.readdirSync(path.join(ROOT, "src/chapitres")).filter((f) => f.endsWith(".md"));
  for (const f of chapters) fromMarkdown(`src/chapitres/${f}`);
  fromMarkdown("src/a-propos.md");
  const site = yaml.load(fs.readFileSync(path.join(ROOT, "_data/site.yaml"), "utf8")) as Record<string, unknown>;
  for (const key of ["title", "subtitle", "description", "introduction"]) texts.push({ file: `_data/site.yaml (${key})`, text: String(site[key]) });
  return texts;
}

/** `::: citation …` blocks, and every « … » and Markdown "…" outside them. */
function quotationsIn(text: string): { quotation: string; block: boolean }[] {
  const blocks = [...text.matchAll(/^::: citation[^\n]*\n([\s\S]*?)\n:::/gm)].map((m) => m[1].trim());
  const rest = text.replace(/^::: citation[^\n]*\n[\s\S]*?\n:::/gm, "");
  const straight = [...rest.matchAll(/"([^"\n]+)"/g)].map((m) => m[1]);
  return [
    ...blocks.map((quotation) => ({ quotation, block: true })),
    ...[...guillemets(rest), ...straight].map((quotation) => ({ quotation, block: false })),
  ];
}

describe("the quotation check", () => {
  // The check must be able to say no: these are the mistakes it was written for.
  it.each([
    ["a full stop the post doesn't have", "Pour échapper au rêve de la safe city, il faut d'abord le rendre visible, puis le combattre."],
    ["a silent correction", "des postes de contrôle surplombant la ville"],
    ["words the post never quotes", "une ville sûre"],
    ["a word cut in half", "caméras sont parto"],
    ["a quoted word taken from the post's own prose", "marché en plein essor"],
  ])("refuses %s", (_, quotation) => {
    expect(quotationProblem(quotation)).not.toBeNull();
  });

  it.each([
    ["the epigraph as the post gives it", "Pour échapper au rêve de la safe city, il faut d’abord le rendre visible, puis le combattre"],
    ["a marked error", "des postes de contrôle surplombants [sic] la ville"],
    ["an excerpt around a bracketed insertion", "Soudain, ces hauts poteaux blancs […] redeviennent ce qu'ils sont"],
    ["typed apostrophes and spaces", "gestion de\u00A0l'espace public"],
  ])("accepts %s", (_, quotation) => {
    expect(quotationProblem(quotation)).toBeNull();
  });
});

describe("quotations in the content", () => {
  const found = contentTexts().flatMap(({ file, text }) => quotationsIn(text).map((q) => ({ file, ...q })));

  it("finds the quotations (the extraction works)", () => {
    expect(found.filter((q) => q.block).length).toBeGreaterThanOrEqual(5);
    expect(found.filter((q) => !q.block).length).toBeGreaterThanOrEqual(5);
  });

  it("are all quoted by the post, exactly, or visibly marked", () => {
    const problems = found.flatMap(({ file, quotation }) => {
      const problem = quotationProblem(quotation.replace(/^«|»$/g, ""));
      return problem ? [`${file} : ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("sets each `::: citation` as one quotation in « »", () => {
    for (const { file, quotation } of found.filter((q) => q.block)) {
      expect(normalise(quotation), file).toMatch(/^«[^«»]+»$/);
    }
  });
});

describe("our own words", () => {
  /** Lower-case words, with quotations, italic titles, link targets and footnote marks taken out. */
  const words = (s: string) =>
    normalise(s.replace(/«[^«»]*»/g, " ").replace(/\*[^*\n]+\*/g, " ").replace(/\]\([^)]*\)/g, " ").replace(/\[\^\d+\]:?/g, " "))
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u)
      .filter(Boolean);
  const RUN = 8;
  const runs = (list: string[]) => new Set(list.slice(0, list.length - RUN + 1).map((_, i) => list.slice(i, i + RUN).join(" ")));
  // The post's title is the book's title: a name, which the zine may cite.
  const title = POST.match(/^Billet de blog.*\n\n(.+)$/m)?.[1] ?? "";
  const prose = POST.slice(0, POST.indexOf("Autres ressources")).split(title).join(" ");
  const postRuns = runs(words(prose));

  it("the check sees a copied run, and knows the title", () => {
    expect(title).toMatch(/^Technopolice : /);
    const copied = "Les images des caméras finissent au Centre de Supervision Urbain, dans le 3e arrondissement.";
    expect([...runs(words(copied))].some((r) => postRuns.has(r))).toBe(true);
  });

  it.each(contentTexts().map((t) => [t.file, t.text]))("%s copies no run of eight words from the post", (_, text) => {
    expect([...runs(words(text))].filter((r) => postRuns.has(r))).toEqual([]);
  });
});
