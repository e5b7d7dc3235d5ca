// In other people's documentation and offline. A parent page on another origin, made
// with the project's Hugo shortcode (rendered by real Hugo) or its plain HTML example,
// fits the frame to the height the playground posts, and no message ever holds a value
// of the reader's. After a first visit the site works offline, and a new build replaces
// the cached one on the next online visit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { APP_READY, reachForThePage, CHROMIUM_ARGS, DIST, GUIDE_PAGE, INDEX_READY, chromiumPath, eventually, fitted, framed, heights, needs, openApp, secretField, serveDist, useSharedBrowser, copyEmbedCode, ROOT } from "./harness.mjs";

const NEXT_BUILD = join(ROOT, "target", "dist-next");
/** The site fixture (tests/fixtures/site), whose guides have images; scripts/test builds it. */
const SITE_BUILD = join(ROOT, "target", "dist-site");

const open = useSharedBrowser();
const { shared } = open;

function hasHugo() {
  try {
    execFileSync("hugo", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A Hugo site whose home page embeds the playground at `src` with the shortcode. */
function hugoSite(src) {
  const dir = mkdtempSync(join(tmpdir(), "gp-hugo-"));
  mkdirSync(join(dir, "layouts", "shortcodes"), { recursive: true });
  mkdirSync(join(dir, "content"));
  copyFileSync(join(ROOT, "docs", "embed", "layouts", "shortcodes", "guide-playground.html"), join(dir, "layouts", "shortcodes", "guide-playground.html"));
  writeFileSync(join(dir, "hugo.toml"), 'baseURL = "http://127.0.0.2/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]\n');
  writeFileSync(
    join(dir, "layouts", "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body><h1>Docs</h1>{{ .Content }}</body></html>\n',
  );
  writeFileSync(
    join(dir, "content", "_index.md"),
    `---\ntitle: Docs\n---\n\n{{< guide-playground src="${src}" guide="matomo" domain="example.org" title="Matomo with Authelia" >}}\n`,
  );
  execFileSync("hugo", ["--quiet", "--source", dir, "--destination", join(dir, "public")], { stdio: "pipe" });
  writeFileSync(join(dir, "public", "favicon.ico"), ""); // the parent's own, asked for by the browser
  return { dir, public: join(dir, "public") };
}

/**
 * Checks every message the parent received: from the playground's origin, nothing but
 * `{ type: "guide-playground:height", height }`, and none holds the reader's domain, the
 * secret on show in the frame or its digest (whole or its key), in any form.
 */
async function onlyHeightsReachedTheParent(page, frame) {
  const secret = await frame().locator("#gp-client-secret").inputValue();
  const digest = await frame().locator('[data-var="digest"]').first().innerText();
  assert.match(secret, /^[A-Za-z0-9\-._~]{72}$/, "no generated secret in the frame");
  assert.match(digest, /^\$pbkdf2-sha512\$310000\$/, "no digest in the frame");
  const { messages } = await heights(page, frame);
  assert.ok(messages.length > 0, "no message reached the parent");
  for (const { origin, data } of messages) {
    assert.equal(origin, shared.server.origin);
    assert.deepEqual(Object.keys(data).sort(), ["height", "type"]);
    assert.equal(data.type, "guide-playground:height");
    assert.equal(typeof data.height, "number");
  }
  const said = JSON.stringify(messages);
  const key = digest.split("$").at(-1);
  for (const [what, value] of [
    ["the reader's domain", "example.org"],
    ["the secret", secret],
    ["the digest", digest],
    ["the digest's key", key],
    ["the digest, percent-encoded", encodeURIComponent(digest)],
    ["a digest's prefix", "$pbkdf2"],
  ]) {
    assert.ok(!said.includes(value), `a message to the parent holds ${what}`);
  }
}

test("a Hugo page made with the shortcode fits the frame to the playground, and no message holds a value", async (t) => {
  if (!needs(t, hasHugo(), "hugo is not installed (scripts/setup installs it)")) return;
  const site = hugoSite(shared.server.url);
  const parent = await framed(shared.browser, shared.server, site.public, "iframe[id^=guide-playground]");
  try {
    const { page, frameElement, frame } = parent;
    assert.equal(await frameElement.getAttribute("src"), `${shared.server.url}${GUIDE_PAGE}?embed=1&domain=example.org`);
    await fitted(page, frameElement, frame);
    const before = (await frameElement.boundingBox()).height;
    assert.ok(before > 1500, `the frame is only ${before} px tall`);

    // The reader unfolds the secret and generates one: the frame grows with it.
    await frame().getByRole("button", { name: "Client secret and digest" }).click();
    await frame().getByRole("button", { name: "Generate" }).click();
    await frame().locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    await fitted(page, frameElement, frame);
    assert.ok((await frameElement.boundingBox()).height > before, "the frame did not grow with the secret panel");

    await onlyHeightsReachedTheParent(page, frame);
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    rmSync(site.dir, { recursive: true, force: true });
  }
});

test("the plain HTML example parent page fits the frame, and no message to it holds a value, the secret or its digest", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gp-parent-"));
  const example = readFileSync(join(ROOT, "docs", "embed", "parent.html"), "utf8");
  const playground = `${shared.server.url}${GUIDE_PAGE}?embed=1&amp;domain=example.org`;
  writeFileSync(join(dir, "favicon.ico"), "");
  writeFileSync(join(dir, "index.html"), example.replace(/src="https:\/\/docs\.example\.org\/playground\/[^"]*"/, `src="${playground}"`));
  const parent = await framed(shared.browser, shared.server, dir, "#guide-playground");
  try {
    const { page, frameElement, frame } = parent;
    await fitted(page, frameElement, frame);
    // The reader generates a secret in the frame: still nothing but heights reach the
    // parent (the README's promise, checked here too, where no Hugo is needed).
    await frame().getByRole("button", { name: "Client secret and digest" }).click();
    await frame().getByRole("button", { name: "Generate" }).click();
    await frame().locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    await fitted(page, frameElement, frame);
    await onlyHeightsReachedTheParent(page, frame);
    assert.deepEqual(parent.problems, []);
  } finally {
    await parent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("?theme= sets the colours in a frame; without it a frame follows the system, not a stored choice", async () => {
  const app = await open({ path: "?embed=1&theme=dark", colorScheme: "light" });
  try {
    const { page } = app;
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(22, 24, 29)");
    await page.evaluate(() => localStorage.setItem("guide-playground-theme", "dark"));
    await app.quiet(); // a navigation must not abort the workers' loading
    await page.goto(`${app.server.url}${GUIDE_PAGE}?embed=1`);
    await page.locator(APP_READY).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), null);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)");
  } finally {
    await app.close();
  }
});

test("Copy embed code copies a frame with the reader's values, never the secret, and its listener", async () => {
  const app = await open({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = app;
  try {
    await page.getByLabel("Domain", { exact: true }).fill("example.org");
    await page.getByRole("button", { name: "Generate" }).click();
    const code = await copyEmbedCode(page);
    assert.ok(code.includes(`<iframe id="guide-playground" src="${app.server.url}${GUIDE_PAGE}?embed=1&amp;domain=example.org"`), code);
    assert.match(code, /allow="clipboard-write"/);
    assert.match(code, /title="Matomo with Authelia, filled in with your values"/);
    assert.match(code, /event\.data\.type === "guide-playground:height"/);
    const secret = await page.locator("#gp-client-secret").inputValue();
    assert.ok(secret.length > 0 && !code.includes(secret) && !code.includes("client-secret"), "the code holds the secret");
  } finally {
    await app.close();
  }
});

/** Waits until a service worker controls the page and has cached the build. */
async function cachedForOffline(page) {
  return eventually(
    async () => {
      const { controlled, keys } = await cacheState(page);
      assert.ok(controlled, "no service worker controls the page");
      assert.ok(keys.some((k) => k.startsWith("guide-playground-")), "nothing is cached");
      return keys;
    },
    { timeout: 30000 },
  );
}

/** Whether a service worker controls the page, and the names of its caches. */
function cacheState(page) {
  return page.evaluate(async () => ({ controlled: navigator.serviceWorker.controller !== null, keys: await caches.keys() }));
}

/** Problems other than requests the offline browser could not make (the service worker
 * answers them from its cache). */
const unexpectedOffline = (problems) => problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p));

test("after a first visit the page works offline: the guide shows and Generate makes a digest", async () => {
  const server = await serveDist();
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    await cachedForOffline(page);
    await app.quiet();
    await context.setOffline(true);
    await page.reload();
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    assert.equal(await page.locator("h1").innerText(), "Matomo with Authelia");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    const secret = await page.locator("#gp-client-secret").inputValue();
    const digest = await page.locator('[data-var="digest"]').first().innerText();
    assert.ok(secret.length > 0 && digest.startsWith("$pbkdf2"), `no secret and digest: ${secret} ${digest}`);
    assert.deepEqual(await valuesInCaches(page, [secret, digest, digest.split("$").at(-1)]), []);
    // And it answers only for its own files: anything else still goes to the network.
    const other = await page.evaluate(async () => {
      const response = await fetch("not-a-file-of-the-build.txt").catch(() => null);
      return response === null ? "network error" : response.status;
    });
    assert.equal(other, "network error", "the service worker answered for a file that is not the app's");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
  }
});

test("the network comes first: online the page gets the file the server has now, and the cache answers only when the network cannot", async () => {
  // A copy of the build, so its guide page can change on the server as a deploy would.
  const root = mkdtempSync(join(tmpdir(), "gp-network-first-"));
  cpSync(DIST, root, { recursive: true });
  const page_ = join(root, GUIDE_PAGE, "index.html");
  const original = readFileSync(page_, "utf8");
  /** The guide page with a mark in its head, so the test can tell which copy it got. */
  const marked = (mark) => {
    assert.ok(original.includes("</head>"));
    writeFileSync(page_, original.replace("</head>", `<meta name="gp-copy" content="${mark}"></head>`));
  };
  const shown = (page) => page.locator('meta[name="gp-copy"]').getAttribute("content");
  marked("first");
  const server = await serveDist({ root });
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    await cachedForOffline(page);
    assert.equal(await shown(page), "first");
    // The service worker keeps the page that installed it: the first copy.
    await eventually(async () => assert.equal((await cachedFiles(page, "/"))[`${GUIDE_PAGE}index.html`], createHash("sha256").update(readFileSync(page_)).digest("hex")), { timeout: 15000 });
    await app.quiet();

    // Online, a changed file on the server is what the page gets, not the cached one.
    marked("second");
    await page.reload();
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "no service worker answered");
    assert.equal(await shown(page), "second", "the service worker answered from its cache while the network could");
    const second = createHash("sha256").update(readFileSync(page_)).digest("hex");
    await eventually(async () => assert.equal((await cachedFiles(page, "/"))[`${GUIDE_PAGE}index.html`], second, "the cache did not keep the copy the network gave"), { timeout: 15000 });
    await app.quiet();

    // Offline, the server has yet another copy, which cannot be reached: the cache answers
    // with the last copy the network gave.
    marked("third");
    await context.setOffline(true);
    await page.reload();
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    assert.equal(await shown(page), "second");
    await app.quiet();
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test("a guide opened with values and a refused secret in its address is kept from its body alone: no cache entry's address, headers or body holds them", async () => {
  // A copy of the build, whose guide page changes on the server before the reader opens
  // it with values: the cache holding the new copy shows that this visit's response was
  // kept.
  const root = mkdtempSync(join(tmpdir(), "gp-cached-address-"));
  cpSync(DIST, root, { recursive: true });
  const guidePage = join(root, GUIDE_PAGE, "index.html");
  const digestOf = () => createHash("sha256").update(readFileSync(guidePage)).digest("hex");
  const server = await serveDist({ root });
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page } = app;
  const domain = "reader-values.example";
  const refused = "refused-secret-from-a-link-8c1f2e";
  try {
    await cachedForOffline(page);
    await app.quiet();
    writeFileSync(guidePage, readFileSync(guidePage, "utf8").replace("</head>", '<meta name="gp-copy" content="second"></head>'));
    await page.goto(`${server.url}${GUIDE_PAGE}?domain=${domain}&client-secret=${refused}`);
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('meta[name="gp-copy"]').getAttribute("content"), "second");
    await eventually(async () => assert.match(await page.locator("ul.link-problems").innerText(), /never taken from a link/));
    assert.equal(await page.getByLabel("Domain", { exact: true }).inputValue(), domain);
    const kept = digestOf();
    await eventually(async () => assert.equal((await cachedFiles(page, "/"))[`${GUIDE_PAGE}index.html`], kept, "this visit's page was not kept"), { timeout: 15000 });
    assert.deepEqual(await valuesInCaches(page, [domain, refused]), []);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await app.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

/** `QUIET_SPELL_MS` (src/app/workers/quiet.rs): how long the hashing worker must be warm
 * and idle, with nothing asked of it, before a guide's page registers the service worker. */
const QUIET_SPELL_MS = 1000;

/** Timers and `performance.now()` are both coarsened by the browser (to 0.1 ms and to
 * its timer slack): a spell timed by the page may read a few milliseconds short. */
const CLOCK_SLACK_MS = 5;

/** Every file of a build, relative to its root, `/`-separated. */
const buildFiles = (root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1).split("\\").join("/"))
    .sort();

/**
 * What the offline copy of a build may hold, derived from its listing (README, Offline):
 * - `atInstall`: the shared files, kept when the service worker installs: every file at
 *   the top of the build (the app's JavaScript, WebAssembly, style sheet and workers, the
 *   index, the 404 page, the manifest, icons and sitemap) but the service worker itself;
 * - `perGuide`: a guide's page and images (every file in a folder that is not a
 *   redirect page), kept once the reader opens it or asks for all;
 * - `redirects`: the aliases' redirect pages (a `<meta http-equiv="refresh">`), never kept.
 */
function offlineCopyOf(root) {
  const files = buildFiles(root);
  const redirects = files.filter((f) => f.endsWith(".html") && /<meta http-equiv="refresh"/.test(readFileSync(join(root, f), "utf8")));
  // The files at the root are shared by every page.
  const shared = (f) => !f.includes("/");
  const atInstall = files.filter((f) => shared(f) && f !== "service-worker.js");
  const perGuide = files.filter((f) => !shared(f) && !redirects.includes(f));
  return { files, atInstall, perGuide, redirects };
}

/** The files the page's caches hold (their paths below `base`), each with the SHA-256 of
 * the body the cache would answer. */
function cachedFiles(page, base) {
  return page.evaluate(async (base) => {
    const held = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        // An entry is a file of the build: its address never carries a page's query.
        for (const address of [request.url, response.url].filter((a) => a !== "")) {
          const url = new URL(address);
          if (url.search !== "" || url.hash !== "") throw new Error(`a cache entry keeps a query or fragment: ${address}`);
        }
        const body = await response.arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
        const path = new URL(request.url).pathname;
        held[path.startsWith(base) ? path.slice(base.length) : path] = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
      }
    }
    return held;
  }, base);
}

/**
 * Where the page's caches hold any of `values` (each as typed and percent-encoded): every
 * entry of every cache, in its request's or response's address, its headers or its body.
 * Empty when none does.
 */
function valuesInCaches(page, values) {
  return page.evaluate(async (values) => {
    const forms = [...new Set(values.flatMap((v) => [v, encodeURIComponent(v)]))];
    const found = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const headers = (h) => [...h].map(([k, v]) => `${k}: ${v}`).join("\n");
        const parts = {
          "request's address": request.url,
          "request's headers": headers(request.headers),
          "response's address": response.url,
          "response's headers": headers(response.headers),
          // Bytes as Latin-1, one character each: the values searched for are ASCII.
          body: new TextDecoder("latin1").decode(await response.arrayBuffer()),
        };
        for (const [where, text] of Object.entries(parts)) {
          for (const value of forms) if (text.includes(value)) found.push(`${name} ${request.url}: its ${where} holds ${value}`);
        }
      }
    }
    return found;
  }, values);
}

/** Waits until the caches hold exactly `expected` (paths), each with the build's bytes. */
async function cacheHoldsExactly(page, root, expected, why) {
  const held = await eventually(
    async () => {
      const held = await cachedFiles(page, "/");
      assert.deepEqual(Object.keys(held).sort(), [...expected].sort(), why);
      return held;
    },
    { timeout: 30000 },
  );
  for (const [file, digest] of Object.entries(held)) {
    assert.equal(digest, createHash("sha256").update(readFileSync(join(root, file))).digest("hex"), `${file}: the cache holds other bytes than the build's`);
  }
}

test("the offline copy holds exactly the build's files: the shared ones at once, each guide once opened, all when asked, never an alias or anything else", async () => {
  const copy = offlineCopyOf(DIST);
  // The listing is what the README says a build is, so the sets below are not empty.
  for (const file of ["index.html", "404.html", "manifest.webmanifest", "hasher_bg.wasm", "parser_bg.wasm", "checker_bg.wasm"]) assert.ok(copy.atInstall.includes(file), file);
  assert.ok(copy.perGuide.includes("matomo/index.html") && copy.perGuide.includes("gitea/index.html"), JSON.stringify(copy.perGuide));
  assert.ok(copy.redirects.includes("integration/openid-connect/gitea/index.html"), JSON.stringify(copy.redirects));

  const server = await serveDist();
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page } = app;
  try {
    await cachedForOffline(page);
    // Installed from the Matomo guide's page: the shared files, and that page.
    await cacheHoldsExactly(page, DIST, [...copy.atInstall, "matomo/index.html"], "after the first visit");

    // An alias's redirect page leads to its guide: the guide's page is kept, the redirect
    // page never is.
    await page.goto(server.url + "integration/openid-connect/gitea/");
    await page.waitForURL(server.url + "gitea/");
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    await app.quiet();
    await cacheHoldsExactly(page, DIST, [...copy.atInstall, "matomo/index.html", "gitea/index.html"], "after opening an alias of Gitea");

    // The index's "Keep every guide offline": every guide page and image, and nothing else.
    await page.goto(server.url);
    await page.locator(INDEX_READY).waitFor({ timeout: 15000 });
    await page.getByRole("button", { name: "Keep every guide offline" }).click();
    await page.locator(".keep-offline [role=status]").filter({ hasText: /^Every guide is kept offline/ }).waitFor({ timeout: 15000 });
    const everything = copy.files.filter((f) => f !== "service-worker.js" && !copy.redirects.includes(f));
    assert.deepEqual([...copy.atInstall, ...copy.perGuide].sort(), everything, "a file of the build is in neither list");
    await cacheHoldsExactly(page, DIST, everything, "after Keep every guide offline");
    await app.quiet();
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await app.close();
    await server.close();
  }
});

test("with a guide folder's images, the index keeps the shared files at once and every guide page and image when asked, byte for byte", async (t) => {
  if (!needs(t, existsSync(join(SITE_BUILD, "index.html")), "target/dist-site is not built (scripts/test builds it)")) return;
  const copy = offlineCopyOf(SITE_BUILD);
  // The photos guide's two screenshots hold the same bytes: published once, under _images/
  // by their SHA-256 (src/build/plan.rs).
  const photo = readFileSync(join(ROOT, "tests", "fixtures", "site", "photos", "login.png"));
  const published = `_images/${createHash("sha256").update(photo).digest("hex").slice(0, 32)}.png`;
  assert.ok(copy.perGuide.includes(published), JSON.stringify(copy.perGuide));
  assert.ok(copy.redirects.length > 0, "the fixture has an alias");
  const server = await serveDist({ root: SITE_BUILD });
  const app = await openApp({ browser: shared.browser, server, at: "", serviceWorkers: "allow", allowProblems: true });
  const { page } = app;
  try {
    await cachedForOffline(page);
    // Installed from the index: the shared files only (the index is one of them).
    await cacheHoldsExactly(page, SITE_BUILD, copy.atInstall, "after the first visit to the index");
    await page.getByRole("button", { name: "Keep every guide offline" }).click();
    await page.locator(".keep-offline [role=status]").filter({ hasText: /^Every guide is kept offline/ }).waitFor({ timeout: 15000 });
    await cacheHoldsExactly(page, SITE_BUILD, [...copy.atInstall, ...copy.perGuide], "after Keep every guide offline");
    await page.waitForLoadState("networkidle");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await app.close();
    await server.close();
  }
});

test("a guide's page registers the service worker only once its hashing worker has been warm, idle and unasked for a second", async (t) => {
  // The hashing worker's script is held back until the reader has typed a secret, so a
  // digest is always asked for before the worker is ready, and the quiet spell can only
  // start once that digest is answered.
  let release;
  const held = new Promise((ok) => (release = ok));
  const server = await serveDist();
  const app = await openApp({
    browser: shared.browser,
    server,
    serviceWorkers: "allow",
    allowProblems: true,
    prepare: async (context) => {
      await context.route("**/hasher_loader.js", async (route) => {
        await held;
        await route.fallback();
      });
      // The page's own clock, from before its first script: each registration, each
      // message posted to a worker or received from one (recorded by a listener added
      // before the page's own, so at the start of the task that handles it), and when
      // the status first says a digest is ready.
      await context.addInitScript(() => {
        const timeline = (window.__timeline = []);
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          timeline.push({ what: "register", at: performance.now() });
          return register.apply(this, args);
        };
        const scripts = new WeakMap();
        window.Worker = new Proxy(window.Worker, {
          construct(target, args, newTarget) {
            const worker = Reflect.construct(target, args, newTarget);
            scripts.set(worker, String(args[0]));
            worker.addEventListener("message", () => timeline.push({ what: "message", from: String(args[0]), at: performance.now() }));
            return worker;
          },
        });
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (...args) {
          timeline.push({ what: "post", to: scripts.get(this), at: performance.now() });
          return post.apply(this, args);
        };
        new MutationObserver(() => {
          const status = document.querySelector("p.status")?.textContent ?? "";
          if (/^Digest ready/.test(status) && !timeline.some((e) => e.what === "digest ready")) timeline.push({ what: "digest ready", at: performance.now() });
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
    },
  });
  const { page } = app;
  try {
    await secretField(page).fill("asked-before-the-worker-is-ready-0123456789");
    release();
    await page.locator("p.status").filter({ hasText: /^Digest ready/ }).waitFor({ timeout: 30000 });
    await cachedForOffline(page);
    const timeline = await page.evaluate(() => window.__timeline);
    const ready = await page.evaluate(() => performance.getEntriesByName("gp:hashing-worker-ready")[0]?.startTime);
    const registers = timeline.filter((e) => e.what === "register");
    assert.equal(registers.length, 1, `registrations: ${JSON.stringify(timeline)}`);
    const registered = registers[0].at;
    const asked = timeline.filter((e) => e.what === "post" && /hasher/.test(e.to) && e.at < registered);
    const answered = timeline.find((e) => e.what === "digest ready");
    // The last word from a hashing worker (the digest, or the spare's warm-up) before the
    // registration: the spell is timed from the task that handled it. The status saying
    // "Digest ready" is written later in that same task, once the guide shows the new
    // digest: on a busy machine 11 ms later (a run of b9f4c37's tests, two files at once,
    // timed the spell from the status and read 989 ms), so the status only orders the
    // events here.
    const heard = timeline.filter((e) => e.what === "message" && /hasher/.test(e.from) && e.at < registered);
    assert.ok(ready !== undefined, "the page never marked its hashing worker ready");
    assert.ok(asked.length > 0 && answered !== undefined && answered.at < registered, `no digest was asked for and answered before the registration: ${JSON.stringify(timeline)}`);
    assert.ok(heard.some((e) => e.at <= answered.at), `no answer was heard from a hashing worker before the status said the digest was ready: ${JSON.stringify(timeline)}`);
    t.diagnostic(`registered after the worker was ready: ${Math.round(registered - ready)} ms; after the last digest asked: ${Math.round(registered - asked.at(-1).at)} ms; after the hashing worker's last message: ${Math.round(registered - heard.at(-1).at)} ms; after the status said the digest was ready: ${Math.round(registered - answered.at)} ms`);
    const quiet = QUIET_SPELL_MS - CLOCK_SLACK_MS;
    assert.ok(registered - ready >= quiet, `registered ${Math.round(registered - ready)} ms after the hashing worker was ready`);
    assert.ok(registered - asked.at(-1).at >= quiet, `registered ${Math.round(registered - asked.at(-1).at)} ms after a digest was asked for`);
    assert.ok(registered - heard.at(-1).at >= quiet, `registered ${Math.round(registered - heard.at(-1).at)} ms after the hashing worker's last message`);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    release();
    await app.close();
    await server.close();
  }
});

test("the index, which hashes nothing, registers the service worker at once", async () => {
  const server = await serveDist();
  const app = await openApp({
    browser: shared.browser,
    server,
    at: "",
    serviceWorkers: "allow",
    allowProblems: true,
    prepare: (context) =>
      context.addInitScript(() => {
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          window.__registered = performance.now();
          return register.apply(this, args);
        };
      }),
  });
  const { page } = app;
  try {
    await cachedForOffline(page);
    const { registered, workers } = await page.evaluate(() => ({ registered: window.__registered, workers: performance.getEntriesByName("gp:hashing-worker-ready").length }));
    assert.ok(registered !== undefined, "the index did not register the service worker");
    assert.equal(workers, 0, "the index started a hashing worker");
    assert.deepEqual(page.workers(), [], "the index runs a worker");
    await page.waitForLoadState("networkidle");
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await app.close();
    await server.close();
  }
});

test("a new build replaces the cached one on the next online visit", async (t) => {
  if (!needs(t, existsSync(NEXT_BUILD), "target/dist-next is not built (scripts/test builds it)")) return;
  const server = await serveDist();
  const app = await openApp({ browser: shared.browser, server, serviceWorkers: "allow", allowProblems: true });
  const { page, context } = app;
  try {
    const [first] = await cachedForOffline(page);
    await page.waitForLoadState("networkidle");
    server.deploy(NEXT_BUILD);
    // The new site has other guides: the reader goes to one of them.
    await page.goto(server.url + "dashboard-env/");
    await page.locator("h1").filter({ hasText: "Dashboard (environment and Compose) with Authelia" }).waitFor({ timeout: 15000 });
    // The new build's service worker takes over and keeps only the new build.
    await eventually(
      async () => {
        const { keys } = await cacheState(page);
        assert.equal(keys.length, 1, `caches: ${keys}`);
        assert.notEqual(keys[0], first, "the old build is still cached");
        // This page itself, which the reload below needs: the new worker keeps it only
        // after it has claimed the page, and a run went offline in between (net::ERR_FAILED).
        assert.ok(await page.evaluate(async () => (await caches.match(new URL("index.html", location.href).href)) !== undefined), "the new build has not kept this page yet");
      },
      { timeout: 30000 },
    );
    await app.quiet();
    await context.setOffline(true);
    await page.reload();
    await page.locator("h1").filter({ hasText: "Dashboard (environment and Compose) with Authelia" }).waitFor({ timeout: 15000 });
    assert.deepEqual(unexpectedOffline(app.problems), []);
  } finally {
    await context.setOffline(false);
    await app.close();
    await server.close();
  }
});

test("the app is installable: its manifest and icons satisfy Chromium", async () => {
  // Chromium never offers to install from an incognito profile, and a plain browser
  // context is one; a persistent profile in a temporary directory is not.
  const profile = mkdtempSync(join(tmpdir(), "gp-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    await context.addInitScript(reachForThePage);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(shared.server.url + GUIDE_PAGE);
    await page.locator(APP_READY).waitFor({ timeout: 15000 });
    await cachedForOffline(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await page.evaluate(async () => (await fetch("manifest.webmanifest")).json());
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ["192x192", "512x512", "any"]);
    await page.waitForLoadState("networkidle");
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
