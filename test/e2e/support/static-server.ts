/**
 * A tiny static file server for a built site on 127.0.0.1, on a free port:
 * what a host serves, with /404.html for what doesn't exist. Every request it
 * answers is recorded, so tests can compare them with what the browser asked.
 */
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { fileForUrl } from "./build.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "text/xsl; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".json": "application/json",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    let file = fileForUrl(root, urlPath);
    if (!path.resolve(file).startsWith(path.resolve(root))) file = path.join(root, "404.html");
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // /chapitres/x → /chapitres/x/ like a static host would.
      if (fs.existsSync(path.join(file, "index.html"))) {
        response.writeHead(301, { location: `${urlPath}/` }).end();
        return;
      }
      status = 404;
      file = path.join(root, "404.html");
    }
    response.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
