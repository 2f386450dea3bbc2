/**
 * Typography per language, the interface strings tables, how a source is
 * named, and the typography check itself (which must be able to fail).
 */
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { NBSP, NNBSP, typographie, typographieHtml } from "../scripts/site/typography.ts";
import { markdown } from "../scripts/site/markdown.ts";
import { describeSource, keysOf, LANGUES_DIR, table, translate, translatePlain, type Table } from "../scripts/site/langues.ts";
import { formatBytes } from "../scripts/lib/log.ts";
import { siteSchema, sourceSchema } from "../_data/schema.ts";
import { checkContent } from "../scripts/site/content-error.ts";
import { pdfLineFaults, typographyFaults, visibleText } from "./helpers/typography-check.ts";

describe("French typography", () => {
  it("keeps a number with its unit or noun", () => {
    expect(typographie("369 éditions, 7 milliards, 3 mm")).toBe(`369${NBSP}éditions, 7${NBSP}milliards, 3${NBSP}mm`);
    expect(typographie("148 × 210 mm")).toBe(`148${NBSP}×${NBSP}210${NBSP}mm`);
    expect(typographie("100 % et 100%")).toBe(`100${NNBSP}% et 100${NNBSP}%`);
    expect(typographie("10 000 caméras")).toBe(`10${NNBSP}000${NBSP}caméras`);
    expect(typographie("n° 2010-1192")).toBe(`n°${NBSP}2010-1192`);
  });

  it("leaves a name's digits alone (A4 ou SRA4) and URLs untouched", () => {
    expect(typographie("A4 ou SRA4")).toBe("A4 ou SRA4");
    expect(typographie("voir https://example.org/a?b=1 ; ici")).toBe(`voir https://example.org/a?b=1${NNBSP}; ici`);
  });

  it("spaces « » ; ! ? : and curls apostrophes", () => {
    expect(typographie("« Oui » : l'État ; non ! quoi ?")).toBe(`«${NNBSP}Oui${NNBSP}»${NBSP}: l’État${NNBSP}; non${NNBSP}! quoi${NNBSP}?`);
  });

  it("raises ordinals and centuries, not words that look like them", () => {
    expect(typographieHtml("Au XXe siècle, le 3e, le 1er, la 1re, François Ier.")).toBe(
      "Au XX<sup>e</sup> siècle, le 3<sup>e</sup>, le 1<sup>er</sup>, la 1<sup>re</sup>, François I<sup>er</sup>.",
    );
    expect(typographieHtml("Ce Le Les Vers Ces")).toBe("Ce Le Les Vers Ces");
    expect(typographieHtml("<script> & co")).toBe("&lt;script&gt; &amp; co");
  });

  it("is what Markdown gets, ordinals included, in French by default", () => {
    const html = markdown.render("Au XIXe siècle, 369 éditions : « oui ».");
    expect(html).toContain("XIX<sup>e</sup>");
    expect(html).toContain(`369${NBSP}éditions${NBSP}:`);
    expect(html).toContain(`«${NNBSP}oui${NNBSP}»`);
  });

  it("writes sizes with a decimal comma in French, a point in English", () => {
    expect(formatBytes(209_613)).toBe(`204,7${NBSP}Ko`);
    expect(formatBytes(209_613, "en")).toBe(`204.7${NBSP}KB`);
    expect(formatBytes(3_500_000)).toBe(`3,34${NBSP}Mo`);
  });
});

describe("English typography", () => {
  it("curls quotes and apostrophes, and takes no space before : ; ! ?", () => {
    expect(typographie(`She said "it's ours" ; 'fine' : yes !`, "en")).toBe("She said “it’s ours”; ‘fine’: yes!");
  });

  it("keeps numbers with units, and raises no ordinals", () => {
    expect(typographie("3 mm, 2 hours", "en")).toBe(`3${NBSP}mm, 2${NBSP}hours`);
    expect(typographieHtml("the 19th century", "en")).toBe("the 19th century");
  });

  it("is what Markdown gets when the zine is in English", () => {
    const html = markdown.render(`"If we don't, nobody will" : 3 rules.`, { site: { language: "en" } });
    expect(html).toContain("“If we don’t, nobody will”: 3\u00A0rules.");
    expect(html).not.toMatch(/[«»]/);
  });
});

describe("the interface strings tables", () => {
  const files = fs.readdirSync(LANGUES_DIR).filter((f) => f.endsWith(".yaml"));
  const keys = (file: string) => keysOf(yaml.load(fs.readFileSync(path.join(LANGUES_DIR, file), "utf8")) as Table).sort();

  it("has a French and an English table with the same keys", () => {
    expect(files.sort()).toEqual(["en.yaml", "fr.yaml"]);
    expect(keys("en.yaml")).toEqual(keys("fr.yaml"));
    expect(keys("fr.yaml").length).toBeGreaterThan(80);
  });

  it("gives the same placeholders in both languages", () => {
    const placeholders = (t: Table) => keysOf(t).map((k) => `${k}: ${[...JSON.stringify(k.split(".").reduce<unknown>((n, p) => (n as Table)[p], t)).matchAll(/\{(?:de:)?([a-z_]+)\}/g)].map((m) => m[1]).sort().join(",")}`);
    expect(placeholders(table("en"))).toEqual(placeholders(table("fr")));
  });

  it("renders a string with its values, Markdown and the language's typography", () => {
    expect(translate("chapitre.numero", { n: 3 }, "fr")).toBe("Chapitre 3");
    expect(translate("imprimer.essai", {}, "fr")).toMatch(/^<strong>Avant de lancer/);
    expect(translatePlain("imprimer.fichiers.presse", {}, "fr")).toBe(`Pour l’imprimeur${NBSP}: A5 avec fonds perdus de 3${NBSP}mm et traits de coupe`);
    expect(translatePlain("imprimer.fichiers.presse", {}, "en")).toBe(`For the print shop: A5 with 3${NBSP}mm bleed and crop marks`);
  });

  it("refuses an unknown key or a missing value with a sentence", () => {
    expect(() => translate("nulle.part", {}, "fr")).toThrow(/texte d’interface inconnu : « nulle\.part »/);
    expect(() => translate("chapitre.numero", {}, "fr")).toThrow(/\{n\} n’a pas de valeur/);
  });

  it("tells people what to do on /imprimer/, with no command for developers", () => {
    for (const lang of ["fr", "en"] as const) {
      const words = keysOf(table(lang))
        // (The dev server's notice lives under apercu_de_travail: shown by `npm start` only, it may name the command.)
        .filter((k) => k.startsWith("imprimer."))
        .map((k) => JSON.stringify(k.split(".").reduce<unknown>((n, p) => (n as Table)[p], table(lang))))
        .join(" ");
      expect(words).not.toMatch(/npm|--creep|build/);
      expect(words).toMatch(/148 × 210 mm/);
      expect(words).toMatch(/g\/m²/);
    }
  });
});

describe("a zine's source", () => {
  const book = sourceSchema.parse({ kind: "livre", title: "Le Titre", authors: ["Alice Martin", "Bob"], publisher: "Éditions X" });
  it("names a book, with French elision and contraction", () => {
    expect(describeSource(book, "oeuvre", "fr")).toBe("le livre d’Alice Martin et Bob");
    expect(describeSource({ ...book, authors: ["Le Collectif"] }, "oeuvre", "fr")).toBe("le livre du Collectif");
    expect(describeSource(book, "reference", "fr")).toBe("*Le Titre* (d’Alice Martin et Bob, Éditions X)");
    expect(describeSource(book, "oeuvre", "en")).toBe("the book by Alice Martin and Bob");
  });

  it("names a film with no author by its title, and nothing when there is no source", () => {
    expect(describeSource(sourceSchema.parse({ kind: "film", title: "Le Film" }), "oeuvre", "fr")).toBe("le film *Le Film*");
    expect(describeSource(undefined, "oeuvre", "fr")).toBe("");
  });

  it("is optional, and an old `book` field says what it became", () => {
    const site = { title: "T", subtitle: "S", description: "D", url: "https://a.example", author: "A", licence: { name: "CC0", url: "https://b.example" }, introduction: "I" };
    expect(checkContent(siteSchema, site, "site.yaml").source).toBeUndefined();
    expect(checkContent(siteSchema, site, "site.yaml").language).toBe("fr");
    expect(() => checkContent(siteSchema, { ...site, book: { title: "X" } }, "site.yaml")).toThrow(/champ « book » : inconnu → le champ book s’appelle maintenant source/);
    expect(() => checkContent(siteSchema, { ...site, language: "de" }, "site.yaml")).toThrow(/language.*fr, en/);
  });

  it("credits the text the zine was written from", () => {
    const via = sourceSchema.parse({ ...book, via: { kind: "billet", title: "Un billet", authors: ["Le dissonant"], publisher: "Club de Mediapart", date: new Date("2022-01-12") } });
    expect(describeSource(via, "via", "fr")).toBe("le billet « Un billet », signé Le dissonant (Club de Mediapart, 12 janvier 2022)");
    expect(describeSource(via, "via", "en")).toBe("the blog post “Un billet”, signed Le dissonant (Club de Mediapart, 12 January 2022)");
  });
});

describe("the typography check can fail", () => {
  const good = `<html><head><title>Bon</title></head><body><p>Chez 369${NBSP}éditions${NBSP}: «${NNBSP}oui${NNBSP}», l’État, 204,7${NBSP}Ko.</p><code>l'code 1.5 ko</code><p class="url">https://a.fr/x'y</p></body></html>`;

  it("finds nothing in good text, code and addresses aside", () => {
    expect(typographyFaults(visibleText(good), "fr", "bon")).toEqual([]);
  });

  it("finds each fault it is meant to find", () => {
    const bad = (from: string, to: string) => typographyFaults(visibleText(good.replace(from, to)), "fr", "mauvais").map((f) => f.rule);
    expect(bad(`369${NBSP}éditions`, "369 éditions")).toEqual(["nombre séparé de son unité ou de son nom (espace sécable)"]);
    expect(bad(`éditions${NBSP}:`, "éditions :")).toEqual(["espace sécable avant : ; ! ? » ou %"]);
    expect(bad(`«${NNBSP}oui`, "« oui")).toEqual(["espace sécable après «"]);
    expect(bad(`oui${NNBSP}»`, "oui»")).toEqual(["« » sans espace insécable"]);
    expect(bad("l’État", "l'État")).toEqual(["apostrophe ou guillemet droits (' \")"]);
    expect(bad(`204,7${NBSP}Ko`, `204.7${NBSP}Ko`)).toEqual(["point décimal dans un nombre français"]);
    expect(bad(`éditions${NBSP}:`, "éditions:")).toEqual([": sans espace insécable"]);
  });

  it("reads a PDF's line breaks: a unit alone at the start of a line, « at the end of one", () => {
    expect(pdfLineFaults("le format fini de 148\nmm et «\noui »", "fr", "pdf").map((f) => f.rule)).toEqual([
      "nombre en fin de ligne, son unité à la ligne suivante",
      "ligne qui finit par «",
    ]);
    expect(pdfLineFaults("Chapitre 3\nLes visions\n12\n", "fr", "pdf")).toEqual([]);
  });

  it("holds English to English rules", () => {
    expect(typographyFaults(`It's "ours" : yes`, "en", "en").map((f) => f.rule).sort()).toEqual([
      "apostrophe ou guillemet droits (' \")",
      "apostrophe ou guillemet droits (' \")",
      "apostrophe ou guillemet droits (' \")",
      "space before : ; ! ? in English",
    ]);
  });
});
