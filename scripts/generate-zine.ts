/**
 * `tsx scripts/generate-zine.ts DOSSIER --pages=40 [--seed=1]`: writes a
 * generated zine folder to build with `ZINE_DIR=DOSSIER npm run build`.
 */
import { writeGeneratedZine } from "./lib/generate-zine.ts";

const dir = process.argv.slice(2).find((a) => !a.startsWith("--"));
const option = (name: string): number | undefined => {
  const value = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return value === undefined ? undefined : Number(value);
};
const pages = option("pages") ?? 40;
const seed = option("seed");
if (!dir || !Number.isFinite(pages) || (seed !== undefined && !Number.isFinite(seed))) {
  console.error("Usage : tsx scripts/generate-zine.ts DOSSIER --pages=40 [--seed=1]");
  process.exit(1);
}
writeGeneratedZine(dir, { pages, seed });
console.log(`Zine généré dans ${dir} (environ ${pages} pages A5). Construisez-le avec : ZINE_DIR=${dir} npm run build`);
