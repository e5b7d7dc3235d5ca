// Browser test harness: serves the built app (dist/) on loopback and drives Debian's
// headless Chromium with playwright-core. A test is a few lines:
//
//   const app = await openApp();            // server + browser + page, problems recorded
//   await app.page.getByRole("heading", { name: "Guide Playground" }).waitFor();
//   await app.close();                      // fails on any console error, panic,
//                                           // uncaught exception or failed request
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { loadavg, tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/**
 * The page is ready when the app has taken over the prerendered guide: it marks its root
 * `data-app-mounted` once its own components are in place.
 */
export const APP_READY = "#gp-app[data-app-mounted] main#gp-guide";

/** Likewise for the site's index. */
export const INDEX_READY = "#gp-app[data-app-mounted] main#gp-index";

/** The page's first module is there: the guide follows the reader's typing (src/early.rs). */
export const FOLLOWS_TYPING = "html[data-follows-typing]";

/**
 * A browser context's init script: the reader reaches for the page (a press on it) as soon
 * as its first module listens, so the first module loads the app at once, as a reader who
 * clicks into the page makes it. Most tests are about the app, and every context the
 * harness opens runs this (`reach: false` in `openApp` leaves it out); the first module's
 * own behaviour, the app loaded only when the reader reaches for the page, is
 * static-site.test.mjs's.
 */
export function reachForThePage() {
  new MutationObserver((_, observer) => {
    const root = document.documentElement;
    if (root && root.hasAttribute("data-follows-typing")) {
      observer.disconnect();
      root.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-follows-typing"] });
}

/** The page of the built site most tests open: the Matomo guide's (the site's index is
 * at the root, every guide at its slug). */
export const GUIDE_PAGE = "matomo/";

/** The built site under test; scripts/test builds it first. */
export const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json",
};

/**
 * Serves `root` on 127.0.0.1 at a free port, optionally under a sub-path (`base`, e.g.
 * "/docs/playground/") and gzipped to clients that accept it (`gzip`, as a real static
 * host serves files). An address under `base` that is no file gets status 404 with the
 * site's `404.html` (if it has one), as static hosts answer. Records every request path.
 * Every answer says `Cache-Control: no-store` unless `cacheControl` says otherwise
 * ("max-age=600", as GitHub Pages answers, or null for no header): a page served with
 * no-store is never kept in the browser's back-forward cache.
 */
export async function serveDist({ root = DIST, base = "/", gzip = false, host = "127.0.0.1", cacheControl = "no-store" } = {}) {
  const caching = cacheControl === null ? {} : { "cache-control": cacheControl };
  const requests = [];
  const served = { root };
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      if (!url.pathname.startsWith(base)) throw Object.assign(new Error("outside base"), { code: "ENOENT" });
      let rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
      const file = normalize(join(served.root, rel));
      if (!file.startsWith(served.root + sep) && file !== served.root) throw Object.assign(new Error("escape"), { code: "ENOENT" });
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, "index.html") : file;
      const body = await readFile(path);
      const headers = { "content-type": TYPES[extname(path)] ?? "application/octet-stream", ...caching };
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        res.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "accept-encoding" });
        res.end(gzipSync(body, { level: 9 }));
      } else {
        res.writeHead(200, headers);
        res.end(body);
      }
    } catch {
      // As GitHub Pages, Netlify and Cloudflare Pages answer an unknown address under the
      // site: status 404 with the site's own 404.html, when it has one.
      const url = new URL(req.url, "http://127.0.0.1");
      const page = url.pathname.startsWith(base) ? await readFile(join(served.root, "404.html")).catch(() => null) : null;
      if (page === null) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      } else {
        res.writeHead(404, { "content-type": TYPES[".html"], ...caching });
        res.end(page);
      }
    }
  });
  await new Promise((ok) => server.listen(0, host, ok));
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    requests,
    /** Serves another directory from now on (a new build deployed in place). */
    deploy: (root) => (served.root = resolve(root)),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * scripts/test sets GP_REQUIRE_ALL=1: every build and tool a browser test needs is then
 * there, and a missing one is a failure. A developer running one test file by hand may
 * lack them; the test is then skipped, saying why.
 */
export const REQUIRE_ALL = process.env.GP_REQUIRE_ALL === "1";

/**
 * Whether what test `t` needs is `present`. If not, the test fails under scripts/test
 * (see `REQUIRE_ALL`) and is skipped otherwise. At the top of a test's body:
 * `if (!needs(t, existsSync(dir), "dir is not built")) return;`
 */
export function needs(t, present, reason) {
  if (present) return true;
  if (REQUIRE_ALL) assert.fail(`${reason}; scripts/test (GP_REQUIRE_ALL=1) needs it, so this is a failure, not a skip`);
  t.skip(reason);
  return false;
}

/**
 * Cargo's target folder, where every Trunk build of this checkout writes its WebAssembly
 * on the way to its --dist (target/wasm-bindgen/release/, target/wasm-opt/release/: the
 * same files whatever the --dist).
 */
const CARGO_TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target");

/**
 * The lock every Trunk run of the browser tests holds while it runs. Test files may run
 * side by side (`node --test --test-concurrency`), and two Trunk runs at once write and
 * read each other's files in the target folder (seen once: wasm-opt's cache kept a file
 * of zeros that way, and every later build's hashing worker broke); `trunk serve`'s test
 * also rewrites index.html, which a build beside it would read. The lock is util-linux's
 * flock(1): the kernel drops it when its holder ends, killed or not, so a stopped test
 * run leaves nothing to clean up.
 */
export const TRUNK_LOCK = join(CARGO_TARGET, "browser-tests-trunk.lock");

/** `flock`'s arguments that run `trunk args…` holding `TRUNK_LOCK`. */
function locked(args) {
  mkdirSync(CARGO_TARGET, { recursive: true });
  return [TRUNK_LOCK, "trunk", ...args];
}

/**
 * The README's release build of the guides in `folder` (GUIDES, relative to the
 * repository or absolute) into `dist`, offline, holding `TRUNK_LOCK`, with `env` added.
 * Returns its exit status and what it said (standard output, then standard error).
 */
export function trunkBuild(folder, dist, env = {}) {
  const result = spawnSync("flock", locked(["build", "--release", "--offline", "--locked", "--dist", dist]), {
    cwd: ROOT,
    env: { ...process.env, GUIDES: folder, ...env },
    encoding: "utf8",
  });
  // A build that could not start has said nothing a test could mistake for its refusal.
  if (result.error) throw result.error;
  return { status: result.status, said: `${result.stdout}\n${result.stderr}` };
}

/**
 * Starts `trunk args…` (a long-running one: `trunk serve`) holding `TRUNK_LOCK`, in its
 * own process group: `process.kill(-child.pid)` stops Trunk and releases the lock.
 */
export function spawnTrunk(args, options = {}) {
  return spawn("flock", locked(args), { cwd: ROOT, ...options, detached: true });
}

/** Debian's Chromium: playwright cannot download its own browser here. */
export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
}

/** Flags that work on this kind of machine (closed network, no GPU, running as root). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Launches headless Chromium. Playwright turns the back-forward cache off (so that Back
 * always reaches its request routes); `backForwardCache: true` leaves it on, as every
 * reader's browser has it.
 */
export function launchBrowser({ backForwardCache = false } = {}) {
  const ignoreDefaultArgs = backForwardCache ? ["--disable-back-forward-cache"] : [];
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, ignoreDefaultArgs });
}

/**
 * Opens the built app in a fresh browser context and records every problem: console
 * errors (the pages', their workers' and the service worker's), uncaught exceptions (a
 * Rust panic is one), failed requests, HTTP errors and any request that leaves the app's
 * own origin (those are also blocked).
 *
 * Options: `at` (the page of the site: the Matomo guide's by default, "" for the index),
 * `path` (query string and hash included, after `at`), `base` (serve
 * under a sub-path), `viewport`, `colorScheme`, `server` (reuse one), `waitForMount`
 * (default true), `permissions` (granted to the app's origin, e.g. clipboard access),
 * `serviceWorkers` ("block" by default, so a test's requests reach the network and its
 * routes; "allow" for the offline tests), `prepare` (an async function given the
 * browser context before the first page opens: routes and init scripts that must see
 * the first load), `reach` (default true: the reader reaches for the page at once, see
 * `reachForThePage`).
 * Returns `{ page, context, server, problems, foreign, close, expectNoProblems, openPage }`;
 * `openPage(path)` opens another tab of the app in the same context, watched the same way.
 * `close()` asserts that no problem was recorded, unless `allowProblems` is set.
 */
export async function openApp({
  at = GUIDE_PAGE,
  path = "",
  base = "/",
  viewport = { width: 1280, height: 900 },
  colorScheme = "light",
  server,
  browser,
  waitForMount = true,
  reach = true,
  allowProblems = false,
  permissions = [],
  serviceWorkers = "block",
  prepare,
} = {}) {
  const ownServer = server ?? (await serveDist({ base }));
  const ownBrowser = browser ?? (await launchBrowser());
  const context = await ownBrowser.newContext({ viewport, colorScheme, serviceWorkers });
  if (reach) await context.addInitScript(reachForThePage);
  if (permissions.length) await context.grantPermissions(permissions, { origin: ownServer.origin });
  const problems = [];
  const foreign = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(ownServer.origin + "/") || url.startsWith("blob:") || url.startsWith("data:")) {
      return route.continue();
    }
    foreign.push(url);
    problems.push(`request outside the app's origin: ${url}`);
    return route.abort();
  });
  // The service worker's console, watched like the pages' (it runs outside any page, and
  // may log while no page is open).
  context.on("serviceworker", (worker) =>
    worker.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`service worker console error: ${msg.text()}`);
    }),
  );
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const watch = (p) => {
    trackRequests(p);
    p.on("console", (msg) => {
      // The service worker's messages reach the pages too (with no page): recorded once,
      // by the service worker's own watch below.
      if (msg.worker() !== null && msg.page() === null) return;
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    p.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
    p.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
    p.on("response", (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
  };
  const watchWorkers = (p) =>
    p.on("worker", (worker) => {
      worker.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`worker console error: ${msg.text()}`);
      });
    });
  watch(page);
  watchWorkers(page);
  /** Another tab of the app in the same context (shared storage), watched like the first. */
  const ready = at === "" ? INDEX_READY : APP_READY;
  const openPage = async (pagePath = path, pageAt = at) => {
    const other = await context.newPage();
    watch(other);
    watchWorkers(other);
    await other.goto(ownServer.url + pageAt + pagePath);
    await other.locator(pageAt === "" ? INDEX_READY : APP_READY).waitFor({ timeout: 15000 });
    // Let the worker finish loading, so closing the tab cannot abort its request.
    await quiet(other);
    return other;
  };
  const expectNoProblems = () => assert.deepEqual(problems, [], "the page reported problems");
  const shutdown = async () => {
    await context.close();
    if (!browser) await ownBrowser.close();
    if (!server) await ownServer.close();
  };
  const close = async () => {
    await shutdown();
    if (!allowProblems) expectNoProblems();
  };

  try {
    await page.goto(ownServer.url + at + path);
    if (waitForMount) await page.locator(ready).waitFor({ timeout: 15000 });
  } catch (err) {
    // A page that never mounts (a panic at start-up, say) must fail the test with what
    // the page reported, and must not leave the browser and server running.
    await shutdown();
    throw new Error(`the app did not load: ${err.message}\nproblems seen: ${JSON.stringify(problems, null, 2)}`);
  }
  return { page, context, server: ownServer, problems, foreign, close, expectNoProblems, openPage, quiet: (p = page) => quiet(p) };
}

/** How long no request of a page may be in flight before leaving it is safe ([`quiet`]):
 * Playwright's own "networkidle" window. */
const QUIET_MS = 500;
/** Each watched page's requests in flight (its frames' and its workers' too), and when
 * one last began or ended. */
const network = new WeakMap();

function trackRequests(p) {
  const state = { inFlight: new Set(), last: Date.now() };
  network.set(p, state);
  const begin = (req) => {
    state.inFlight.add(req);
    state.last = Date.now();
  };
  const end = (req) => {
    state.inFlight.delete(req);
    state.last = Date.now();
  };
  p.on("request", begin);
  p.on("requestfinished", end);
  p.on("requestfailed", end);
}

/**
 * Waits until leaving or reloading a page of `openApp` cuts off nothing it started: the
 * app taken over, on a guide's page its hashing worker ready (the page's own mark,
 * gp:hashing-worker-ready), and then no request in flight for QUIET_MS. The worker starts
 * only after the takeover, and a spare starts once a hash is asked for, so the network
 * can fall quiet before either asks for its files; Playwright's "networkidle" is reached
 * once per navigation and never waits again. On a busy machine a reload then aborted
 * hasher.js or hasher_bg.wasm, and the harness reported the failed request (two tests of
 * 1496553's fresh clone).
 */
async function quiet(p) {
  await p.locator("#gp-app[data-app-mounted]").waitFor({ timeout: 30000 });
  if ((await p.locator("main#gp-guide").count()) > 0) await hashingWorkerReady(p, 60000);
  const state = network.get(p);
  await eventually(
    () => {
      const waiting = [...state.inFlight].map((r) => r.url());
      assert.ok(waiting.length === 0 && Date.now() - state.last >= QUIET_MS, `requests in flight or just ended: ${JSON.stringify(waiting)}`);
    },
    { timeout: 60000 },
  );
}

/**
 * Resolves once the page has rendered what the last change caused: two animation frames
 * (the first may already be queued) and the tasks queued before them. A condition, not a
 * sleep: on a slow machine it simply comes later.
 */
export function settled(page) {
  return page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))),
  );
}

/**
 * Retries `check` (which throws on failure) until it passes or `timeout` ms pass. An error
 * with `fatal: true` ends the wait at once.
 */
export async function eventually(check, { timeout = 5000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (err.fatal || Date.now() > deadline) throw err;
      await new Promise((ok) => setTimeout(ok, interval));
    }
  }
}

/**
 * A speed-dependent assertion that tells a busy machine from a regression. `measure(try)`
 * takes the figure (on the page's own clock; `try` is 1, then 2) and `check(figure)`
 * asserts the unchanged budget on it. A miss is measured once more: a pass then is
 * reported with both figures and the load average, and the test goes on; a miss on both
 * tries fails, giving both figures and the load average. Nothing is loosened: the budget
 * is the same on both tries, and only a figure within it passes. Returns the passing figure.
 */
export async function withinBudget(name, measure, check) {
  const show = (figure) => (typeof figure === "number" ? `${Math.round(figure * 1000) / 1000}` : JSON.stringify(figure));
  const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");
  const first = await measure(1);
  let firstMiss;
  try {
    check(first);
    return first;
  } catch (err) {
    if (!(err instanceof assert.AssertionError)) throw err;
    firstMiss = { err, load: load() };
  }
  const second = await measure(2);
  const secondLoad = load();
  try {
    check(second);
  } catch (err) {
    if (!(err instanceof assert.AssertionError)) throw err;
    throw new assert.AssertionError({
      message:
        `${name}: over its budget on both tries. First: ${show(first)} (${firstMiss.err.message}; load average ${firstMiss.load}). ` +
        `Second: ${show(second)} (${err.message}; load average ${secondLoad}).`,
    });
  }
  console.log(
    `${name}: over its budget once, within it on the retry. First: ${show(first)} (${firstMiss.err.message}; load average ${firstMiss.load}); ` +
      `second: ${show(second)} (load average ${secondLoad}).`,
  );
  return second;
}

/**
 * Records every write to Web Storage and every history/URL change in every page of the
 * context, from before the app's first script runs, so "at no time" can be checked.
 * Call before the page loads (or reload after). Returns the live list of
 * `{ kind: "localStorage" | "sessionStorage" | "pushState" | "replaceState" | "cookie", args }`.
 */
export async function recordWrites(context) {
  const writes = [];
  await context.exposeBinding("__recordWrite", (_source, entry) => writes.push(entry));
  await context.addInitScript(() => {
    const record = (kind, args) => window.__recordWrite({ kind, args: args.map(String) });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      record(this === window.sessionStorage ? "sessionStorage" : "localStorage", [key, value]);
      return setItem.call(this, key, value);
    };
    for (const name of ["pushState", "replaceState"]) {
      const original = History.prototype[name];
      History.prototype[name] = function (...args) {
        record(name, [args[2] ?? ""]);
        return original.apply(this, args);
      };
    }
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
    Object.defineProperty(Document.prototype, "cookie", {
      get() {
        return cookie.get.call(this);
      },
      set(value) {
        record("cookie", [value]);
        cookie.set.call(this, value);
      },
    });
  });
  return writes;
}

/**
 * Shares one browser and one server across a test file (started in `before`, closed in
 * `after`) and returns `open(options)`, which opens the app with them. `shared.browser`
 * and `shared.server` are there for tests that need them directly.
 */
export function useSharedBrowser() {
  const shared = { browser: undefined, server: undefined };
  before(async () => {
    shared.browser = await launchBrowser();
    shared.server = await serveDist();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  const open = (options = {}) => openApp({ browser: shared.browser, server: shared.server, ...options });
  open.shared = shared;
  return open;
}

/**
 * Presses the button named `name`, waits until `state` says `said` and the clipboard holds
 * something new, and gives what it holds (the context needs clipboard permissions). The
 * clipboard is given a mark first: a copy-state line keeps saying `said` after an earlier
 * press, so the state alone cannot tell this press's copy from the last.
 */
async function copied(page, name, state, said) {
  const mark = `nothing copied yet ${Math.random()}`;
  await page.evaluate((m) => navigator.clipboard.writeText(m), mark);
  await page.getByRole("button", { name }).click();
  await page.locator(state).filter({ hasText: said }).waitFor();
  let text = mark;
  await eventually(async () => {
    text = await page.evaluate(() => navigator.clipboard.readText());
    assert.notEqual(text, mark, `${name} copied nothing`);
  });
  return text;
}

/** Presses the variables panel's Copy link and gives what it copied. */
export const copyLink = (page) => copied(page, "Copy link", ".variables-panel .copy-state", "Link copied");

/** Presses Copy embed code and gives what it copied. */
export const copyEmbedCode = (page) => copied(page, "Copy embed code", ".embed-code .copy-state", "Embed code copied");

/** Waits for the page's own mark that its hashing worker is first ready
 * (gp:hashing-worker-ready). */
export function hashingWorkerReady(page, timeout = 30000) {
  return page.waitForFunction(() => performance.getEntriesByName("gp:hashing-worker-ready").length > 0, null, { timeout });
}

/** Waits until [`holdAnswers`] holds `count` answers. */
export function answersHeld(page, count, timeout = 60000) {
  return eventually(async () => assert.equal(await page.evaluate(() => window.__answers.held.length), count), { timeout });
}

/**
 * An init script (`context.addInitScript(holdAnswers, loader)`): the page's workers
 * started from `loader` (`hasher_loader`, `checker_loader`) have their next answers held
 * while `window.__answers.hold` counts them down (1: the next answer; Infinity: every
 * answer until released). `window.__answers.release()` delivers those held, in order, and
 * returns how many; the app's own handler (`onmessage`) then gets each as the worker sent
 * it. `window.__answers.sent` counts the answers the workers sent. A test holds an answer
 * to decide, instead of hoping the machine's pace decides, what the page has heard when it
 * acts. An answer is a `WorkerMessage::Answer`, whose postcard bytes start with its
 * variant, 1 (`Ready`, never held, is 0; src/protocol.rs pins both).
 */
export function holdAnswers(loader) {
  const Native = window.Worker;
  const answers = { hold: 0, held: [], sent: 0 };
  answers.release = () => {
    answers.hold = 0;
    const held = answers.held.splice(0);
    for (const [worker, data] of held) {
      const event = new MessageEvent("message", { data });
      event.released = true;
      worker.dispatchEvent(event);
    }
    return held.length;
  };
  window.__answers = answers;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes(loader)) return;
      this.addEventListener("message", (event) => {
        if (event.released || new Uint8Array(event.data)[0] !== 1) return;
        answers.sent += 1;
        if (answers.hold <= 0) return;
        answers.hold -= 1;
        event.stopImmediatePropagation();
        answers.held.push([this, event.data]);
      });
    }
  };
}

/** The Client secret field. */
export const secretField = (page) => page.getByRole("textbox", { name: "Client secret", exact: true });

/**
 * A new folder holding a documentation page that frames the guide page served by
 * `playground` in embed mode, in a frame `height` pixels high with the id
 * "guide-playground": the `root` for framed(). The caller removes it.
 */
export function framingPage(playground, height) {
  const dir = mkdtempSync(join(tmpdir(), "gp-parent-"));
  writeFileSync(join(dir, "favicon.ico"), "");
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body>
<iframe id="guide-playground" src="${playground.url}${GUIDE_PAGE}?embed=1" title="Matomo" style="width: 100%; height: ${height}px; border: 0"></iframe>
</body></html>`,
  );
  return dir;
}

/**
 * A parent page from `root` on 127.0.0.2 framing the playground (served by `playground`,
 * on 127.0.0.1), in a fresh context of `browser`, with the messages it receives recorded.
 * Records as problems console errors and uncaught exceptions (the parent's and the
 * frame's), failed requests, HTTP errors and any request, from the parent or from inside
 * the frame, to an origin that is neither the parent's nor the playground's (blocked too,
 * and listed in `foreign`). `prepare` is given the context before the parent page opens.
 */
export async function framed(browser, playground, root, frameSelector, { prepare } = {}) {
  const parent = await serveDist({ root, host: "127.0.0.2" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  const problems = [];
  const foreign = [];
  // On the context, not the page: a frame's requests (an out-of-process frame's too) pass here.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if ([parent.origin, playground.origin].some((origin) => url.startsWith(origin + "/")) || url.startsWith("blob:") || url.startsWith("data:")) {
      return route.continue();
    }
    foreign.push(url);
    problems.push(`request outside the parent's and the playground's origins: ${url}`);
    return route.abort();
  });
  context.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  context.on("response", (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  await context.addInitScript(() => {
    if (window.top !== window) return;
    window.__messages = [];
    addEventListener("message", (event) => window.__messages.push({ origin: event.origin, data: event.data }));
  });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console error: ${msg.text()}`));
  page.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
  await page.goto(parent.url);
  const frameElement = page.locator(frameSelector);
  const frame = () => page.frames().find((f) => f.url().startsWith(playground.origin));
  await eventually(async () => assert.ok(frame(), "the playground frame did not load"), { timeout: 15000 });
  await frame().locator(APP_READY).waitFor({ timeout: 15000 });
  const close = async () => {
    // Let the frame's workers finish loading, so closing cannot abort their requests.
    await frame()?.waitForLoadState("networkidle");
    await context.close();
    await parent.close();
  };
  return { page, context, frameElement, frame, problems, foreign, close };
}

/** The height messages the parent received, and the frame's own content height. */
export async function heights(page, frame) {
  const messages = await page.evaluate(() => window.__messages);
  const content = await frame().evaluate(() => document.documentElement.scrollHeight);
  return { messages, content };
}

/** Checks that the frame is as tall as its content, per the last message. */
export async function fitted(page, frameElement, frame) {
  await eventually(
    async () => {
      const { messages, content } = await heights(page, frame);
      assert.ok(messages.length > 0, "no height message arrived");
      const last = messages[messages.length - 1].data;
      assert.equal(last.height, content, "the last message is not the content's height");
      const box = await frameElement.boundingBox();
      assert.equal(Math.round(box.height), Math.ceil(last.height), "the frame was not resized to it");
    },
    { timeout: 10000 },
  );
}

/** The guide's configuration.yml block. */
export const configBlock = (page) => page.locator('figure.code-block[data-title="configuration.yml"]');
/** The digest on show in the guide's configuration.yml block. */
export const blockDigest = (page) => configBlock(page).locator('[data-var="digest"]').innerText();
/** The secret panel's status line. */
export const status = (page) => page.locator("p.status");

/** Waits until the status says a digest is ready (for `algorithm`, if given); its text. */
export async function digestReady(page, algorithm, timeout = 60000) {
  const text = algorithm ? new RegExp(`^Digest ready in \\d+ ms \\(${algorithm.replace(/[()]/g, "\\$&")}\\)$`) : /^Digest ready in \d+ ms/;
  await status(page).filter({ hasText: text }).waitFor({ timeout });
  return status(page).innerText();
}

/**
 * Installs a 10 ms heartbeat and a long-task observer in the page: the main thread's
 * longest stall while something runs. `stopProbe` returns the figures.
 */
export const installProbe = (page) =>
  page.evaluate(() => {
    const probe = { maxGap: 0, beats: 0, longTasks: [] };
    let last = performance.now();
    probe.timer = setInterval(() => {
      const now = performance.now();
      probe.maxGap = Math.max(probe.maxGap, now - last);
      probe.beats++;
      last = now;
    }, 10);
    probe.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
    });
    probe.observer.observe({ type: "longtask" });
    window.__probe = probe;
  });

/** Stops `installProbe`'s probe: `{ maxGap, beats, longTasks }` (milliseconds). */
export const stopProbe = (page) =>
  page.evaluate(() => {
    const probe = window.__probe;
    clearInterval(probe.timer);
    probe.observer.disconnect();
    return { maxGap: Math.round(probe.maxGap), beats: probe.beats, longTasks: probe.longTasks };
  });

/** The text of each style element of a built page's HTML (the build inlines the page's
 * one style sheet: src/build/page.rs), for the budget test and the bench's bytes. */
export function styleElements(html) {
  return [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]);
}

/** `size_text` (src/site.rs): a download size as the page says it, in decimal units,
 * rounded up: `850 kB` below a megabyte, `12.4 MB` from there. */
export function sizeText(bytes) {
  if (bytes < 1_000_000) return `${Math.ceil(bytes / 1_000)} kB`;
  const tenths = Math.ceil(bytes / 100_000);
  return `${Math.floor(tenths / 10)}.${tenths % 10} MB`;
}

/** The per-guide files of a build (every guide page and image) as its service worker
 * lists them for "Keep every guide offline", and the sum of their sizes on disk. */
export function perGuideFiles(dist) {
  const worker = readFileSync(join(dist, "service-worker.js"), "utf8");
  const written = worker.match(/^const BUILD = (\{.*\});$/m);
  assert.ok(written, "service-worker.js has no BUILD data");
  const files = JSON.parse(written[1]).guides;
  return { files, bytes: files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0) };
}
