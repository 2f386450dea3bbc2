/**
 * When the preflight refuses the PDFs, the website is still rendered (and
 * published by scripts/build.ts), /imprimer/ and the feed offer no PDF, and
 * the error says why in French.
 */
import { describe, it, expect, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../scripts/site/build-site.ts";
import { printStages, PreflightError } from "../print/build-print.ts";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "zine-refused-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("a print refused by the preflight", () => {
  it("leaves the site rendered, without PDFs, and returns the reason", async () => {
    await buildSite(out);
    const refusal = new PreflightError("contrôle avant impression : 1 problème ; les fichiers PDF ne sont pas publiés.\n  technopolice-zine-a5.pdf : le fichier contient des couleurs (DeviceRGB)");
    const { summary, refused } = await printStages(out, { quiet: true }, async () => {
      throw refusal;
    });
    expect(summary).toBeUndefined();
    expect(refused).toBe(refusal);
    expect(refused!.message).toMatch(/les fichiers PDF ne sont pas publiés/);
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(true);
    const page = fs.readFileSync(path.join(out, "imprimer", "index.html"), "utf8");
    expect(page).not.toMatch(/\.pdf"/);
    expect(fs.readFileSync(path.join(out, "feed.xml"), "utf8")).not.toMatch(/application\/pdf/);
  });

  it("lets any other error through", async () => {
    await expect(
      printStages(out, { quiet: true }, async () => {
        throw new Error("Chromium introuvable");
      }),
    ).rejects.toThrow(/Chromium introuvable/);
  });
});
