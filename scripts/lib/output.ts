/**
 * A build writes into a staging folder and only replaces the published folder
 * once every stage succeeded: a failed build leaves the last good site as it was.
 */
import fs from "node:fs";
import path from "node:path";
import { editions, PREFLIGHT_FILE, type PrintFileFacts } from "../../print/editions.ts";

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
 * is built, and their facts (from the report and the editions table) returned
 * for the site render, so /imprimer/ and the feed still offer them.
 */
export function keepPrintFiles({ staging, final }: Output): PrintFileFacts[] {
  const from = path.join(final, path.dirname(PREFLIGHT_FILE));
  const report = path.join(final, PREFLIGHT_FILE);
  if (!fs.existsSync(report)) return [];
  const entries = (JSON.parse(fs.readFileSync(report, "utf8")) as { files?: { key?: string; file?: string; pages?: number }[] }).files ?? [];
  const facts: PrintFileFacts[] = [];
  for (const e of editions) {
    const entry = entries.find((f) => f.key === e.key);
    if (!entry?.file || !fs.existsSync(path.join(from, entry.file))) continue;
    facts.push({
      key: e.key,
      url: `/${path.dirname(PREFLIGHT_FILE)}/${entry.file}`,
      file: entry.file,
      label: e.label,
      pages: Number(entry.pages),
      bytes: fs.statSync(path.join(from, entry.file)).size,
      sheet: e.sheet,
      trim: e.trim,
    });
  }
  if (!facts.length) return [];
  const to = path.join(staging, path.dirname(PREFLIGHT_FILE));
  fs.mkdirSync(to, { recursive: true });
  for (const file of [...facts.map((f) => f.file), path.basename(PREFLIGHT_FILE)]) fs.copyFileSync(path.join(from, file), path.join(to, file));
  return facts;
}
