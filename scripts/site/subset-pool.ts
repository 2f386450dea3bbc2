/**
 * Font subsetting off the main thread. Most of a face's cost is WOFF2's
 * Brotli at its highest quality (subset-font → wawoff2, WebAssembly, one
 * thread): a cold build cuts sixteen faces (eight for the web pages, eight
 * for print), so they are shared among as many worker threads as the machine
 * has cores (two at most: the rest of the build runs too). Same library, same
 * options, same bytes as in the main thread; with one core, or if a worker
 * can't start, the faces are cut in the main thread.
 */
import os from "node:os";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface SubsetJob {
  source: string;
  text: string;
  options: Record<string, unknown>;
}

/** The worker: plain CommonJS (no TypeScript loader to start), subset-font by its resolved path. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const subsetFont = require(workerData.subsetFont);
parentPort.on("message", async ({ id, source, text, options }) => {
  try {
    const bytes = await subsetFont(fs.readFileSync(source), text, options);
    parentPort.postMessage({ id, bytes });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

const require = createRequire(import.meta.url);

async function inProcess(job: SubsetJob): Promise<Uint8Array> {
  const { default: subsetFont } = await import("subset-font");
  const fs = await import("node:fs");
  return subsetFont(fs.readFileSync(job.source), job.text, job.options);
}

/** Cuts every job's face, in worker threads when there are two cores or more; results in the jobs' order. */
export async function subsetAll(jobs: SubsetJob[]): Promise<Uint8Array[]> {
  const threads = Math.min(2, os.availableParallelism?.() ?? os.cpus().length, jobs.length);
  if (threads < 2) {
    const out: Uint8Array[] = [];
    for (const job of jobs) out.push(await inProcess(job));
    return out;
  }
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) {
      workers.push(new Worker(WORKER, { eval: true, execArgv: [], workerData: { subsetFont: require.resolve("subset-font") } }));
    }
  } catch {
    for (const worker of workers) void worker.terminate();
    const out: Uint8Array[] = [];
    for (const job of jobs) out.push(await inProcess(job));
    return out;
  }
  const results: Uint8Array[] = new Array(jobs.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              worker.postMessage({ id, ...jobs[id] });
            };
            worker.on("message", ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
              if (error) return reject(new Error(`police ${jobs[id].source} : le découpage a échoué\n${error}`));
              results[id] = bytes!;
              give();
            });
            worker.on("error", reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
