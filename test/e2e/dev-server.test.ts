/**
 * `ZINE_DIR=mon-zine npm start`: the dev server follows the zine folder (an
 * edit there rebuilds the page), and /imprimer/ says when the PDFs it serves
 * are older than the content, and how to refresh them.
 * `npm start` itself (incremental): a saved chapter reaches the page open in
 * the browser (live reload) and the print preview, only the pages that depend
 * on it are written, the fonts gain a new character, and a broken link is
 * refused with the chapter's file, as a build refuses it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import fontverter from "fontverter";
import opentype from "opentype.js";
import type { Browser } from "playwright-core";
import { PROJECT_ROOT } from "./support/build.ts";
import { copyProject } from "./support/project-copy.ts";
import { launchChromium } from "./support/browser.ts";

const project = copyProject("dev-server");
const startProject = copyProject("npm-start");
const kitProject = copyProject("npm-start-kit");
// The kit folder outside the project, as a collective keeps it (Eleventy names its files by absolute path).
const kitFolder = fs.mkdtempSync(path.join(os.tmpdir(), "zine-kit-start-"));
let server: ChildProcess | undefined;
let start: ChildProcess | undefined;
let kitStart: ChildProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const child of [server, start, kitStart]) if (child?.pid) process.kill(-child.pid, "SIGTERM");
  for (const dir of [project, startProject, kitProject, kitFolder]) fs.rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `url` until `test` holds on its text (the server rebuilds in the background). */
async function until(url: string, test: (html: string) => boolean, ms = 120_000): Promise<string> {
  const end = Date.now() + ms;
  let html = "";
  while (Date.now() < end) {
    html = await fetch(url).then((r) => (r.ok ? r.text() : ""), () => "");
    if (test(html)) return html;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return html;
}

it("follows ZINE_DIR and says the PDFs are older than the content", { timeout: 300_000 }, async () => {
  fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), path.join(project, "mon-zine"), { recursive: true });
  // PDFs from an earlier full build, older than every content file.
  const output = path.join(project, "_site");
  fs.mkdirSync(path.join(output, "imprimer"), { recursive: true });
  fs.writeFileSync(path.join(output, "imprimer/ancien.pdf"), "%PDF-1.7");
  const report = path.join(output, "imprimer/preflight.json");
  fs.writeFileSync(report, JSON.stringify({ files: [], problems: [], facts: [{ key: "lecture", url: "/imprimer/ancien.pdf", file: "ancien.pdf", label: "A5", pages: 24, bytes: 8, sheet: { widthMm: 148, heightMm: 210 }, trim: { widthMm: 148, heightMm: 210 } }] }));
  fs.utimesSync(report, new Date("2020-01-01"), new Date("2020-01-01"));

  const port = await freePort();
  server = spawn(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), ["node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts", "--serve", `--port=${port}`], {
    cwd: project,
    env: { ...process.env, ZINE_DIR: "mon-zine", ZINE_OUTPUT: "" },
    stdio: "ignore",
    detached: true,
  });
  const origin = `http://localhost:${port}`;

  const imprimer = await until(`${origin}/imprimer/`, (html) => html.includes("ancien.pdf"));
  expect(imprimer).toContain("ces PDF ont été faits avant votre dernière modification");
  expect(imprimer).toContain("npm run build:print");

  const page = `${origin}/chapitres/le-voyage/`;
  expect(await until(page, (html) => html.includes("<h1>Le voyage</h1>"))).toContain("<h1>Le voyage</h1>");
  const chapter = path.join(project, "mon-zine/chapitres/02-le-voyage.md");
  fs.writeFileSync(chapter, fs.readFileSync(chapter, "utf8").replace('title: "Le voyage"', 'title: "Le voyage, revu"'));
  expect(await until(page, (html) => html.includes("Le voyage, revu"))).toContain("<h1>Le voyage, revu</h1>");
});

/** `npm start` as package.json says it, on `port`: the program and its arguments. */
function npmStart(port: number): [string, string[]] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts.start.split(/\s+/);
  const program = command === "node" ? process.execPath : command === "tsx" ? path.join(PROJECT_ROOT, "node_modules/.bin/tsx") : command;
  return [program, [...args, `--port=${port}`]];
}

/** Waits until the server's output, from `from` on, matches `pattern`. */
async function logUntil(log: () => string, from: number, pattern: RegExp, ms = 120_000): Promise<string> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const match = pattern.exec(log().slice(from));
    if (match) return log().slice(from, from + match.index + match[0].length);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`le serveur n’a pas écrit ${pattern} :\n${log().slice(from)}`);
}

async function literataHas(origin: string, character: string): Promise<boolean> {
  const woff2 = Buffer.from(await (await fetch(`${origin}/assets/fonts/literata-400.woff2`)).arrayBuffer());
  const bytes = await fontverter.convert(woff2, "sfnt");
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).charToGlyphIndex(character) !== 0;
}

it("npm start: a save reaches the open page and the print preview, rewrites only what depends on it, and keeps the fonts and link checks whole", { timeout: 300_000 }, async () => {
  const port = await freePort();
  const [program, args] = npmStart(port);
  let log = "";
  start = spawn(program, args, { cwd: startProject, env: { ...process.env, ZINE_CACHE: path.join(startProject, ".cache"), FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  start.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  start.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const origin = `http://localhost:${port}`;
  await logUntil(() => log, 0, /Watching/);
  const chapitre = await until(`${origin}/chapitres/visions-de-la-ville/`, (html) => html.includes("</html>"));
  expect(chapitre).toContain("<h1");
  // The site never shows « ÿ »: its fonts don't have it yet.
  expect(await literataHas(origin, "ÿ")).toBe(false);

  browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${origin}/chapitres/visions-de-la-ville/`);
  // Chokidar is told about the files a moment after Eleventy says it is watching.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const chapter = path.join(startProject, "src/chapitres/01-visions-de-la-ville.md");
  const original = fs.readFileSync(chapter, "utf8");
  const save = async (text: string): Promise<string> => {
    const from = log.length;
    fs.writeFileSync(chapter, text);
    return logUntil(() => log, from, /Watching/);
  };

  const rebuilt = await save(`${original}\nUne phrase écrite pendant le test, en passant par L’Haÿ-les-Roses.\n`);
  // The open page shows it without being asked: live reload.
  await page.waitForFunction(() => document.body.innerText.includes("pendant le test"), null, { timeout: 60_000 });
  // Only what depends on the chapter: its page, the pages that list chapters, the print documents; not the others.
  const written = [...rebuilt.matchAll(/Writing \.\/_site\/(\S+) from/g)].map((m) => m[1]);
  expect(written).toEqual(expect.arrayContaining(["chapitres/visions-de-la-ville/index.html", "imprimer/apercu/index.html", "index.html"]));
  for (const other of ["a-propos/index.html", "ressources/index.html", "chapitres/marche-safe-city/index.html", "planches/index.html"]) expect(written).not.toContain(other);
  expect(rebuilt).toMatch(/Wrote \d+ files \(skipped \d+\)/);
  // The print preview (soft hyphens aside) and the fonts follow.
  expect((await (await fetch(`${origin}/imprimer/apercu/`)).text()).replace(/\u00AD/g, "")).toContain("pendant le test");
  expect(await literataHas(origin, "ÿ")).toBe(true);

  // A link to a page that doesn't exist, saved: refused with the chapter's file.
  const broken = await save(`${original}\nVoir [cette page](/chapitres/nulle-part/).\n`);
  expect(broken).toContain("Erreur de contenu dans src/chapitres/01-visions-de-la-ville.md");
  expect(broken).toContain("« /chapitres/nulle-part/ » ne mène à aucune page construite");
  // A link to another chapter's heading that doesn't exist.
  const anchor = await save(`${original}\nVoir [ailleurs](02-marche-safe-city.md#nexiste-pas).\n`);
  expect(anchor).toContain("Erreur de contenu dans src/chapitres/01-visions-de-la-ville.md");
  expect(anchor).toContain("/chapitres/marche-safe-city/#nexiste-pas");
  // A good one, then the other chapter's heading renamed: the untouched chapter's link is now broken.
  const fine = await save(`${original}\nVoir [l’ambition](02-marche-safe-city.md#une-ambition-nationale).\n`);
  expect(fine).not.toContain("Erreur de contenu");
  const other = path.join(startProject, "src/chapitres/02-marche-safe-city.md");
  const from = log.length;
  fs.writeFileSync(other, fs.readFileSync(other, "utf8").replace("## Une ambition nationale", "## Une ambition d’État"));
  const renamed = await logUntil(() => log, from, /Watching/);
  expect(renamed).toContain("Erreur de contenu dans src/chapitres/01-visions-de-la-ville.md");
  expect(renamed).toContain("/chapitres/marche-safe-city/#une-ambition-nationale");
});

/** The files a rebuild wrote, from its log (`Writing ./_site/<file> from …`). */
function writtenFiles(log: string): string[] {
  return [...log.matchAll(/Writing \.\/_site\/(\S+) from/g)].map((m) => m[1]);
}

it("npm start with ZINE_DIR: a saved chapter of the kit folder rewrites only what depends on it, reaches the open page and the preview; added and renamed chapters join", { timeout: 300_000 }, async () => {
  fs.cpSync(path.join(PROJECT_ROOT, "test/fixtures/mini-zine"), kitFolder, { recursive: true });
  const port = await freePort();
  const [program, args] = npmStart(port);
  let log = "";
  kitStart = spawn(program, args, { cwd: kitProject, env: { ...process.env, ZINE_DIR: kitFolder, ZINE_CACHE: path.join(kitProject, ".cache"), FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  kitStart.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  kitStart.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const origin = `http://localhost:${port}`;
  await logUntil(() => log, 0, /Watching/);
  expect(await until(`${origin}/chapitres/le-voyage/`, (html) => html.includes("</html>"))).toContain("<h1>Le voyage</h1>");

  browser ??= await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${origin}/chapitres/le-voyage/`);
  // Chokidar is told about the files a moment after Eleventy says it is watching.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const chapters = path.join(kitFolder, "chapitres");
  const chapter = path.join(chapters, "02-le-voyage.md");
  const original = fs.readFileSync(chapter, "utf8");
  const change = async (act: () => void): Promise<string> => {
    const from = log.length;
    act();
    return logUntil(() => log, from, /Watching/);
  };

  // Twice: the first save, then one after it (the dependency Eleventy keeps for the next).
  for (const sentence of ["Une escale écrite pendant le test.", "Une seconde escale, écrite après la première."]) {
    const rebuilt = await change(() => fs.writeFileSync(chapter, `${original}\n${sentence}\n`));
    await page.waitForFunction((text) => document.body.innerText.includes(text), sentence, { timeout: 60_000 });
    const written = writtenFiles(rebuilt);
    expect(written).toEqual(expect.arrayContaining(["chapitres/le-voyage/index.html", "imprimer/apercu/index.html", "index.html"]));
    for (const other of ["a-propos/index.html", "ressources/index.html", "chapitres/le-meilleur-des-mondes/index.html", "chapitres/cultiver-notre-jardin/index.html", "planches/index.html", "assets/css/site.css"]) expect(written).not.toContain(other);
    expect(rebuilt).toMatch(/Wrote \d+ files \(skipped \d+\)/);
    expect((await (await fetch(`${origin}/imprimer/apercu/`)).text()).replace(/\u00AD/g, "")).toContain(sentence);
  }

  // A broken link: refused with the kit folder's file, not the virtual one in src/.
  const broken = await change(() => fs.writeFileSync(chapter, `${original}\nVoir [cette page](/chapitres/nulle-part/).\n`));
  expect(broken).toContain(`Erreur de contenu dans ${path.relative(kitProject, chapter)}`);
  expect(broken).not.toContain("src/chapitres/02-le-voyage.md :");
  await change(() => fs.writeFileSync(chapter, original));

  // A new chapter: its page, and the home page lists it.
  const added = path.join(chapters, "04-le-retour.md");
  const text = fs.readFileSync(path.join(chapters, "03-cultiver-notre-jardin.md"), "utf8").replace(/^title: .*$/m, 'title: "Le retour"').replace(/^order: .*$/m, "order: 4");
  await change(() => fs.writeFileSync(added, text));
  expect(await (await fetch(`${origin}/chapitres/le-retour/`)).text()).toContain("<h1>Le retour</h1>");
  expect(await (await fetch(`${origin}/`)).text()).toContain("/chapitres/le-retour/");
  // Renamed: published at its new address, gone from the home page's list.
  await change(() => fs.renameSync(added, path.join(chapters, "04-la-fin.md")));
  expect(await until(`${origin}/chapitres/la-fin/`, (html) => html.includes("<h1>Le retour</h1>"))).toContain("<h1>Le retour</h1>");
  const home = await (await fetch(`${origin}/`)).text();
  expect(home).toContain("/chapitres/la-fin/");
  expect(home).not.toContain("/chapitres/le-retour/");
  // And a save still reaches its page.
  const saved = await change(() => fs.appendFileSync(chapter, "\nUne dernière escale.\n"));
  expect(writtenFiles(saved)).toContain("chapitres/le-voyage/index.html");
  expect(await (await fetch(`${origin}/chapitres/le-voyage/`)).text()).toContain("Une dernière escale.");
});
