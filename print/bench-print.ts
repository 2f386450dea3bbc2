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
  /** Median CPU seconds of it, this process and the programs it ran (Chromium, pdftoppm), where the system says (Linux). */
  printCpuSeconds?: number;
  /** The same for WeasyPrint, and the CPU ratio: what a machine shared with other work sees. */
  weasyprintCpuSeconds?: number;
  cpuRatio?: number;
  /** Median seconds per stage of our print (render, finish, editions, check). */
  stages: Record<string, number>;
  /** Median seconds of WeasyPrint for the A5 alone; undefined when WeasyPrint is not installed. */
  weasyprintSeconds?: number;
  ratio?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * CPU seconds used so far by this process and by the programs it started that have ended (Chromium once closed,
 * its renderers with it, pdftoppm, WeasyPrint): utime + stime + cutime + cstime of /proc/self/stat, in clock ticks
 * (100 a second on Linux). Undefined where there is no /proc.
 */
function cpuSeconds(): number | undefined {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
  } catch {
    return undefined;
  }
}

/** Times the print stage and WeasyPrint over a built site in `siteDir` (the PDFs there are rewritten). */
export async function benchPrint(siteDir: string, runs = 3): Promise<PrintBench> {
  const ours: number[] = [];
  const stageRuns: Record<string, number>[] = [];
  const theirs: number[] = [];
  const cpu = { ours: [] as number[], theirs: [] as number[] };
  const counted = async (into: number[], work: () => Promise<unknown>) => {
    const before = cpuSeconds();
    await work();
    const after = cpuSeconds();
    if (before !== undefined && after !== undefined) into.push(after - before);
  };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "zine-weasyprint-"));
  const server = await serveFolder(siteDir);
  let weasyprint = true;
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate, so a load spike on a shared machine falls on both sides.
      let t = performance.now();
      await counted(cpu.ours, async () => stageRuns.push((await buildPrint(siteDir, { quiet: true })).stages));
      ours.push((performance.now() - t) / 1000);
      if (!weasyprint) continue;
      t = performance.now();
      try {
        await counted(cpu.theirs, () => run("weasyprint", ["--quiet", server.origin + printDocument("zine").url, path.join(scratch, "zine.pdf")]));
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
  const printCpuSeconds = cpu.ours.length ? median(cpu.ours) : undefined;
  const weasyprintCpuSeconds = cpu.theirs.length ? median(cpu.theirs) : undefined;
  return {
    printSeconds,
    stages,
    weasyprintSeconds,
    ratio: weasyprintSeconds ? printSeconds / weasyprintSeconds : undefined,
    printCpuSeconds,
    weasyprintCpuSeconds,
    cpuRatio: printCpuSeconds && weasyprintCpuSeconds ? printCpuSeconds / weasyprintCpuSeconds : undefined,
  };
}

/** A row of scripts/bench.ts's table (its BenchRow): a figure, its yardstick, the ratio and the goal. */
export interface PrintBenchRow {
  label: string;
  value: string;
  reference?: string;
  ratio?: number;
  /** The same ratio in CPU time. */
  ratioCpu?: number;
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
  const cpu = bench.printCpuSeconds === undefined ? "" : ` (CPU ${s(bench.printCpuSeconds)})`;
  const row: PrintBenchRow = { label: "impression : les 9 PDF et l’épreuve riso (médiane)", value: s(bench.printSeconds) + cpu, reference: stages };
  if (bench.weasyprintSeconds === undefined || bench.ratio === undefined) {
    row.reference += " ; WeasyPrint non installé (Debian : apt-get install weasyprint)";
  } else {
    const theirCpu = bench.weasyprintCpuSeconds === undefined ? "" : ` (CPU ${s(bench.weasyprintCpuSeconds)})`;
    row.reference = `WeasyPrint, le zine A5 : ${s(bench.weasyprintSeconds)}${theirCpu} (${stages})`;
    row.ratio = bench.ratio;
    row.ratioCpu = bench.cpuRatio;
    row.goal = "≤ 1,5 × WeasyPrint";
  }
  return [row];
}
