/**
 * A tiny static file server on 127.0.0.1 for the render: Paged.js fetches the
 * stylesheets with XHR, which file:// forbids. It serves one folder (the built
 * site) plus a few extra files by URL (Paged.js itself from node_modules).
 */
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
  ".pdf": "application/pdf",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveFolder(root: string, extra: Record<string, string> = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let file = extra[url.pathname];
    if (!file) {
      const pathname = decodeURIComponent(url.pathname);
      file = path.join(base, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
      // Never serve outside the folder.
      if (!file.startsWith(base + path.sep) && file !== base) {
        res.writeHead(403).end();
        return;
      }
    }
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`introuvable : ${url.pathname}`);
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    });
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
