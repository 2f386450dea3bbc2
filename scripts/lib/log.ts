/** One line of progress per stage, and one closing summary: what long work shows. */

export function step(message: string): void {
  process.stderr.write(`• ${message}\n`);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(2)} Mo`;
}

export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** `2 avertissements`, `1 avertissement`, `0 débordement`: a count with its noun agreed (French: plural from 2). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n >= 2 ? plural : singular}`;
}
