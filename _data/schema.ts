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

export const siteSchema = z.strictObject({
  title: text,
  subtitle: text,
  description: text,
  url: httpsUrl,
  language: z.literal("fr").default("fr"),
  author: text,
  licence: z.strictObject({ name: text, url: httpsUrl }),
  book: z.strictObject({
    title: text,
    authors: z.array(text).min(1),
    credits: text,
    publisher: text,
    url: httpsUrl.optional(),
  }),
  introduction: text,
});

export const chapterSchema = z.object({
  title: text,
  order: z.number({ message: "doit être un nombre entier (1, 2, 3…)" }).int().positive(),
  summary: text,
  plate: z.string().regex(/^[a-z0-9-]+$/, "doit être une clé en minuscules, par exemple « flux »"),
  date: z.date({ message: "doit être une date au format AAAA-MM-JJ" }),
});

export type Resource = z.infer<typeof resourceSchema>;
export type ResourceKind = (typeof resourceKinds)[number];
export type Site = z.infer<typeof siteSchema>;
export type Chapter = z.infer<typeof chapterSchema>;

/** What to do about a bad field, in the words of someone editing the content. */
export const hints: Record<string, string> = {
  title: "donnez un titre entre guillemets : title: \"Mon titre\"",
  order: "numérotez les chapitres 1, 2, 3… sans doublon : order: 3",
  summary: "résumez le chapitre en une phrase : summary: \"…\"",
  plate: "choisissez la clé d’une planche, par exemple : plate: flux",
  date: "écrivez la date au format AAAA-MM-JJ : date: 2026-11-20",
  kind: `choisissez parmi ${resourceKinds.join(", ")}`,
  url: "écrivez l’adresse complète, avec https:// devant",
  year: "écrivez l’année en chiffres (2019), ou retirez le champ s’il n’est pas vérifié",
  language: "écrivez la langue du zine en deux lettres : language: fr (ou en)",
  source: "décrivez la source du zine (title, authors, publisher…) ou retirez le bloc",
  note: "ajoutez une ligne qui dit pourquoi lire, voir ou utiliser cette ressource",
};
