/**
 * The bad-input corpus (test/fixtures/bad/<case>/case.yaml): each case is a
 * small patch on a copy of the real project, and says what the build must do.
 *
 *   why: what a person got wrong
 *   edits:
 *     - file: src/chapitres/02-….md      # a file of the project
 *       replace: "order: 2"              # text that must be there (else the case is stale)
 *       with: "order: 1"
 *     - file: src/chapitres/10-….md
 *       write: "…"                       # a new file, or a file's whole new text
 *     - file: src/chapitres/10-….md
 *       copy: latin1.md                  # bytes from the case folder, as they are
 *   zine: true                           # optional: the case is a zine folder of its own, a copy of
 *                                        # test/fixtures/mini-zine at mon-zine/, built with ZINE_DIR=mon-zine
 *   expect:
 *     refused:                           # the build stops (non-zero exit, old output intact)
 *       file: src/chapitres/02-….md      # the message names the file…
 *       says: ["order", "→"]             # …and says these (the field, what to do)
 *     # or
 *     resolved:                          # the build succeeds and the reference became a site address
 *       page: /chapitres/…/
 *       attribute: href                  # href of a link or src of a picture
 *       value: /chapitres/le-voyage/
 *       print: 'class="renvoi" href="#chapitre-le-voyage"'   # optional: in the print document too
 *     # or
 *     escaped:                           # the build succeeds and shows the text, never runs it
 *       page: /chapitres/…/
 *       text: "<script>"
 */
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { PROJECT_ROOT } from "./build.ts";

export const BAD_CASES_DIR = path.join(PROJECT_ROOT, "test/fixtures/bad");

export type Edit =
  | { file: string; replace: string; with: string }
  | { file: string; write: string }
  | { file: string; copy: string }
  | { file: string; delete: true };

/** Where a zine-folder case's folder lives inside the project copy (ZINE_DIR). */
export const ZINE_FOLDER = "mon-zine";

export interface BadCase {
  name: string;
  why: string;
  zine?: boolean;
  edits: Edit[];
  expect:
    | { refused: { file: string; says: string[] } }
    | { resolved: { page: string; attribute: "href" | "src"; value: string; print?: string } }
    | { escaped: { page: string; text: string } };
}

export function loadBadCases(): BadCase[] {
  return fs
    .readdirSync(BAD_CASES_DIR)
    .filter((name) => fs.existsSync(path.join(BAD_CASES_DIR, name, "case.yaml")))
    .sort()
    .map((name) => ({ name, ...(yaml.load(fs.readFileSync(path.join(BAD_CASES_DIR, name, "case.yaml"), "utf8")) as Omit<BadCase, "name">) }));
}

/** Applies a case's edits to a project copy; throws if a case no longer matches the content. */
export function applyEdits(badCase: BadCase, projectDir: string): void {
  if (badCase.zine) fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), path.join(projectDir, ZINE_FOLDER), { recursive: true });
  for (const edit of badCase.edits) {
    const target = path.join(projectDir, edit.file);
    if ("replace" in edit) {
      const text = fs.readFileSync(target, "utf8");
      if (!text.includes(edit.replace)) throw new Error(`${badCase.name}: « ${edit.replace} » is no longer in ${edit.file}: update the case`);
      fs.writeFileSync(target, text.replace(edit.replace, edit.with));
    } else if ("write" in edit) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, edit.write);
    } else if ("copy" in edit) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(BAD_CASES_DIR, badCase.name, edit.copy), target);
    } else {
      if (!fs.existsSync(target)) throw new Error(`${badCase.name}: ${edit.file} does not exist: update the case`);
      fs.rmSync(target);
    }
  }
}
