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
 *   expect:
 *     refused:                           # the build stops (non-zero exit, old output intact)
 *       file: src/chapitres/02-….md      # the message names the file…
 *       says: ["order", "→"]             # …and says these (the field, what to do)
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

export interface BadCase {
  name: string;
  why: string;
  edits: Edit[];
  expect:
    | { refused: { file: string; says: string[] } }
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
