/**
 * A build writes into a staging folder and only replaces the published folder
 * once every stage succeeded: a failed build leaves the last good site as it was.
 */
import fs from "node:fs";
import path from "node:path";
import { PREFLIGHT_FILE, type PrintFileFacts } from "../../print/editions.ts";
import type { RisoReport } from "../../print/riso-page.ts";

export interface Output {
  /** Where the stages write. */
  staging: string;
  /** Where the finished build goes. */
  final: string;
}

export function prepareOutput(final: string): Output {
  const staging = path.join(path.dirname(path.resolve(final)), ".build", `${path.basename(final)}-staging`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  return { staging, final: path.resolve(final) };
}

/** Replaces `final` with `staging` in two renames, so there is never a half-written site. */
export function publishOutput({ staging, final }: Output): void {
  const previous = `${staging}-previous`;
  fs.rmSync(previous, { recursive: true, force: true });
  if (fs.existsSync(final)) fs.renameSync(final, previous);
  fs.renameSync(staging, final);
  fs.rmSync(previous, { recursive: true, force: true });
}

/**
 * Throws the staging folder away once the process ends: when one part of a
 * stage fails, others (file copies, images) may still be writing into it, and
 * must not crash into a folder that vanished under them.
 */
export function discardOutput({ staging }: Output): void {
  process.once("exit", () => fs.rmSync(staging, { recursive: true, force: true }));
}

/**
 * `npm run build:site` after a full build: the last full build's PDFs (and riso proof)
 * stay, and their facts, as that build's report recorded them, go to the site render.
 */
export function keepPrintFiles({ staging, final }: Output): { printFiles: PrintFileFacts[]; riso?: RisoReport } {
  const from = path.join(final, path.dirname(PREFLIGHT_FILE));
  const report = path.join(final, PREFLIGHT_FILE);
  if (!fs.existsSync(report)) return { printFiles: [] };
  const { facts, riso } = JSON.parse(fs.readFileSync(report, "utf8")) as { facts?: PrintFileFacts[]; riso?: RisoReport };
  const printFiles = (facts ?? []).filter((f) => fs.existsSync(path.join(from, f.file)));
  if (!printFiles.length) return { printFiles: [] };
  const proof = (riso?.proof ?? []).map((url) => path.basename(url));
  const to = path.join(staging, path.dirname(PREFLIGHT_FILE));
  fs.mkdirSync(to, { recursive: true });
  for (const file of [...printFiles.map((f) => f.file), ...proof, path.basename(PREFLIGHT_FILE)]) {
    if (fs.existsSync(path.join(from, file))) fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
  return { printFiles, riso: proof.every((file) => fs.existsSync(path.join(from, file))) ? riso : undefined };
}
