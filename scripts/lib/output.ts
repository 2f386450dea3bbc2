/**
 * A build writes into a staging folder and only replaces the published folder
 * once every stage succeeded: a failed build leaves the last good site as it was.
 */
import fs from "node:fs";
import path from "node:path";

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
 * A site-only build (`npm run build:site`) keeps the last full build's PDFs
 * and their preflight report: copied into the staging folder before the site
 * is built, so /imprimer/ still offers them. Returns how many PDFs were kept.
 */
export function keepPrintFiles({ staging, final }: Output, folder = "imprimer"): number {
  const from = path.join(final, folder);
  if (!fs.existsSync(from)) return 0;
  const kept = fs.readdirSync(from).filter((f) => f.endsWith(".pdf") || f === "preflight.json");
  if (!kept.some((f) => f.endsWith(".pdf"))) return 0;
  fs.mkdirSync(path.join(staging, folder), { recursive: true });
  for (const file of kept) fs.copyFileSync(path.join(from, file), path.join(staging, folder, file));
  return kept.filter((f) => f.endsWith(".pdf")).length;
}
