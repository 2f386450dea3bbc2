/**
 * `tsx scripts/check-generated-zine.ts --pages=150 [--seed=1]`: builds a
 * generated zine of about that many A5 pages (scripts/lib/generate-zine.ts)
 * with the real build, in a temporary folder, and says what the preflight
 * found: pages, overflows, layout warnings. The test suite checks a 40-page
 * one; this checks the long ones, which take too long for every test run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeGeneratedZine } from "./lib/generate-zine.ts";
import { PREFLIGHT_FILE } from "../print/editions.ts";

const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const pages = option("pages", 150);
const seed = option("seed", 1);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zine-genere-"));
const zine = path.join(dir, "zine");
const output = path.join(dir, "_site");
writeGeneratedZine(zine, { pages, seed });
const started = performance.now();
const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
  env: { ...process.env, ZINE_DIR: zine, ZINE_OUTPUT: output },
  encoding: "utf8",
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (build.status !== 0) {
  console.error(`Zine généré de ${pages} pages (graine ${seed}) : la construction a échoué en ${seconds} s.\n${build.stderr}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(path.join(output, PREFLIGHT_FILE), "utf8")) as {
  files: { file: string; pages: number; overflows: unknown[]; loneLines: unknown[]; warnings: string[] }[];
};
for (const f of report.files) {
  console.log(`${f.file} : ${f.pages} p., ${f.overflows.length} débordement, ${f.loneLines.length} ligne(s) seule(s) (veuve, orpheline, page creuse), ${f.warnings.length} avertissement`);
  for (const w of f.warnings) console.log(`  ${w}`);
}
console.log(`Zine généré de ${pages} pages (graine ${seed}) construit en ${seconds} s ; dossier : ${dir}`);
fs.rmSync(dir, { recursive: true, force: true });
