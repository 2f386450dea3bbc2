/**
 * Two full builds from the same sources give the same bytes, file for file:
 * pages, feed, plates, sharing cards, PDFs. (Built side by side into two
 * different folders, so neither time nor place can slip into the output.)
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildInto, listFiles } from "./support/build.ts";

const [first, second] = await Promise.all([buildInto("repro-a"), buildInto("repro-b")]);
afterAll(() => {
  for (const site of [first, second]) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

it("writes the same files", () => {
  expect(listFiles(second)).toEqual(listFiles(first));
  // The full build: the print edition's PDFs are part of what must be reproducible.
  expect(listFiles(first).filter((f) => f.endsWith(".pdf")).length).toBeGreaterThanOrEqual(1);
});

it("writes every file with the same bytes", () => {
  const differing = listFiles(first).filter((file) => fs.existsSync(path.join(second, file)) && digest(path.join(first, file)) !== digest(path.join(second, file)));
  expect(differing).toEqual([]);
});
