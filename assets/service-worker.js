// Guide Playground's service worker: the site keeps working offline after a first visit.
//
// The build (scripts/lib/post-build.mjs) writes this file into the site with FILES (every
// file of the build, by its path below the site) and VERSION (a digest of their
// contents) filled in; a new build is a new script, so the browser installs it and it
// replaces the previous build's cache.
//
// It answers only for the app's own files, below its own scope: any other request goes
// to the network untouched, and is never cached. The network comes first, so an online
// visit always gets the build that is deployed; the cache answers when the network
// cannot.
const FILES = /* FILES */ [];
const VERSION = "/* VERSION */";
const CACHE = `guide-playground-${VERSION}`;
const SCOPE = new URL(self.registration.scope);

/** The path of a request below the scope, if it is one of the build's files. */
function ownFile(request) {
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  const path = url.pathname.slice(SCOPE.pathname.length) || "index.html";
  return FILES.includes(path) ? path : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new URL(file, SCOPE).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("guide-playground-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const file = ownFile(event.request);
  if (file === null) return;
  // The page's query (values, embed mode) belongs to the page, not to the file.
  const cached = new URL(file, SCOPE).href;
  event.respondWith(
    fetch(event.request).catch(() =>
      caches
        .open(CACHE)
        .then((cache) => cache.match(cached))
        .then((response) => response ?? Response.error()),
    ),
  );
});
