// Trunk's post-build hook, the only one (hooks of one stage run at the same time, and
// each step below rewrites the staged site, so they run here, in order):
//
// 1. Prerender: the bundled guide, rendered by the app's own components at its default
//    values, goes into the page (src/bin/prerender.rs), so it is readable before any
//    WebAssembly runs and without scripting.
// 2. Comments out: index.html's and its style sheet's comments say why for the people who
//    edit them; every reader downloads the built page, which drops them.
// 3. Under `trunk serve`, Trunk's live-reload script moves from inline to a file of the
//    page's own: the server fills its address in per request, so no hash computed here
//    could match it, and the policy would block it.
// 4. The Content-Security-Policy gets the SHA-256 of every inline script the page runs
//    (Trunk's start-up script and the page's head script) and of the inlined style sheet
//    in place of its markers: 'unsafe-inline' would allow any. Data blocks (the guide's
//    data) are not scripts, so they get no hash.
// 5. The service worker (assets/service-worker.js) is written with the list of the
//    build's files and a digest of their contents as its version: a new build is a new
//    service worker, which replaces the previous build's cache.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The guide the page ships with; GUIDE=path builds the playground for another one. */
const GUIDE = process.env.GUIDE ? join(ROOT, process.env.GUIDE) : join(ROOT, "guides", "matomo.md");
const SCRIPT_MARKER = "'inline-script-hashes'";
const STYLE_MARKER = "'inline-style-hashes'";
/** What Trunk's live-reload script holds until its server fills it in. */
const RELOAD_ADDRESS = "'{{__TRUNK_ADDRESS__}}'";
const RELOAD_BASE = "{{__TRUNK_WS_BASE__}}";
const RELOAD_FILE = "trunk-live-reload.js";
const SERVICE_WORKER = "service-worker.js";

function fail(message) {
  console.error(`post-build: ${message}`);
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

// 1. Prerender (it fails the build, naming the guide's file and line, if it cannot).
try {
  execFileSync("cargo", ["run", "--quiet", "--locked", "--bin", "prerender", "--", GUIDE, page], {
    cwd: ROOT,
    stdio: "inherit",
  });
} catch {
  fail("the bundled guide could not be prerendered (see above)");
}

let html = readFileSync(page, "utf8");

// 2. Comments out. Script bodies are left as they are (a `//` may sit in a string there);
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

// 3. Live reload, under `trunk serve` only.
const inlineScripts = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
html = html.replace(inlineScripts, (whole, attributes, body) => {
  if (!body.includes(RELOAD_ADDRESS)) return whole;
  const script = body.replace(RELOAD_ADDRESS, "window.location.host").replaceAll(RELOAD_BASE, publicPath);
  writeWhole(join(staging, RELOAD_FILE), script);
  return `<script src="${publicPath}${RELOAD_FILE}"></script>`;
});

// 4. The policy.
for (const marker of [SCRIPT_MARKER, STYLE_MARKER]) {
  if (!html.includes(marker)) fail(`${page} has no ${marker} marker in its Content-Security-Policy`);
}
const scriptHashes = [];
for (const [, attributes, body] of html.matchAll(inlineScripts)) {
  const type = attributes.match(/\btype\s*=\s*"([^"]*)"/)?.[1] ?? "";
  if (type === "" || type === "module" || type === "text/javascript") scriptHashes.push(sha256(body));
}
const styleHashes = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(([, body]) => sha256(body));
html = html.replace(SCRIPT_MARKER, scriptHashes.join(" ")).replace(STYLE_MARKER, styleHashes.join(" "));
writeWhole(page, html);

// 5. The service worker, with every file of the build but itself.
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
const worker = readFileSync(join(ROOT, "assets", SERVICE_WORKER), "utf8")
  .replace("/* FILES */ []", JSON.stringify(built))
  .replace("/* VERSION */", version.digest("hex").slice(0, 16));
writeWhole(join(staging, SERVICE_WORKER), worker);

console.log(
  `post-build: guide prerendered; ${scriptHashes.length} inline script(s) and ${styleHashes.length} style sheet(s) ` +
    `allowed by hash; service worker keeps ${built.length} files`,
);
