/** One line of progress per stage, and one closing summary: what long work shows. */

export function step(message: string): void {
  process.stderr.write(`• ${message}\n`);
}

/** A size for people: 204,7 Ko in French (decimal comma, no-break space), 204.7 KB in English. */
export function formatBytes(bytes: number, lang: "fr" | "en" = "fr"): string {
  const [unit, kilo, mega] = lang === "en" ? ["B", "KB", "MB"] : ["o", "Ko", "Mo"];
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(value);
  if (bytes < 1024) return `${bytes}\u00A0${unit}`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 1)}\u00A0${kilo}`;
  return `${number(bytes / 1024 / 1024, 2)}\u00A0${mega}`;
}

export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
