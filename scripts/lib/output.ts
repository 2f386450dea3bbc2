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
