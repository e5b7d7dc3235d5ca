// The page as a reader meets it (the Matomo guide's page of the built site, `matomo/`),
// in a fresh browser context on loopback: paints and the takeover, layout shift, what
// the first paint needed, then keystrokes and the main thread while Generate hashes. No
// request interception: routing would add a round trip to node per request and skew the
// timings. The harness's rules still apply: a console error, failed request or foreign
// request fails the run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUIDE_PAGE, reachForThePage, serveDist } from "../tests/browser/harness.mjs";
import { partOf } from "./bytes.mjs";
import { log, percentile } from "./results.mjs";

/** The Authorize URL the guide shows at its defaults. */
export const AUTHORIZE_URL = "https://auth.example.com/api/oidc/authorization";
/** Typed at the start of the Domain value, one key at a time: every prefix is a valid host. */
const KEYSTROKES = "abcdefgh.".repeat(6); // 54 keys per run
const TIMEOUT_MS = 30000;
/** The guide page's own HTML file in the built site, as the byte lists name it. */
export const GUIDE_HTML = `${GUIDE_PAGE}index.html`;

export const PAGE_KEYS = [
  "paint.fcp",
  "paint.lcp",
  "paint.cls",
  "paint.domGuide",
  "paint.bytesBeforeFirstPaint",
  "nav.follows",
  "nav.takeover",
  "nav.workerReady",
  "key.p50",
  "key.p95",
  "gen.wall",
  "gen.longtask",
  "gen.heartbeat",
];

/** Installed before any page script (`context.addInitScript(loadProbe, authorizeUrl)`),
 * in every document of the context: what the browser reports while the page loads, into
 * window.__benchLoad, which loaded() waits on. `authorizeUrl`, when given: whether the
 * guide's text is in the document at DOMContentLoaded. */
export function loadProbe(authorizeUrl) {
  const probe = { shifts: [], lcp: null };
  window.__benchLoad = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) probe.shifts.push(e.value);
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    probe.lcp = entries[entries.length - 1].startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  if (authorizeUrl) {
    document.addEventListener("DOMContentLoaded", () => {
      probe.domGuide = document.body.textContent.includes(authorizeUrl);
    });
  }
  new MutationObserver(() => {
    if (probe.follows === undefined && document.documentElement?.hasAttribute("data-follows-typing")) probe.follows = performance.now();
    if (probe.takeover === undefined && document.querySelector("[data-app-mounted]")) probe.takeover = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-app-mounted", "data-follows-typing"] });
}

/** A fresh context with the harness's rules, without routing. Its reader reaches for the
 * page as soon as the page's first module listens (the harness's `reachForThePage`), so
 * the app loads at once, as for a reader who clicks in. */
export async function cleanPage(browser, server, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light", ...contextOptions });
  if (contextOptions.javaScriptEnabled !== false) await context.addInitScript(reachForThePage);
  const problems = [];
  const own = (url) => url.startsWith(server.origin + "/") || url.startsWith("blob:") || url.startsWith("data:");
  context.on("request", (req) => !own(req.url()) && problems.push(`request outside the app's origin: ${req.url()}`));
  context.on("response", (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
  context.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  const page = await context.newPage();
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console error: ${msg.text()}`));
  page.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on("worker", (w) => w.on("console", (msg) => msg.type() === "error" && problems.push(`worker console error: ${msg.text()}`)));
  const check = () => {
    if (problems.length) throw new Error(`the page reported problems: ${problems.join("; ")}`);
  };
  return { context, page, check };
}

/** Waits until the page has taken over and its hashing worker is ready. */
export async function loaded(page) {
  await page.waitForFunction(
    () => window.__benchLoad?.takeover !== undefined && performance.getEntriesByName("gp:hashing-worker-ready").length > 0,
    null,
    { timeout: TIMEOUT_MS },
  );
}

/** One run: returns its figures (a Map) and the files the page asked for. */
export async function pageRun(browser, dist, run) {
  const server = await serveDist({ root: dist });
  const { context, page, check } = await cleanPage(browser, server);
  const values = new Map();
  try {
    await context.addInitScript(loadProbe, AUTHORIZE_URL);
    await page.goto(server.url + GUIDE_PAGE);
    await loaded(page);
    // Two frames after the worker is ready: every shift of the takeover is reported.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const load = await page.evaluate((html) => {
      const probe = window.__benchLoad;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
      const ready = performance.getEntriesByName("gp:hashing-worker-ready")[0].startTime;
      // What the first paint had to wait for: the document and every render-blocking
      // resource, as the browser itself classes them (Resource Timing's
      // renderBlockingStatus). A file that merely happened to arrive first does not count.
      const files = performance
        .getEntriesByType("resource")
        .map((e) => ({ name: decodeURIComponent(new URL(e.name).pathname.slice(1)), blocking: e.renderBlockingStatus === "blocking" }));
      const beforePaint = [html, ...files.filter((f) => f.blocking).map((f) => f.name)];
      return {
        fcp,
        lcp: probe.lcp,
        cls: probe.shifts.reduce((a, b) => a + b, 0),
        domGuide: probe.domGuide === true,
        follows: probe.follows,
        takeover: probe.takeover,
        ready,
        beforePaint,
        requested: [html, ...files.map((f) => f.name)],
      };
    }, GUIDE_HTML);
    if (load.fcp === undefined) throw new Error("the browser reported no first contentful paint");
    values.set("paint.fcp", load.fcp);
    values.set("paint.lcp", load.lcp ?? load.fcp);
    values.set("paint.cls", load.cls);
    values.set("paint.domGuide", load.domGuide ? 1 : 0);
    values.set("nav.follows", load.follows);
    values.set("nav.takeover", load.takeover);
    values.set("nav.workerReady", load.ready);
    const keys = await keystrokes(page);
    values.set("key.p50", percentile(keys, 50));
    values.set("key.p95", percentile(keys, 95));
    for (const [key, value] of await generate(page)) values.set(key, value);
    check();
    log(`run ${run}: FCP ${load.fcp.toFixed(0)} ms, takeover ${load.takeover.toFixed(0)} ms, CLS ${load.cls.toFixed(4)}, keystroke p95 ${values.get("key.p95").toFixed(1)} ms`);
    return { values, beforePaint: load.beforePaint, requested: load.requested.filter((n) => partOf(n) === "page") };
  } finally {
    await context.close();
    await server.close();
  }
}

export const PAINT_REFERENCE_KEYS = ["paint.floorFcp", "paint.noScriptFcp"];

/** A page with one sentence and nothing else (its icon inline, so no request 404s): the
 * least a first paint costs here. */
const BLANK_PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Blank</title><link rel="icon" href="data:,"><p>One sentence of text.</p></html>';

/** The first contentful paint of the page at `at` in `dist`; `strict`: any failed request
 * or console error fails it. */
/** The page's first contentful paint, polled from here: with scripting off the page runs
 * no observer callbacks. */
export async function pollFcp(page) {
  for (const start = Date.now(); ; ) {
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime);
    if (fcp !== undefined) return fcp;
    if (Date.now() - start > TIMEOUT_MS) throw new Error("the browser reported no first contentful paint");
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

async function firstContentfulPaint(browser, dist, at, contextOptions, strict) {
  const server = await serveDist({ root: dist });
  const { context, page, check } = await cleanPage(browser, server, contextOptions);
  try {
    await page.goto(server.url + at);
    const fcp = await pollFcp(page);
    if (strict) check();
    return fcp;
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * What the first paint costs on this machine without the app: a blank page's, and this
 * page's with scripting off (the same markup and CSS, no module script). Beside the
 * page's own figure they show how much of it is the browser painting this much guide.
 */
export async function paintReferences(browser, dist) {
  const blank = mkdtempSync(join(tmpdir(), "gp-bench-blank-"));
  try {
    writeFileSync(join(blank, "index.html"), BLANK_PAGE);
    const floor = await firstContentfulPaint(browser, blank, "", {}, true);
    // Not strict: with scripting off the browser refuses the page's module preloads, as it
    // should; the page's own runs hold it to the harness's rules.
    const noScript = await firstContentfulPaint(browser, dist, GUIDE_PAGE, { javaScriptEnabled: false }, false);
    return new Map([
      ["paint.floorFcp", floor],
      ["paint.noScriptFcp", noScript],
    ]);
  } finally {
    rmSync(blank, { recursive: true, force: true });
  }
}

/** Keydown in the Domain field → the guide shows the new value, for each key. */
async function keystrokes(page) {
  const domain = page.getByLabel("Domain", { exact: true });
  const original = await domain.inputValue();
  await domain.click();
  await page.keyboard.press("Home");
  await page.evaluate(() => {
    const kb = {};
    window.__benchKeys = kb;
    addEventListener("keydown", () => (kb.keydown = performance.now()), { capture: true });
    new MutationObserver(() => {
      const p = kb.pending;
      if (p && p.updated === undefined && document.body.textContent.includes(p.expect)) p.updated = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const times = [];
  let typed = "";
  for (const key of KEYSTROKES) {
    typed += key;
    const expect = `https://auth.${typed}${original}/api/oidc/authorization`;
    await page.evaluate((expect) => (window.__benchKeys.pending = { expect }), expect);
    await page.keyboard.type(key);
    await page.waitForFunction(() => window.__benchKeys.pending.updated !== undefined, null, { timeout: 3000 });
    const { keydown, pending } = await page.evaluate(() => window.__benchKeys);
    times.push(pending.updated - keydown);
  }
  return times;
}

/** The main thread while Generate computes a digest: long tasks and heartbeat gaps. */
async function generate(page) {
  await page.evaluate(() => {
    const g = { longtasks: [], gap: 0 };
    window.__benchGen = g;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (g.clicked !== undefined && e.startTime >= g.clicked) g.longtasks.push(e.duration);
    }).observe({ type: "longtask" });
    let last = performance.now();
    const beat = () => {
      const t = performance.now();
      if (g.clicked !== undefined && g.done === undefined) g.gap = Math.max(g.gap, t - last);
      last = t;
      if (g.done === undefined) setTimeout(beat, 0);
    };
    setTimeout(beat, 0);
    addEventListener("click", () => (g.clicked = performance.now()), { capture: true, once: true });
    const status = document.querySelector("p.status");
    new MutationObserver(() => {
      if (g.clicked !== undefined && g.done === undefined && /^Digest ready/.test(status.textContent)) g.done = performance.now();
    }).observe(status, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Generate" }).click();
  await page.waitForFunction(() => window.__benchGen.done !== undefined, null, { timeout: TIMEOUT_MS });
  // Long-task entries are delivered asynchronously, after the frame they end in.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const g = await page.evaluate(() => window.__benchGen);
  return new Map([
    ["gen.wall", g.done - g.clicked],
    ["gen.longtask", g.longtasks.length ? Math.max(...g.longtasks) : 0],
    ["gen.heartbeat", g.gap],
  ]);
}
