// Guide Playground's service worker: the site keeps working offline after a first visit.
//
// The build (src/build/service_worker.rs) writes this file into the site with BUILD filled
// in: SHARED (the app's files, the index and the 404 page: kept when it installs), GUIDES
// (each guide's page and images: kept once the reader opens them, or all at once when the
// index asks) and VERSION (a digest of every file's contents). A new build is a new
// script, so the browser installs it and it replaces the previous build's cache.
//
// It answers only for the site's own files, below its own scope: any other request goes
// to the network untouched, and is never cached. The network comes first, so an online
// visit always gets the build that is deployed; the cache answers when the network
// cannot. The one exception: a file whose name carries a digest of its content (Trunk's
// `guide-playground-<hash>.js`, `…_bg.wasm`, `main-<hash>.css`) is the same file
// wherever it is found, so the cache answers it first and every page after the first
// opens without asking the network for the app again.

// One JSON value, put in whole in place of its marker: file names are data here, never
// text a substitution reads (`$'` or `$$` in an image's name once broke this script).
const BUILD = /* BUILD */ null;
const { shared: SHARED, guides: GUIDES, version: VERSION } = BUILD;
const CACHE = `guide-playground-${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const KEEP_EVERY_GUIDE = "guide-playground:keep-every-guide";

const OWN = new Set([...SHARED, ...GUIDES]);

/** Files named by a digest of their content (Trunk's hashed names). */
const CONTENT_NAMED = /-[0-9a-f]{16}(_bg\.wasm|\.js|\.css)$/;

/** The site's file a URL names (`matomo/` is `matomo/index.html`), if it is one. */
function ownFile(address) {
  const url = new URL(address);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return OWN.has(path) ? path : null;
}

/** The cache's key for a file: its address without the page's query (values, embed mode). */
const keyOf = (file) => new URL(file.split("/").map(encodeURIComponent).join("/"), SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHARED.map(keyOf)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("guide-playground-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      // The page that installed this worker was loaded before it: keep that page too.
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((windows) => {
        const files = windows.map((w) => ownFile(w.url)).filter((f) => f !== null);
        return caches.open(CACHE).then((cache) => Promise.all(files.map((f) => cache.add(keyOf(f)).catch(() => {}))));
      }),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const file = ownFile(event.request.url);
  if (file === null) return;
  const key = keyOf(file);
  if (CONTENT_NAMED.test(file)) {
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(key))
        .then((cached) => cached ?? fetch(event.request)),
    );
    return;
  }
  event.respondWith(
    fetch(event.request).then(
      (response) => {
        // A guide page or image the reader opens is kept for the next time offline: a
        // response made of its body, status and headers alone. The network's response
        // carries the address the reader asked for, query included (values, and a secret
        // the page refused), and the cache would keep that address with it.
        if (response.ok && response.type === "basic") {
          const { status, statusText, headers } = response;
          const kept = new Response(response.clone().body, { status, statusText, headers });
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, kept)));
        }
        return response;
      },
      () =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(key))
          .then((response) => response ?? Response.error()),
    ),
  );
});

// The index's "keep every guide offline": every guide page and image not kept yet. The
// answer is how many of the site's files the cache holds then, or -1 if it failed.
self.addEventListener("message", (event) => {
  if (event.data !== KEEP_EVERY_GUIDE || !event.ports[0]) return;
  const port = event.ports[0];
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        const kept = new Set((await cache.keys()).map((request) => request.url));
        await cache.addAll(GUIDES.map(keyOf).filter((key) => !kept.has(key)));
        return (await cache.keys()).length;
      })
      .then(
        (count) => port.postMessage(count),
        () => port.postMessage(-1),
      ),
  );
});
