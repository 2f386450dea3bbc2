/**
 * The single description of what the zine's content must look like. Every
 * check of front matter and data goes through these schemas, and the types
 * the code uses are inferred from them.
 */
import { z } from "zod";

// zod's own messages in French, for whatever our messages below don't say themselves.
z.config(z.locales.fr());

const text = z
  .string()
  .trim()
  .min(1, "ne peut pas être vide")
  // Invisible control characters (NUL, escape…) pasted from elsewhere: refused rather than published (found by test/fuzz.test.ts).
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, "contient un caractère invisible (caractère de contrôle) → retapez le texte à la main, sans le coller");
const httpsUrl = z.url({ protocol: /^https?$/, message: "n’est pas une adresse web valide (https://…)" });

/** A plate: a key of the generated series (« flux ») or the path of an SVG of the zine's own (« /images/cour.svg »). */
const plateRef = z.string().trim().regex(/^([a-z0-9-]+|[^\s].*\.svg)$/i, "doit être la clé d’une planche (flux) ou le chemin d’un dessin SVG (/images/mon-dessin.svg)");
/** Own plates (a path) need words: nobody else can describe them. */
const isOwnPlatePath = (plate: string): boolean => plate.includes("/") || /\.svg$/i.test(plate);

export const resourceKinds = ["livre", "film", "site", "carte", "outil", "campagne"] as const;

export const resourceSchema = z.strictObject({
  kind: z.enum(resourceKinds, { message: `doit être l’un de : ${resourceKinds.join(", ")}` }),
  title: text,
  authors: z.array(text).default([]),
  publisher: text.optional(),
  year: z.number().int().min(1000).max(2100).optional(),
  yearNote: text.optional(),
  url: httpsUrl.optional(),
  note: text,
});

export const resourcesSchema = z.array(resourceSchema);

export const languages = ["fr", "en"] as const;
export const sourceKinds = ["livre", "article", "billet", "film", "site", "autre"] as const;
const sourceKind = z.enum(sourceKinds, { message: `doit être l’un de : ${sourceKinds.join(", ")}` });

/**
 * What the zine is made from, when it is made from something: a book, an
 * article, a film… `via`: the text the zine was actually written from, when
 * it reports on the source (a review, a blog post), credited beside it.
 */
export const sourceSchema = z.strictObject({
  kind: sourceKind,
  title: text,
  authors: z.array(text).default([]),
  /** Who did what, when « de X et Y » says too little: "texte de …, dessins de …". */
  credits: text.optional(),
  publisher: text.optional(),
  year: z.number().int().min(1000).max(2100).optional(),
  url: httpsUrl.optional(),
  via: z
    .strictObject({
      kind: sourceKind,
      title: text,
      authors: z.array(text).min(1),
      publisher: text.optional(),
      date: z.date({ message: "doit être une date au format AAAA-MM-JJ" }).optional(),
      url: httpsUrl.optional(),
    })
    .optional(),
});

export const siteSchema = z.strictObject({
  title: text,
  subtitle: text,
  description: text,
  url: httpsUrl,
  language: z.enum(languages, { message: `doit être l’une de : ${languages.join(", ")}` }).default("fr"),
  author: text,
  licence: z.strictObject({ name: text, url: httpsUrl }),
  source: sourceSchema.optional(),
  /** The cover's drawing (a plate key or an own SVG), its caption and its alt text. */
  cover: z
    .strictObject({ plate: plateRef.default("couverture"), caption: text.optional(), alt: text.optional() })
    .refine((cover) => !isOwnPlatePath(cover.plate) || cover.alt, { message: "manque « alt » : un dessin à vous a besoin d’un texte qui dit ce qu’il montre", path: ["alt"] })
    .default({ plate: "couverture" }),
  /** Small ornaments for the mini-zine's pages (plate keys or own SVGs), in order; none if absent. */
  vignettes: z.array(plateRef).optional(),
  /**
   * The site's icon (favicon): a plate key or an own SVG, and optionally the
   * square of it to show, `crop: [x, y, side]` in the drawing's units. None:
   * the title's first letter.
   */
  icon: z
    .strictObject({
      plate: plateRef,
      crop: z.tuple([z.number(), z.number(), z.number().positive("doit être plus grand que 0")], { message: "doit être [x, y, côté] : trois nombres" }).optional(),
    })
    .optional(),
  introduction: text,
});

export const chapterSchema = z.object({
  title: text,
  /** The running head in print, when the title is too long for one line (optional). */
  shortTitle: text.optional(),
  order: z.number({ message: "doit être un nombre entier (1, 2, 3…)" }).int().positive(),
  summary: text,
  plate: plateRef,
  plateCaption: text.optional(),
  plateAlt: text.optional(),
  plateLegend: z.array(text).optional(),
  date: z.date({ message: "doit être une date au format AAAA-MM-JJ" }),
}).superRefine((chapter, context) => {
  if (!isOwnPlatePath(chapter.plate)) return;
  for (const field of ["plateCaption", "plateAlt"] as const) {
    if (!chapter[field]) context.addIssue({ code: "custom", path: [field], message: "manque : une planche à vous (un fichier SVG) a besoin d’une légende et d’un texte alternatif" });
  }
});

export type Resource = z.infer<typeof resourceSchema>;
export type ResourceKind = (typeof resourceKinds)[number];
export type Site = z.infer<typeof siteSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Chapter = z.infer<typeof chapterSchema>;

/** What to do about a bad field, in the words of someone editing the content. */
export const hints: Record<string, string> = {
  title: "donnez un titre entre guillemets : title: \"Mon titre\"",
  order: "numérotez les chapitres 1, 2, 3… sans doublon : order: 3",
  summary: "résumez le chapitre en une phrase : summary: \"…\"",
  plate: "choisissez la clé d’une planche (plate: flux) ou le chemin d’un dessin SVG du dossier images/ (plate: /images/mon-dessin.svg)",
  plateCaption: "écrivez la légende du dessin : plateCaption: \"Ce que le dessin veut dire\"",
  plateAlt: "décrivez le dessin pour qui ne le voit pas : plateAlt: \"Un plan de la cour : …\"",
  plateLegend: "une liste, un élément par ligne, précédé de « - »",
  cover: "sous cover:, donnez plate (clé ou chemin d’un SVG), caption (légende) et alt (description)",
  alt: "décrivez le dessin pour qui ne le voit pas : alt: \"…\"",
  icon: "sous icon:, donnez plate (clé d’une planche ou chemin d’un SVG) et, si vous voulez n’en montrer qu’un carré, crop: [x, y, côté]",
  crop: "écrivez le carré à montrer en unités du dessin : crop: [88, 18, 150] (x, y, côté)",
  date: "écrivez la date au format AAAA-MM-JJ : date: 2026-11-20",
  kind: `choisissez parmi ${resourceKinds.join(", ")}`,
  url: "écrivez l’adresse complète, avec https:// devant",
  year: "écrivez l’année en chiffres (2019), ou retirez le champ s’il n’est pas vérifié",
  language: "écrivez la langue du zine en deux lettres : language: fr (ou en)",
  source: "décrivez l’œuvre résumée (kind: livre, title, authors…) ou retirez tout le bloc source",
  book: "le champ book s’appelle maintenant source, avec kind: livre : renommez-le",
  note: "ajoutez une ligne qui dit pourquoi lire, voir ou utiliser cette ressource",
};
