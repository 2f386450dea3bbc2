/**
 * `npm run nouveau -- ../mon-zine`: writes a new zine folder that builds as
 * it is — two short chapters, site.yaml, ressources.yaml, a-propos.md, and
 * images/ with a picture and a drawing used as a plate — for a collective to
 * replace with its own words. The model lives in scripts/nouveau/modele/.
 */
import fs from "node:fs";
import path from "node:path";

const MODEL = path.join(import.meta.dirname, "nouveau", "modele");

export function writeStarter(target: string): string[] {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new Error(`le dossier ${target} existe déjà et n’est pas vide → choisissez un autre nom : npm run nouveau -- ../autre-nom`);
  }
  fs.cpSync(MODEL, target, { recursive: true });
  return fs
    .readdirSync(target, { recursive: true, encoding: "utf8" })
    .filter((name) => fs.statSync(path.join(target, name)).isFile())
    .sort();
}

function main(): void {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write("✗ Donnez le dossier à créer : npm run nouveau -- ../mon-zine\n");
    process.exit(2);
  }
  try {
    const files = writeStarter(target);
    const shown = target.replace(/\/+$/, "");
    process.stdout.write(
      `✓ Nouveau zine dans ${shown}/ (${files.length} fichiers) :\n${files.map((f) => `    ${f}`).join("\n")}\n\n` +
        `Ensuite :\n` +
        `  ZINE_DIR=${shown} npm start          voir le site pendant que vous écrivez (http://localhost:8080/)\n` +
        `  ZINE_DIR=${shown} npm run build      construire le site, le flux et les PDF dans _site/\n` +
        `Chaque champ et chaque possibilité du Markdown sont expliqués dans GUIDE.md.\n`,
    );
  } catch (error) {
    process.stderr.write(`✗ ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
