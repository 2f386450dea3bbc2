/**
 * The print stage beside WeasyPrint, in the same run on the same machine:
 * our whole print stage (Paged.js layout of the zine and the mini-zine, grey
 * ink, the nine PDFs and the riso proof, the preflight) against WeasyPrint rendering the same
 * /imprimer/zine/ document to one A5 PDF. The ratio is what `npm run bench`
 * reports; the goal is every print output in at most 1.5 × WeasyPrint's A5.
 *
 * Each side runs `runs` times (the browser started and closed inside each of
 * our runs, as a build does); the medians are compared.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildPrint } from "./build-print.ts";
import { printDocument } from "./editions.ts";
import { serveFolder } from "../scripts/lib/server.ts";

const run = promisify(execFile);

export interface PrintBench {
  /** Median seconds of the whole print stage (all nine PDFs and the riso proof). */
  printSeconds: number;
  /** Median seconds per stage of our print (render, finish, editions, check). */
  stages: Record<string, number>;
  /** Median seconds of WeasyPrint for the A5 alone; undefined when WeasyPrint is not installed. */
  weasyprintSeconds?: number;
  ratio?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times the print stage and WeasyPrint over a built site in `siteDir` (the PDFs there are rewritten). */
export async function benchPrint(siteDir: string, runs = 3): Promise<PrintBench> {
  const ours: number[] = [];
  const stageRuns: Record<string, number>[] = [];
  const theirs: number[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "zine-weasyprint-"));
  const server = await serveFolder(siteDir);
  let weasyprint = true;
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate, so a load spike on a shared machine falls on both sides.
      let t = performance.now();
      const summary = await buildPrint(siteDir, { quiet: true });
      ours.push((performance.now() - t) / 1000);
      stageRuns.push(summary.stages);
      if (!weasyprint) continue;
      t = performance.now();
      try {
        await run("weasyprint", ["--quiet", server.origin + printDocument("zine").url, path.join(scratch, "zine.pdf")]);
        theirs.push((performance.now() - t) / 1000);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        weasyprint = false;
      }
    }
  } finally {
    await server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const stages = Object.fromEntries(Object.keys(stageRuns[0]).map((name) => [name, median(stageRuns.map((s) => s[name]))]));
  const printSeconds = median(ours);
  const weasyprintSeconds = theirs.length ? median(theirs) : undefined;
  return { printSeconds, stages, weasyprintSeconds, ratio: weasyprintSeconds ? printSeconds / weasyprintSeconds : undefined };
}

/** A row of scripts/bench.ts's table (its BenchRow): a figure, its yardstick, the ratio and the goal. */
export interface PrintBenchRow {
  label: string;
  value: string;
  reference?: string;
  ratio?: number;
  goal?: string;
}

/** The bench's rows, in French, for scripts/bench.ts's table. */
export function printBenchRows(bench: PrintBench): PrintBenchRow[] {
  const s = (seconds: number) => `${seconds.toFixed(2).replace(".", ",")} s`;
  // The stages overlap (Node finishes and checks while Chromium prints): each one's own time, they add up to more than the whole.
  const stages =
    "étapes chevauchées : " +
    Object.entries(bench.stages)
      .map(([name, seconds]) => `${name} ${s(seconds)}`)
      .join(", ");
  const row: PrintBenchRow = { label: "impression : les 9 PDF et l’épreuve riso (médiane)", value: s(bench.printSeconds), reference: stages };
  if (bench.weasyprintSeconds === undefined || bench.ratio === undefined) {
    row.reference += " ; WeasyPrint non installé (Debian : apt-get install weasyprint)";
  } else {
    row.reference = `WeasyPrint, le zine A5 : ${s(bench.weasyprintSeconds)} (${stages})`;
    row.ratio = bench.ratio;
    row.goal = "≤ 1,5 × WeasyPrint";
  }
  return [row];
}
