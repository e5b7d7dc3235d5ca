// Serves a built site on loopback as a static host set up for it would: the files whose
// names carry their content's hash (the page's JS, WASM and CSS, `name-<hash>.ext`) with
// `cache-control: public, max-age=31536000, immutable`, so a second page takes them from
// the browser's cache without asking; everything else (HTML, the workers, icons,
// manifest) with `no-cache` and an ETag, so the browser asks each time and gets 304 when
// nothing changed. The harness's serveDist sends `no-store` for everything: right for
// first visits, not for the second page of a visit.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
};

/** Trunk's hashed names: `guide-playground-<16 hex>.js`, `…_bg.wasm`. */
export const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm)$/;
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** Serves `root` on 127.0.0.1 at a free port; records every request path and status. */
export async function serveCached({ root }) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    try {
      const file = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!file.startsWith(base + sep) && file !== base) throw new Error("outside the site");
      const path = (await stat(file)).isDirectory() ? join(file, "index.html") : file;
      const body = await readFile(path);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
      const headers = {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": HASHED.test(path) ? IMMUTABLE : "no-cache",
        etag,
      };
      if (req.headers["if-none-match"] === etag) {
        requests.push({ path: url.pathname, status: 304 });
        res.writeHead(304, headers);
        res.end();
        return;
      }
      requests.push({ path: url.pathname, status: 200 });
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      requests.push({ path: url.pathname, status: 404 });
      res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + "/",
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
