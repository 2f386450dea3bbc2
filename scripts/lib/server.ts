/**
 * A tiny static file server on 127.0.0.1, on a free port, serving one folder
 * (the built site) the way a static host does: /x/ → /x/index.html, /x → 301
 * to /x/, and /404.html with a 404 for anything else. The render needs it
 * because Paged.js fetches stylesheets with XHR, which file:// forbids; the
 * browser tests need it to meet the site as a reader does.
 */
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { fileForUrl } from "./site-files.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "text/xsl; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

/** Text a static host compresses (GitHub Pages, Netlify, nginx and Apache as Debian ships them); fonts and pictures are compressed already. */
const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

export interface ServeOptions {
  /** Gzip text when the browser accepts it, as a static host does (Lighthouse's network is then a reader's). Otherwise files go as they are. */
  compress?: boolean;
}

/** Serves `root`, plus `extra` files by URL path (Paged.js from node_modules). */
export async function serveFolder(root: string, extra: Record<string, string> = {}, options: ServeOptions = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    let file = extra[urlPath] ?? fileForUrl(base, urlPath);
    let status = 200;
    // Never serve outside the folder.
    if (!extra[urlPath] && !file.startsWith(base + path.sep)) file = path.join(base, "404.html");
    if (!isFile(file)) {
      if (isFile(path.join(file, "index.html"))) {
        response.writeHead(301, { location: `${urlPath}/` }).end();
        return;
      }
      status = 404;
      file = path.join(base, "404.html");
      if (!isFile(file)) {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`introuvable : ${urlPath}`);
        return;
      }
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    if (options.compress && COMPRESSED.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
      response.writeHead(status, { "content-type": type, "content-encoding": "gzip", vary: "accept-encoding", "cache-control": "no-store" });
      fs.createReadStream(file).pipe(zlib.createGzip()).pipe(response);
      return;
    }
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
