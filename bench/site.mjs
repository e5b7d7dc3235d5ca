// The guide site, built from a folder of many guides (bench/site-guides.mjs writes one
// from the project's own guides): what the build costs and what each page adds to the
// shared files, read from the built site; and in headless Chromium on loopback, served
// with the caching headers a static host sets up for the site (bench/cache-server.mjs),
// the second guide a reader opens from the index, its shared files in the browser's
// cache: its first paint beside the same page's without scripting, reached the same way,
// and the takeover (and, for reference, both with the app's service worker answering, as
// it does once the index has registered it on https or localhost); and the index's
// filter, key by key.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { INDEX_READY, styleElements } from "../tests/browser/harness.mjs";
import { HASHED, serveCached } from "./cache-server.mjs";
import { cleanPage, loadProbe, pollFcp } from "./page-load.mjs";
import { log, median, percentile } from "./results.mjs";

const TIMEOUT_MS = 30000;
/** Which entry of the index's list is opened: the second (the first is what a reader
 * sees first, not what a second visit to the index is for). */
const OPENED_ENTRY = 2;
/** Typed into the filter, one key at a time: narrows, widens back to every guide, and
 * again. Every key changes the count the index shows (checked before typing), since a
 * key that changes nothing changes nothing in the DOM to see. */
export const FILTER_KEYS = ["f", "o", "r", "g", "Backspace", "Backspace", "Backspace", "Backspace", "1", "4", "Backspace", "Backspace", "k", "i", "Backspace", "Backspace", "w", "Backspace", "3", "4"];

/** Figures read from the build, once per benchmark. */
export const BUILD_KEYS = ["build.siteGuides", "build.sitePrerender", "build.guidePageMedian", "build.guidePageMax", "build.sharedGzip", "build.appGzip"];
/** Figures of each run in the browser. */
export const SITE_KEYS = [
  "site.secondFcp",
  "site.secondNoScriptFcp",
  "site.secondFollows",
  "site.secondTakeover",
  "site.secondSwFcp",
  "site.secondSwTakeover",
  "site.filterP50",
  "site.filterP95",
];

const gzip = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The site's guide pages, `<slug>/index.html`: every folder at its root with a page of
 * the guide layout (alias redirects lie deeper, and are not guide pages). */
export function guidePages(site) {
  return readdirSync(site)
    .filter((name) => statSync(join(site, name)).isDirectory())
    .map((name) => `${name}/index.html`)
    .filter((page) => {
      try {
        return readFileSync(join(site, page), "utf8").includes('<main id="gp-guide"');
      } catch {
        return false;
      }
    })
    .sort();
}

/** The page's own shared files in a built dist: its first module's JS glue and WASM.
 * Its style is an element of each page (styleGzip). */
export function sharedFiles(dist) {
  const names = readdirSync(dist);
  if (names.includes("snippets")) throw new Error(`${dist} holds wasm-bindgen snippets, which the page no longer has`);
  const pick = (pattern, what) => {
    const found = names.filter((n) => pattern.test(n));
    if (found.length !== 1) throw new Error(`${dist} holds ${found.length} ${what}, expected one`);
    return found[0];
  };
  return [
    pick(/^guide-playground-[0-9a-f]+\.js$/, "guide-playground-*.js"),
    pick(/^guide-playground-[0-9a-f]+_bg\.wasm$/, "guide-playground-*_bg.wasm"),
  ];
}

/** The gzip bytes of the page's one style element (the same in every page of a build),
 * read from the index of `dist`. */
export function styleGzip(dist) {
  const styles = styleElements(readFileSync(join(dist, "index.html"), "utf8"));
  if (styles.length !== 1) throw new Error(`${dist}/index.html holds ${styles.length} style elements, expected one`);
  return gzipSync(styles[0], { level: 9 }).length;
}

/**
 * The build's figures: the guides and the prerender time the build's post-build hook
 * said (`prerenderMs` null: none to report), each guide page's HTML (gzip) and the
 * page's shared download (gzip, from `dist`).
 */
export function buildFigures(site, dist, prerenderMs, guides) {
  const pages = guidePages(site);
  if (pages.length !== guides) throw new Error(`the build said ${guides} guide pages, ${site} holds ${pages.length}`);
  const sizes = pages.map((page) => gzip(join(site, page)));
  const largest = pages[sizes.indexOf(Math.max(...sizes))];
  const shared = sharedFiles(dist);
  const values = new Map([
    ["build.siteGuides", guides],
    ...(prerenderMs === null ? [] : [["build.sitePrerender", prerenderMs]]),
    ["build.guidePageMedian", median(sizes)],
    ["build.guidePageMax", Math.max(...sizes)],
    ["build.sharedGzip", shared.reduce((sum, name) => sum + gzip(join(dist, name)), styleGzip(dist))],
    ["build.appGzip", ["app.js", "app_bg.wasm"].reduce((sum, name) => sum + gzip(join(dist, name)), 0)],
  ]);
  log(
    `site: ${guides} guides prerendered in ${prerenderMs ?? "?"} ms; guide page ${(median(sizes) / 1000).toFixed(1)} kB median, ` +
      `${(Math.max(...sizes) / 1000).toFixed(1)} kB largest (${largest}), gzip; shared ${shared.join(", ")}`,
  );
  return values;
}

/**
 * Opens the index, then the list's OPENED_ENTRY-th guide by its link; returns that page's
 * first contentful paint and (with scripting) its takeover. The hashed files must come
 * from the browser's cache: a request for one fails the run. Service workers are blocked
 * unless `serviceWorker`: then the index's registration must control the page before
 * the click, and the guide page and its files go through the worker's fetch handler
 * (network first, so still the HTTP cache for the shared files).
 */
async function secondGuide(browser, server, { scripting, serviceWorker = false }) {
  const { context, page, check } = await cleanPage(browser, server, {
    javaScriptEnabled: scripting,
    serviceWorkers: serviceWorker ? "allow" : "block",
  });
  try {
    if (scripting) await context.addInitScript(loadProbe);
    await page.goto(server.url);
    await page.locator(scripting ? INDEX_READY : "#gp-guides").waitFor({ timeout: TIMEOUT_MS });
    await page.waitForLoadState("networkidle");
    if (serviceWorker) await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: TIMEOUT_MS });
    const link = page.locator(`#gp-guides > li:nth-child(${OPENED_ENTRY}) > a`);
    const href = new URL(await link.getAttribute("href"), page.url()).href;
    const asked = server.requests.length;
    await link.click();
    await page.waitForURL(href, { waitUntil: "commit", timeout: TIMEOUT_MS });
    let takeover;
    let follows;
    if (scripting) {
      await page.waitForFunction(
        () => window.__benchLoad?.takeover !== undefined && document.querySelector("#gp-app[data-app-mounted] main#gp-guide"),
        null,
        { timeout: TIMEOUT_MS },
      );
      ({ takeover, follows } = await page.evaluate(() => window.__benchLoad));
    }
    const fcp = await pollFcp(page);
    if (!(await page.locator("main#gp-guide").count())) throw new Error(`${href} is not a guide page`);
    const refetched = server.requests.slice(asked).filter((r) => HASHED.test(r.path));
    if (refetched.length) throw new Error(`the second page asked for ${refetched.map((r) => r.path).join(", ")} again: not cached`);
    // Not strict without scripting: the browser refuses the page's module preloads then.
    if (scripting) check();
    return { href, fcp, follows, takeover };
  } finally {
    await context.close();
  }
}

/** How many guides the filter keeps for `query`, by its rules (src/site/filter.rs). */
function kept(haystacks, query) {
  const words = query.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
  return haystacks.filter((h) => words.every((w) => h.includes(w))).length;
}

/** The count the index says for `query`. */
function countText(haystacks, query) {
  const shown = kept(haystacks, query);
  if (shown === 0) return "No guide matches these words.";
  return shown === haystacks.length ? `${shown} guides` : `${shown} of ${haystacks.length} guides`;
}

/** Keydown in the index's filter → the count under it says the new number, per key. */
async function filterKeys(browser, server) {
  const { context, page, check } = await cleanPage(browser, server, { serviceWorkers: "block" });
  try {
    await page.goto(server.url);
    await page.locator(INDEX_READY).waitFor({ timeout: TIMEOUT_MS });
    await page.waitForLoadState("networkidle");
    const haystacks = await page.$$eval("#gp-guides > li", (items) =>
      items.map((li) => `${li.querySelector("a").textContent} ${li.querySelector("p")?.textContent ?? ""} ${li.id.replace(/^gp-guide-/, "")}`.toLowerCase()),
    );
    let query = "";
    const expected = FILTER_KEYS.map((key) => {
      query = key === "Backspace" ? query.slice(0, -1) : query + key;
      return countText(haystacks, query);
    });
    expected.forEach((text, i) => {
      const before = i ? expected[i - 1] : countText(haystacks, "");
      if (text === before) throw new Error(`key ${i + 1} (${FILTER_KEYS[i]}) would leave the count at "${text}": FILTER_KEYS does not fit this site`);
    });
    await page.locator("#gp-filter").click();
    await page.evaluate(() => {
      const kb = {};
      window.__benchKeys = kb;
      addEventListener("keydown", () => (kb.keydown = performance.now()), { capture: true });
      const count = document.querySelector("#gp-filter-count");
      new MutationObserver(() => {
        const p = kb.pending;
        if (p && p.updated === undefined && count.textContent === p.expect) p.updated = performance.now();
      }).observe(count, { subtree: true, childList: true, characterData: true });
    });
    const times = [];
    for (const [i, key] of FILTER_KEYS.entries()) {
      await page.evaluate((expect) => (window.__benchKeys.pending = { expect }), expected[i]);
      await page.keyboard.press(key);
      await page.waitForFunction(() => window.__benchKeys.pending.updated !== undefined, null, { timeout: 3000 }).catch(async () => {
        const said = await page.locator("#gp-filter-count").textContent();
        throw new Error(`after key ${i + 1} (${key}) the index says "${said}", expected "${expected[i]}"`);
      });
      const { keydown, pending } = await page.evaluate(() => window.__benchKeys);
      times.push(pending.updated - keydown);
    }
    // The list itself followed the count.
    const shown = await page.locator("#gp-guides > li:not(.is-hidden)").count();
    if (shown !== kept(haystacks, query)) throw new Error(`the index lists ${shown} guides for "${query}", expected ${kept(haystacks, query)}`);
    check();
    return times;
  } finally {
    await context.close();
  }
}

/** One run on the built site: the second guide with and without scripting, and the
 * index's filter. */
export async function siteRun(browser, site, run) {
  const server = await serveCached({ root: site });
  try {
    const app = await secondGuide(browser, server, { scripting: true });
    const plain = await secondGuide(browser, server, { scripting: false });
    const worker = await secondGuide(browser, server, { scripting: true, serviceWorker: true });
    const keys = await filterKeys(browser, server);
    const values = new Map([
      ["site.secondFcp", app.fcp],
      ["site.secondNoScriptFcp", plain.fcp],
      ["site.secondFollows", app.follows],
      ["site.secondTakeover", app.takeover],
      ["site.secondSwFcp", worker.fcp],
      ["site.secondSwTakeover", worker.takeover],
      ["site.filterP50", percentile(keys, 50)],
      ["site.filterP95", percentile(keys, 95)],
    ]);
    log(
      `run ${run} (site): ${new URL(app.href).pathname} from the index: FCP ${app.fcp.toFixed(0)} ms (scripting off ${plain.fcp.toFixed(0)} ms), ` +
        `follows typing ${app.follows.toFixed(0)} ms, takeover ${app.takeover.toFixed(0)} ms; with the service worker FCP ${worker.fcp.toFixed(0)} ms, takeover ${worker.takeover.toFixed(0)} ms; filter keystroke p95 ${values.get("site.filterP95").toFixed(1)} ms`,
    );
    return values;
  } finally {
    await server.close();
  }
}
