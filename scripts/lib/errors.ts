/**
 * Prints a failed build for the person who edits the content: our own
 * ContentError as it is, anything else with the chain of causes Eleventy wraps
 * around it (the innermost one names the real problem).
 */
import { ContentError } from "../site/content-error.ts";

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 10) {
    chain.push(current);
    const next = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return chain;
}

export function reportBuildError(error: unknown): void {
  const chain = causes(error);
  const content = chain.find((e): e is ContentError => e instanceof ContentError || (e as Error)?.name === "ContentError");
  process.stderr.write("\n✗ La construction a échoué ; le site précédent est resté en place.\n");
  if (content) {
    process.stderr.write(`${(content as Error).message}\n`);
    return;
  }
  for (const e of chain) process.stderr.write(`  ${e instanceof Error ? e.message : String(e)}\n`);
}
