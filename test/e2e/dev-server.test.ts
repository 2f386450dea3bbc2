/**
 * `ZINE_DIR=mon-zine npm start`: the dev server follows the zine folder (an
 * edit there rebuilds the page), and /imprimer/ says when the PDFs it serves
 * are older than the content, and how to refresh them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { PROJECT_ROOT } from "./support/build.ts";
import { copyProject } from "./support/project-copy.ts";

const project = copyProject("dev-server");
let server: ChildProcess | undefined;
afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  fs.rmSync(project, { recursive: true, force: true });
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
