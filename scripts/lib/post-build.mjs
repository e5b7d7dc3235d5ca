// Trunk's post-build hook, the only one (hooks of one stage run at the same time, and
// each step below rewrites the staged site, so they run here, in order):
//
// 1. Comments out: index.html's, the style sheet's and the page's JavaScript glue's
//    comments say why for the people who read them; every reader downloads the built
//    files, which drop them (the style sheet and glue are rewritten in place, and the
//    page's integrity attributes for them follow).
// 2. The app's own files asked for first: Trunk's preloads of the page's JavaScript and
//    WebAssembly move to the top of the head, with fetchpriority="high", so the browser
//    asks for them beside the style sheet instead of after it.
// 3. Under `trunk serve`, Trunk's live-reload script moves from inline to a file of the
//    page's own: the server fills its address in per request, so no hash computed here
//    could match it, and the policy would block it.
// 4. The Content-Security-Policy gets the SHA-256 of every inline script the page runs
//    (Trunk's start-up script and the page's head script) in place of its marker:
//    'unsafe-inline' would allow any. Data blocks (the page's data) are not scripts, so
//    they get no hash.
// 5. The site: every guide of the folder of guides (GUIDES, the project's guides/ by
//    default) becomes a page rendered by the app's own components at its default values,
//    from the page of steps 1–3 (src/bin/prerender.rs), so every page is readable before
//    any WebAssembly runs and without scripting; the index, the 404 page, alias
//    redirects, the sitemap and the guides' images go beside them.
// 6. The service worker (assets/service-worker.js) is written with the lists of the
//    build's files (the shared ones it keeps at once, the per-guide ones it keeps once
//    opened or when asked) and a digest of their contents as its version: a new build is
//    a new service worker, which replaces the previous build's cache.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { serviceWorkerScript } from "./service-worker.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The folder of guides the site is built from; GUIDES=folder builds another one. */
const GUIDES = process.env.GUIDES ? resolve(ROOT, process.env.GUIDES) : join(ROOT, "guides");
/** Where the site is published (`https://docs.example.org/playground/`), for the sitemap
 * and canonical links; without it they hold the site configuration file's `base_url`, or
 * the public path only. The prerender reads that file itself (the folder's
 * guide-playground.toml, or the one GUIDE_PLAYGROUND_CONFIG names: src/site/config.rs). */
const SITE_URL = process.env.SITE_URL ?? "";
const SCRIPT_MARKER = "'inline-script-hashes'";
/** What Trunk's live-reload script holds until its server fills it in. */
const RELOAD_ADDRESS = "'{{__TRUNK_ADDRESS__}}'";
const RELOAD_BASE = "{{__TRUNK_WS_BASE__}}";
const RELOAD_FILE = "trunk-live-reload.js";
const SERVICE_WORKER = "service-worker.js";

// A failed build leaves nothing behind: Trunk keeps its staging folder (dist/.stage) when
// a hook fails, with whatever the steps wrote in it, so it goes here (Trunk makes it anew
// for the next build).
function fail(message) {
  console.error(`post-build: ${message}`);
  if (staging && basename(staging) === ".stage") rmSync(staging, { recursive: true, force: true });
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
const publicPath = new URL(process.env.TRUNK_PUBLIC_URL || "/", "http://x").pathname;
const page = join(staging, "index.html");

/** Writes whole, then renames: Trunk never publishes a half-written file. */
function writeWhole(path, text) {
  writeFileSync(`${path}.partial`, text);
  renameSync(`${path}.partial`, path);
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

let html = readFileSync(page, "utf8");

/** Rewrites a built file that the page names with an integrity attribute, and the
 * attribute with it. */
function rewriteLinked(name, change) {
  const path = join(staging, name);
  const before = readFileSync(path);
  const after = Buffer.from(change(before.toString("utf8")), "utf8");
  const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  if (!html.includes(integrity(before))) fail(`${page} names ${name} without its integrity`);
  html = html.replaceAll(integrity(before), integrity(after));
  writeWhole(path, after);
}
for (const name of readdirSync(staging)) {
  // The style sheet: comments out, white space folded (a space before `:` stays: in a
  // selector it means something).
  if (/^main-[0-9a-f]+\.css$/.test(name)) {
    rewriteLinked(name, (css) =>
      css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").replace(/\s*([{};,])\s*/g, "$1").trim(),
    );
  }
  // wasm-bindgen's glue for the page: its JSDoc blocks (each on lines of their own) and
  // indentation. Trunk's own minifier cannot parse the glue.
  if (/^guide-playground-[0-9a-f]+\.js$/.test(name)) {
    rewriteLinked(name, (js) => js.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, "").replace(/^[ \t]+/gm, ""));
  }
}

// 1. Comments out. Script bodies are left as they are (a `//` may sit in a string there);
// elsewhere an HTML comment cannot be part of the text, since the guide's text is escaped
// and its data block is percent-encoded. The style sheet holds no strings with `/*`.
const scriptsAndStyles = /(<script\b[^>]*>[\s\S]*?<\/script>|<style\b[^>]*>[\s\S]*?<\/style>)/;
html = html
  .split(scriptsAndStyles)
  .map((part) => {
    if (part.startsWith("<style")) return part.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\n\s*\n/g, "\n");
    if (part.startsWith("<script")) return part;
    return part.replace(/<!--[\s\S]*?-->/g, "").replace(/\n\s*\n/g, "\n");
  })
  .join("");

// 2. The app's own files first. Where Trunk writes them, at the end of the head after the
// head's inline script, Chromium asked for them only once the style sheet had come, and
// at a low priority: on slow 4G (bench/slow-network.mjs) the WebAssembly was asked for at
// 540 ms and the app took over at 1 745–1 871 ms; first in the head and high, at 300 ms
// and 1 567–1 640 ms (moved without the priority: 1 724–1 756 ms), the first paint the
// same within its noise.
const appPreloads = /[ \t]*<link rel="(?:modulepreload|preload)" href="[^"]*guide-playground-[0-9a-f]+(?:_bg\.wasm|\.js)"[^>]*>\n?/g;
const preloads = html.match(appPreloads) ?? [];
if (preloads.length !== 2) fail(`${page} has ${preloads.length} preloads of the app's JavaScript and WebAssembly, not 2`);
const charset = html.match(/<meta charset="[^"]*">\n?/);
if (!charset) fail(`${page} has no <meta charset> to put the app's preloads after`);
html = html.replace(appPreloads, "");
html = html.replace(
  charset[0],
  charset[0] + preloads.map((link) => link.trim().replace(/^<link /, '<link fetchpriority="high" ') + "\n").join(""),
);

// 3. Live reload, under `trunk serve` only.
const inlineScripts = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
html = html.replace(inlineScripts, (whole, attributes, body) => {
  if (!body.includes(RELOAD_ADDRESS)) return whole;
  const script = body.replace(RELOAD_ADDRESS, "window.location.host").replaceAll(RELOAD_BASE, publicPath);
  writeWhole(join(staging, RELOAD_FILE), script);
  return `<script src="${publicPath}${RELOAD_FILE}"></script>`;
});

// 4. The policy.
if (!html.includes(SCRIPT_MARKER)) fail(`${page} has no ${SCRIPT_MARKER} marker in its Content-Security-Policy`);
const scriptHashes = [];
for (const [, attributes, body] of html.matchAll(inlineScripts)) {
  const type = attributes.match(/\btype\s*=\s*"([^"]*)"/)?.[1] ?? "";
  if (type === "" || type === "module" || type === "text/javascript") scriptHashes.push(sha256(body));
}
if (/<style\b/.test(html)) fail(`${page} has an inline style sheet; the site shares one style sheet file`);
html = html.replace(SCRIPT_MARKER, scriptHashes.join(" "));
writeWhole(page, html);

// 5. The site (it fails the build, naming every file and line that cannot be built, and
// then writes nothing).
let site;
const siteStarted = performance.now();
try {
  const said = execFileSync(
    "cargo",
    ["run", "--quiet", "--locked", "--bin", "prerender", "--", GUIDES, staging, publicPath, ...(SITE_URL ? [SITE_URL] : [])],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
  );
  site = JSON.parse(said.trim().split("\n").pop());
} catch {
  fail(`the site could not be built from ${GUIDES} (see above)`);
}
const siteMs = performance.now() - siteStarted;

// 6. The service worker, with every file of the build but itself: the per-guide files
// (pages and images) are kept once opened, or when the reader asks; alias redirects not at
// all; everything else (the app's files, the index, the 404 page) at once.
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const built = files(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((name) => name !== SERVICE_WORKER && name !== RELOAD_FILE)
  .sort();
const version = createHash("sha256");
for (const name of built) version.update(name).update(readFileSync(join(staging, name)));
const perGuide = new Set([...site.pages, ...site.images]);
const notKept = new Set(site.redirects);
const shared = built.filter((name) => !perGuide.has(name) && !notKept.has(name));
// The lists go in as data (service-worker.mjs), never by a substitution that reads a
// file's name.
let worker;
try {
  const template = readFileSync(join(ROOT, "assets", SERVICE_WORKER), "utf8");
  worker = serviceWorkerScript(template, { shared, guides: [...perGuide].sort(), version: version.digest("hex").slice(0, 16) });
} catch (error) {
  fail(`${SERVICE_WORKER} for ${relative(ROOT, GUIDES) || "."}: ${error.message}`);
}
writeWhole(join(staging, SERVICE_WORKER), worker);

console.log(
  `post-build: ${site.pages.length} guide page(s) and ${site.images.length} image(s) from ${relative(ROOT, GUIDES) || "."} ` +
    `prerendered in ${Math.round(siteMs)} ms; ` +
    `${scriptHashes.length} inline script(s) allowed by hash; service worker keeps ${shared.length} shared files at once, ` +
    `${perGuide.size} per-guide files once opened`,
);
