/**
 * Generated kit zines: a complete ZINE_DIR folder of plain French prose, of
 * about the number of A5 pages asked for, to bench and stress the print
 * layout (long chapters, many notes, adjacent note calls, quotations, lists,
 * proper names that must not be hyphenated). Nothing of it is true: it is
 * made of sentences drawn from a small vocabulary.
 *
 * Deterministic: the same `pages` and `seed` give the same bytes (a seeded
 * generator, no clock, no Math.random).
 */
import fs from "node:fs";
import path from "node:path";

export interface GeneratedZineOptions {
  /** About how many A5 pages the reading edition should have. */
  pages: number;
  /** Another seed gives other words with the same shape. */
  seed?: number;
}

/** Measured on the A5 reading edition (print/zine.css): body words on a full page, pages outside the chapters. */
const WORDS_PER_PAGE = 300;
const PAGES_AROUND_CHAPTERS = 6; // cover, colophon, contents, introduction, resources, back cover
const PAGES_PER_CHAPTER_OPENER = 1; // title, summary and plate take most of a page

const PLATES = ["flux", "marche", "entonnoir", "corps", "ecrans", "norme", "cloture", "plaine", "collectif"];

/** mulberry32: a small, well-known 32-bit seeded generator. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const subjects = [
  "la municipalité", "le collectif du quartier", "une association d’habitants", "la préfecture", "le conseil municipal",
  "l’entreprise prestataire", "la police municipale", "un groupe de chercheuses", "le comité de suivi", "la métropole",
  "une coopérative de quartier", "le syndicat des transports", "l’observatoire local", "Villeurbanne", "Jean-Pierre Lemaire",
  "OpenStreetMap", "la commission d’enquête", "une bibliothécaire", "le service d’urbanisme", "l’assemblée populaire",
];
const verbs = [
  "installe", "documente", "conteste", "finance", "cartographie", "raconte", "examine", "reconstruit", "publie",
  "interroge", "déplace", "rend visible", "transforme", "accompagne", "recense", "déconstruit", "soutient", "organise",
];
const objects = [
  "les caméras de la place centrale", "un registre des capteurs", "la mémoire des rues", "les archives de la mairie",
  "un plan de circulation", "les promesses d’efficacité", "les contrats de maintenance", "une carte participative",
  "les usages du marché couvert", "la surveillance automatisée", "les dispositifs expérimentaux", "le budget d’investissement",
  "les témoignages des riverains", "une infrastructure numérique", "les réseaux de transport", "la réglementation européenne",
  "les algorithmes de détection", "une exposition itinérante", "les habitudes de déplacement", "l’éclairage public",
];
const complements = [
  "depuis plusieurs années", "sans véritable débat public", "avec une patience remarquable", "au fil des réunions",
  "malgré les protestations", "dans l’indifférence générale", "à l’échelle de la métropole", "quartier par quartier",
  "au nom de la sécurité", "avec des moyens considérables", "pour la première fois", "en s’appuyant sur des expertises",
  "au printemps dernier", "dans une salle comble", "à la demande des habitants", "sous le regard des journalistes",
];
const connectors = [
  "Pourtant", "Ensuite", "Au même moment", "Dans la pratique", "Très vite", "À l’inverse", "Selon les témoins",
  "Autrement dit", "Par ailleurs", "En définitive", "Quelques semaines plus tard", "De leur côté",
];
const longWords = [
  "infrastructures", "expérimentations", "incompréhensions", "administrations", "vidéoprotections", "particularités",
  "reconnaissances", "extraordinaires promesses", "responsabilités", "institutions", "cartographies", "indépendances",
];
const headingWords = [
  "Archives", "Promesses", "Capteurs", "Quartiers", "Contrats", "Mémoires", "Résistances", "Cartes", "Rues", "Réseaux",
  "Assemblées", "Enquêtes", "Usages", "Seuils", "Places", "Regards",
];

interface Random {
  next(): number;
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
}

function random(seed: number): Random {
  const next = generator(seed);
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « que » + « un groupe » → « qu’un groupe ». */
function elide(word: string, next: string): string {
  return /^[aeiouhéèêàâîôûAEIOUHÉ]/.test(next) ? `${word.slice(0, -1)}’${next}` : `${word} ${next}`;
}

function sentence(r: Random): string {
  const parts = [r.pick(subjects), r.pick(verbs), r.pick(objects), r.pick(complements)];
  if (r.next() < 0.3) parts.splice(3, 0, `et des ${r.pick(longWords)}`);
  let text = parts.join(" ");
  if (r.next() < 0.35) text = `${r.pick(connectors)}, ${text}`;
  if (r.next() < 0.2) text += ` ; ${r.pick(subjects)} ${r.pick(verbs)} ${r.pick(objects)}`;
  return `${capitalise(text)}.`;
}

function paragraph(r: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r)).join(" ");
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface Chapter {
  file: string;
  text: string;
}

function chapter(r: Random, order: number, bodyWords: number): Chapter {
  // Some titles are too long for a running head: one in five cut by the layout, one in five with a shortTitle.
  const short = `${r.pick(headingWords)} et ${r.pick(headingWords).toLowerCase()} de la ville ${order}`;
  const long = order % 5 === 3 || order % 5 === 0;
  const title = long ? `${short} : ${elide("ce que", r.pick(subjects))} ${r.pick(verbs)} quand personne ne regarde` : short;
  const blocks: string[] = [];
  const notes: string[] = [];
  let count = 0;
  let paragraphs = 0;
  const addNote = (): string => {
    notes.push(paragraph(r, r.int(1, 2)));
    return `[^${notes.length}]`;
  };
  while (count < bodyWords) {
    paragraphs += 1;
    let block: string;
    if (paragraphs > 1 && paragraphs % 4 === 1) {
      blocks.push(`## ${r.pick(headingWords)} ${r.pick(["et", "contre", "sans", "avec"])} ${r.pick(headingWords).toLowerCase()}`);
    }
    if (paragraphs % 7 === 3) {
      const items = Array.from({ length: r.int(3, 5) }, () => `- ${capitalise(r.pick(objects))} ${r.pick(complements)} ;`);
      block = items.join("\n").replace(/ ;$/, ".");
    } else if (paragraphs % 11 === 6) {
      block = `::: citation ${r.pick(subjects).replace(/^./, (c) => c.toUpperCase())}, *${r.pick(headingWords)}*\n« ${paragraph(r, r.int(1, 2))} »\n:::`;
    } else {
      block = paragraph(r, r.int(3, 7));
      // A note every ninth paragraph; every other one of those (the first included), two adjacent calls.
      if (paragraphs % 9 === 0) {
        const calls = paragraphs % 18 === 9 ? addNote() + addNote() : addNote();
        block = block.replace(/\.$/, `${calls}.`);
      }
    }
    count += words(block);
    blocks.push(block);
  }
  const noteLines = notes.map((text, i) => `[^${i + 1}]: ${text}`);
  const slug = `${String(order).padStart(2, "0")}-chapitre-${order}`;
  const frontMatter = [
    "---",
    `title: "${title}"`,
    ...(order % 5 === 0 ? [`shortTitle: "${short}"`] : []),
    `order: ${order}`,
    `summary: "${sentence(r)}"`,
    `plate: ${PLATES[(order - 1) % PLATES.length]}`,
    `date: 2026-01-${String(Math.min(order, 28)).padStart(2, "0")}`,
    "---",
  ];
  const text = [frontMatter.join("\n"), "", blocks.join("\n\n"), "", noteLines.join("\n\n"), ""].join("\n");
  return { file: `${slug}.md`, text };
}

const siteYaml = (r: Random): string => `# Un zine généré (scripts/lib/generate-zine.ts) pour mesurer et éprouver la mise en page.
title: "Le zine généré"
subtitle: "Un long texte sans vérité, pour éprouver la mise en pages"
description: "Un zine fabriqué par un programme : des chapitres de prose, des notes, des citations et des listes, pour mesurer la mise en pages."
url: "https://zine-genere.example.org"
language: fr
author: "L’atelier des essais"
licence:
  name: "CC0 1.0"
  url: "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"
source:
  kind: livre
  title: "Le zine généré : un essai de mise en pages"
  authors: ["Personne"]
  credits: "texte produit par un programme"
  publisher: "aucun éditeur"
introduction: |
  ${paragraph(r, 4)}

  ${paragraph(r, 3)}
`;

const ressourcesYaml = `- kind: site
  title: "Paged.js"
  url: "https://pagedjs.org/"
  note: "La bibliothèque qui met ce zine en pages."

- kind: livre
  title: "Un livre imaginaire"
  authors: ["Une autrice"]
  year: 2020
  note: "Il n’existe pas : il remplit la liste des ressources."
`;

const aPropos = `---
title: "À propos"
layout: page.njk
permalink: /a-propos/
summary: "Ce zine est généré par un programme pour éprouver la mise en pages."
---

## Ce zine

Il est fabriqué par un programme, avec des phrases tirées au hasard d’un petit vocabulaire. Rien de ce qu’il dit n’est vrai.
`;

/** Writes a complete kit folder (chapitres/, site.yaml, ressources.yaml, a-propos.md) into `dir`, replacing its chapters. */
export function writeGeneratedZine(dir: string, options: GeneratedZineOptions): void {
  const pages = Math.max(8, Math.round(options.pages));
  const r = random(options.seed ?? 1);
  const chapters = Math.min(24, Math.max(2, Math.round(pages / 5)));
  const bodyPages = Math.max(chapters, pages - PAGES_AROUND_CHAPTERS - chapters * PAGES_PER_CHAPTER_OPENER);
  const wordsPerChapter = Math.round((bodyPages * WORDS_PER_PAGE) / chapters);

  const chapterDir = path.join(dir, "chapitres");
  fs.rmSync(chapterDir, { recursive: true, force: true });
  fs.mkdirSync(chapterDir, { recursive: true });
  fs.writeFileSync(path.join(dir, "site.yaml"), siteYaml(r));
  fs.writeFileSync(path.join(dir, "ressources.yaml"), ressourcesYaml);
  fs.writeFileSync(path.join(dir, "a-propos.md"), aPropos);
  for (let order = 1; order <= chapters; order++) {
    const { file, text } = chapter(r, order, wordsPerChapter);
    fs.writeFileSync(path.join(chapterDir, file), text);
  }
}
