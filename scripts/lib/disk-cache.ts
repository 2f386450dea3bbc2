/**
 * A content-keyed cache on disk, the way eleventy-img keeps its own: what a
 * pure render makes (a PNG card, a compiled script) is stored under the hash
 * of everything it is made from, so a build redraws only what changed and a
 * fresh clone, a kit zine or a changed renderer simply misses. A hit returns
 * exactly the bytes the render would make: the cache never changes output.
 *
 * ZINE_CACHE=folder puts it elsewhere (tests, bench); ZINE_CACHE=off turns it
 * off. By default: .cache/zine/ in the project (git-ignored).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Every miss, by kind, since the process started: what was really rendered. */
export const misses = new Map<string, number>();

export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.ZINE_CACHE?.trim();
  if (setting === "off" || setting === "0") return undefined;
  return path.resolve(setting || ".cache/zine");
}

/** A short fingerprint of files (a renderer's source, a font): part of a key, so editing them invalidates it. */
const fingerprints = new Map<string, string>();
export function filesFingerprint(files: string[]): string {
  const id = files.join("\n");
  let print = fingerprints.get(id);
  if (!print) {
    const hash = crypto.createHash("sha256");
    for (const file of files) hash.update(file).update(fs.readFileSync(file));
    print = hash.digest("hex");
    fingerprints.set(id, print);
  }
  return print;
}

function keyFile(folder: string, kind: string, inputs: unknown): string {
  return path.join(folder, kind, crypto.createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 32));
}

function read(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // not cached yet
  }
}

/** Stores through a temporary file and a rename, so two builds side by side never read half a file. */
function store(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}

function missed(kind: string): void {
  misses.set(kind, (misses.get(kind) ?? 0) + 1);
}

/** `render()`'s bytes, from `<cache>/<kind>/<hash of inputs>` when they are there, otherwise rendered and stored. */
export async function cached(kind: string, inputs: unknown, render: () => Promise<Uint8Array | string>): Promise<Buffer> {
  const folder = cacheFolder();
  const file = folder && keyFile(folder, kind, inputs);
  const hit = file && read(file);
  if (hit) return hit;
  missed(kind);
  const bytes = Buffer.from(await render());
  if (file) store(file, bytes);
  return bytes;
}

/** The same, for a synchronous render (template filters, which Nunjucks does not await). */
export function cachedSync(kind: string, inputs: unknown, render: () => Uint8Array | string): Buffer {
  const folder = cacheFolder();
  const file = folder && keyFile(folder, kind, inputs);
  const hit = file && read(file);
  if (hit) return hit;
  missed(kind);
  const bytes = Buffer.from(render());
  if (file) store(file, bytes);
  return bytes;
}
