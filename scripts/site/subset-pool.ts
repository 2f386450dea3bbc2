/**
 * Font subsetting off the main thread. Most of a face's cost is WOFF2's
 * Brotli at its highest quality (subset-font → wawoff2, WebAssembly, one
 * thread): a cold build cuts sixteen faces (eight for the web pages, eight
 * for print), so they are shared among as many worker threads as the machine
 * has cores (two at most: the rest of the build runs too), and the main
 * thread meanwhile reads which characters each web face shows. Same library,
 * same options, same bytes as in the main thread; with one core, or if a
 * worker can't start, the faces are cut in the main thread.
 */
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface SubsetJob {
  source: string;
  text: string;
  options: Record<string, unknown>;
  /** Instead of a cut: this font (an sfnt) compressed to WOFF2 (scripts/site/kerning.ts gives its cuts a table of their own). */
  woff2?: Uint8Array;
}

/** The worker: plain CommonJS (no TypeScript loader to start), subset-font by its resolved path. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const subsetFont = require(workerData.subsetFont);
const fontverter = require(workerData.fontverter);
parentPort.on("message", async ({ id, source, text, options, woff2 }) => {
  try {
    const bytes = woff2 ? await fontverter.convert(Buffer.from(woff2), "woff2") : await subsetFont(fs.readFileSync(source), text, options);
    parentPort.postMessage({ id, bytes });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

const require = createRequire(import.meta.url);
/** fontverter (WOFF2 with Google's encoder, as subset-font writes it), subset-font's own. */
const fontverterPath = (): string => createRequire(require.resolve("subset-font")).resolve("fontverter");

/** In the main thread, one face at a time: subset-font's WebAssembly is not reentrant. */
let queue: Promise<unknown> = Promise.resolve();
function inProcess(job: SubsetJob): Promise<Uint8Array> {
  const run = queue.then(async (): Promise<Uint8Array> => {
    if (job.woff2) return (require(fontverterPath()) as { convert(font: Buffer, format: string): Promise<Buffer> }).convert(Buffer.from(job.woff2), "woff2");
    const { default: subsetFont } = await import("subset-font");
    return subsetFont(fs.readFileSync(job.source), job.text, job.options);
  });
  queue = run.catch(() => undefined);
  return run;
}

export interface SubsetPool {
  /** Cuts one face; jobs run in the order they are given. */
  cut(job: SubsetJob): Promise<Uint8Array>;
  /** Stops the threads (after the jobs given so far). */
  close(): Promise<void>;
}

/** A pool of (at most) two worker threads, started at the first job. */
export function subsetPool(): SubsetPool {
  const threads = Math.min(2, os.availableParallelism?.() ?? os.cpus().length);
  const waiting: { id: number; job: SubsetJob; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }[] = [];
  const running = new Map<number, { job: SubsetJob; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let ids = 0;
  let threaded = threads >= 2;

  const dispatch = () => {
    while (idle.length && waiting.length) {
      const worker = idle.pop()!;
      const next = waiting.shift()!;
      running.set(next.id, next);
      worker.postMessage({ id: next.id, ...next.job });
    }
  };

  const start = () => {
    try {
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { subsetFont: require.resolve("subset-font"), fontverter: fontverterPath() } });
        worker.on("message", ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
          const done = running.get(id)!;
          running.delete(id);
          if (error) done.reject(new Error(`police ${done.job.source} : le découpage a échoué\n${error}`));
          else done.resolve(bytes!);
          idle.push(worker);
          dispatch();
        });
        worker.on("error", (error) => {
          for (const job of [...running.values(), ...waiting.splice(0)]) job.reject(error);
          running.clear();
        });
        workers.push(worker);
        idle.push(worker);
      }
    } catch {
      for (const worker of workers) void worker.terminate();
      workers.length = 0;
      idle.length = 0;
      threaded = false;
    }
  };

  return {
    cut(job) {
      if (threaded && !workers.length) start();
      if (!threaded) return inProcess(job);
      return new Promise((resolve, reject) => {
        waiting.push({ id: ids++, job, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Cuts every job's face (in worker threads when there are two cores or more); results in the jobs' order. */
export async function subsetAll(jobs: SubsetJob[]): Promise<Uint8Array[]> {
  const pool = subsetPool();
  try {
    return await Promise.all(jobs.map((job) => pool.cut(job)));
  } finally {
    await pool.close();
  }
}
